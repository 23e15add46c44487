include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/edustack DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# Every other AWS type: the headers edustack-gen wrote into the build tree (tools/gen).
if(EDUSTACK_GENERATED_INCLUDE_DIR)
  install(DIRECTORY ${EDUSTACK_GENERATED_INCLUDE_DIR}/edustack DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()
set(EDUSTACK_EXPORTED_TARGETS edustack edustack_core edustack_aws edustack_constructs
  edustack_schema edustack_compliance edustack_warnings)
set(EDUSTACK_HAS_TESTING OFF)
if(TARGET edustack_testing)
  list(APPEND EDUSTACK_EXPORTED_TARGETS edustack_testing)
  set(EDUSTACK_HAS_TESTING ON)
endif()
set(EDUSTACK_HAS_CLI OFF)
if(TARGET edustack_cli)
  list(APPEND EDUSTACK_EXPORTED_TARGETS edustack_cli)
  set(EDUSTACK_HAS_CLI ON)
endif()
# edustack-gen, for bindings of other providers and types: bin/edustack-gen, and the imported
# target edustack::gen for add_custom_command(COMMAND edustack::gen ...).
if(TARGET edustack-gen)
  set_target_properties(edustack-gen PROPERTIES EXPORT_NAME gen)
  list(APPEND EDUSTACK_EXPORTED_TARGETS edustack-gen)
endif()
install(TARGETS ${EDUSTACK_EXPORTED_TARGETS} EXPORT edustackTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT edustackTargets NAMESPACE edustack:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/edustack)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/edustackConfig.cmake.in
  ${PROJECT_BINARY_DIR}/edustackConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/edustack)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/edustackConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/edustackConfig.cmake ${PROJECT_BINARY_DIR}/edustackConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/EdustackEmbed.cmake ${PROJECT_SOURCE_DIR}/cmake/EdustackEmbedFile.cmake
  ${PROJECT_SOURCE_DIR}/cmake/EdustackModuleBindings.cmake
  ${PROJECT_SOURCE_DIR}/cmake/EdustackProviderBindings.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/edustack)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
  ${PROJECT_SOURCE_DIR}/CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
