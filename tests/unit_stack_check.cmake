# Runs the scale benchmark's stack program (bench/unit_stack.cpp) with RESOURCES resources into
# WORK and compares the SHA-256 of its stack file with SHA256: the output of the JSON writer and
# expression renderer before their rewrite for speed (issue 16), which must stay byte-identical.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${PROGRAM} ${RESOURCES} synth --quiet --out ${WORK}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the unit stack program failed (${rc}): ${out}${err}")
endif()
file(SHA256 ${WORK}/stacks/units/main.tf.json actual)
file(SIZE ${WORK}/stacks/units/main.tf.json size)
file(REMOVE_RECURSE ${WORK})
if(NOT actual STREQUAL SHA256)
  message(FATAL_ERROR "stacks/units/main.tf.json of ${RESOURCES} resources (${size} bytes) has "
    "SHA-256 ${actual}, expected ${SHA256}: synthesis output changed")
endif()
message(STATUS "${RESOURCES} resources: ${size} bytes, SHA-256 as before")
