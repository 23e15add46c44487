# edustack_embed_files(TARGET <target> NAMESPACE <ns> FILES <symbol>=<path> ...)
#
# Compiles files (Lambda handlers, policy documents, scripts) into <target> as
# `const std::string_view <ns>::<symbol>`, so a stack reads its assets from the binary instead of
# string literals or paths relative to where it runs. Each file becomes a generated .cpp in the
# build tree, regenerated when the file changes. Declare the symbols in a header of yours:
#
#   namespace myteam::assets { extern const std::string_view handler_py; }
#
# Exported with the package: `find_package(edustack)` makes this function available.
set(EDUSTACK_EMBED_FILE_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/EdustackEmbedFile.cmake")

function(edustack_embed_files)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;NAMESPACE" "FILES")
  if(NOT arg_TARGET OR NOT arg_NAMESPACE OR NOT arg_FILES)
    message(FATAL_ERROR "edustack_embed_files: TARGET, NAMESPACE and FILES are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "edustack_embed_files: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  string(REPLACE "::" "_" directory "${arg_NAMESPACE}")
  foreach(entry IN LISTS arg_FILES)
    if(NOT entry MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=(.+)$")
      message(FATAL_ERROR "edustack_embed_files: '${entry}' is not <symbol>=<path> "
        "(the symbol must be a C++ identifier)")
    endif()
    set(symbol "${CMAKE_MATCH_1}")
    set(input "${CMAKE_MATCH_2}")
    if(NOT IS_ABSOLUTE "${input}")
      set(input "${CMAKE_CURRENT_SOURCE_DIR}/${input}")
    endif()
    if(NOT EXISTS "${input}")
      message(FATAL_ERROR "edustack_embed_files: ${input} (symbol ${symbol}) does not exist")
    endif()
    set(output "${CMAKE_CURRENT_BINARY_DIR}/edustack-embedded/${directory}/${symbol}.cpp")
    add_custom_command(OUTPUT "${output}"
      COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
        -DNAMESPACE=${arg_NAMESPACE} -P ${EDUSTACK_EMBED_FILE_SCRIPT}
      DEPENDS "${input}" ${EDUSTACK_EMBED_FILE_SCRIPT}
      COMMENT "Embedding ${input} as ${arg_NAMESPACE}::${symbol}"
      VERBATIM)
    target_sources(${arg_TARGET} PRIVATE "${output}")
    # Each embedded file defines its bytes file-locally (kBytes): never batched in a unity build.
    set_source_files_properties("${output}" PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
  endforeach()
endfunction()
