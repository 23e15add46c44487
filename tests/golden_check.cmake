# Runs an example program into WORK and compares its stack file with GOLDEN byte for byte.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${EXAMPLE} ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "example failed (${rc}): ${out}${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/stacks/${STACK}/main.tf.json ${GOLDEN}
  RESULT_VARIABLE differs)
if(differs)
  message(FATAL_ERROR "${WORK}/stacks/${STACK}/main.tf.json differs from ${GOLDEN}; "
    "if the change is intended, copy it over the golden file")
endif()
