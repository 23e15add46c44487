# The samples of the other documentation pages, compiled into edustack_docs_samples_tests
# (included by tests/CMakeLists.txt); tests/docs_check.cmake checks that the pages quote them.
set(docs_samples_dir ${PROJECT_SOURCE_DIR}/examples/docs)
target_sources(edustack_docs_samples_tests PRIVATE
  ${docs_samples_dir}/compliance_test.cpp
  ${docs_samples_dir}/constructs_test.cpp
  ${docs_samples_dir}/generator_test.cpp
  ${docs_samples_dir}/modules_test.cpp
  ${docs_samples_dir}/validation_test.cpp)

# README.md: two whole programs, run by CTest in a scratch directory.
add_executable(docs_readme_stack ${docs_samples_dir}/readme_stack.cpp)
target_link_libraries(docs_readme_stack PRIVATE edustack::edustack edustack_warnings)
add_test(NAME docs.readme.stack COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:docs_readme_stack>
  -DSAMPLE=stack -DWORK=${CMAKE_CURRENT_BINARY_DIR}/docs-readme-stack
  -P ${docs_samples_dir}/readme_check.cmake)
if(TARGET edustack_cli)
  add_executable(docs_readme_cli ${docs_samples_dir}/readme_cli.cpp)
  target_link_libraries(docs_readme_cli PRIVATE edustack::cli edustack_warnings)
  add_test(NAME docs.readme.cli COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:docs_readme_cli>
    -DSAMPLE=cli -DWORK=${CMAKE_CURRENT_BINARY_DIR}/docs-readme-cli
    -P ${docs_samples_dir}/readme_check.cmake)
endif()

# docs/modules-and-iterators.md: a typed binding of tests/core/modules/app_database; its outputs
# are typed from the provider schema when it is there.
include(EdustackModuleBindings)
set(docs_aws_schema ${EDUSTACK_SHARED_DIR}/schemas/aws-provider-6.47.0.json)
if(EXISTS ${docs_aws_schema} AND (TARGET edustack-gen OR TARGET edustack::gen))
  edustack_module_binding(edustack_docs_samples_tests NAME app_database
    DIR ${PROJECT_SOURCE_DIR}/tests/core/modules/app_database SCHEMA ${docs_aws_schema})
  target_compile_definitions(edustack_docs_samples_tests PRIVATE
    EDUSTACK_DOCS_TYPED_MODULE_OUTPUTS)
else()
  message(STATUS "docs samples: no ${docs_aws_schema}, the typed module binding sample is skipped")
endif()
