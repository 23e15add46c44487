# Source files of Lambda functions that live in this repository (lambda/), embedded into the
# library at build time: each becomes a generated .cpp in the build tree defining a
# std::string_view (src/constructs/embedded.hpp). Rebuilt when the file changes.
set(EDUSTACK_EMBEDDED_FILES
  "rotation_handler_py|${PROJECT_SOURCE_DIR}/lambda/rotation/handler.py"
  "health_check_handler_py|${PROJECT_SOURCE_DIR}/lambda/health_check/handler.py")
foreach(entry ${EDUSTACK_EMBEDDED_FILES})
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 symbol)
  list(GET parts 1 input)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp")
  add_custom_command(OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
      -P ${CMAKE_CURRENT_LIST_DIR}/embed_file.cmake
    DEPENDS "${input}" ${CMAKE_CURRENT_LIST_DIR}/embed_file.cmake
    COMMENT "Embedding ${input}"
    VERBATIM)
  list(APPEND EDUSTACK_SOURCES "${output}")
endforeach()
