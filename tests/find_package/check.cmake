# Installs the build tree into WORK/prefix, then configures, builds and runs the consumer
# project against it: what `find_package(edustack)` gives a platform team.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK}/prefix
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK}/build -G Ninja
  -DCMAKE_PREFIX_PATH=${WORK}/prefix -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-O0
  -DEDUSTACK_BINDINGS_SCHEMA=${BINDINGS_SCHEMA}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configure failed: ${out}${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}/build RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "build failed: ${out}${err}")
endif()
execute_process(COMMAND ${WORK}/build/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "consumer: ok")
  message(FATAL_ERROR "consumer failed (${rc}): ${out}")
endif()
execute_process(COMMAND ${WORK}/build/consumer_cli list RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "aws_sqs_queue")
  message(FATAL_ERROR "consumer_cli list failed (${rc}): ${out}")
endif()
message(STATUS "find_package(edustack) consumer built and ran")
if(EXISTS "${BINDINGS_SCHEMA}")
  execute_process(COMMAND ${WORK}/build/consumer_bindings RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "consumer_bindings: ok")
    message(FATAL_ERROR "consumer_bindings failed (${rc}): ${out}")
  endif()
  message(STATUS "edustack_add_provider_bindings: generated, built and ran against the install")
else()
  message(STATUS "SKIPPED edustack_add_provider_bindings: no schema at ${BINDINGS_SCHEMA}")
endif()

# The install holds every AWS type: exactly the headers of the source tree's include/edustack/aws
# (committed types) plus those generated into the build tree (every other type).
if(GENERATED_INCLUDE)
  file(GLOB_RECURSE expected RELATIVE ${SOURCE_INCLUDE}/edustack/aws ${SOURCE_INCLUDE}/edustack/aws/*.hpp)
  file(GLOB_RECURSE generated RELATIVE ${GENERATED_INCLUDE}/edustack/aws ${GENERATED_INCLUDE}/edustack/aws/*.hpp)
  list(APPEND expected ${generated})
  list(SORT expected)
  file(GLOB_RECURSE installed RELATIVE ${WORK}/prefix/include/edustack/aws ${WORK}/prefix/include/edustack/aws/*.hpp)
  list(SORT installed)
  list(LENGTH installed count)
  if(NOT installed STREQUAL expected OR count LESS 2319)
    message(FATAL_ERROR "the install's include/edustack/aws has ${count} headers, not the source tree's plus the generated ones")
  endif()
  message(STATUS "the install has every AWS type: ${count} headers")
endif()

# What the install puts on PATH: the flagship stack's CLI under a name that says so, and the
# generator for bindings of other types and providers.
foreach(program edustack-assessment edustack-gen)
  if(NOT EXISTS ${WORK}/prefix/bin/${program})
    message(FATAL_ERROR "the install has no bin/${program}")
  endif()
endforeach()
execute_process(COMMAND ${WORK}/prefix/bin/edustack-assessment --version RESULT_VARIABLE rc
  OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^edustack [0-9]+\\.[0-9]+\\.[0-9]+\n$")
  message(FATAL_ERROR "edustack-assessment --version failed (${rc}): ${out}")
endif()
if(EXISTS ${WORK}/prefix/bin/edustack)
  message(FATAL_ERROR "the install still has a generic bin/edustack")
endif()

# examples/platform-team: a team's own project (its stack, its construct, its CLI, its tests)
# against the install, warnings as errors, so none of them comes from our headers.
set(team ${WORK}/platform-team)
execute_process(COMMAND ${CMAKE_COMMAND} -S ${PLATFORM_TEAM} -B ${team} -G Ninja
  -DCMAKE_PREFIX_PATH=${WORK}/prefix -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS=-O0 -Werror"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "platform-team configure failed: ${out}${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${team} RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "platform-team build failed: ${out}${err}")
endif()
if(out MATCHES "warning:" OR err MATCHES "warning:")
  message(FATAL_ERROR "platform-team build printed warnings: ${out}${err}")
endif()
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${team} --output-on-failure
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "100% tests passed, 0 tests failed out of 6")
  message(FATAL_ERROR "platform-team tests failed (${rc}): ${out}${err}")
endif()
execute_process(COMMAND ${team}/orders-cli synth --out ${team}/out --env ci
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${team}/out/stacks/orders/main.tf.json)
  message(FATAL_ERROR "orders-cli synth failed (${rc}): ${out}${err}")
endif()
if(EXISTS ${AWS_SCHEMA})
  execute_process(COMMAND ${team}/orders-cli validate --provider-schema ${AWS_SCHEMA} --env ci
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "orders-cli validate failed (${rc}): ${out}${err}")
  endif()
endif()
message(STATUS "platform-team example built, tested and synthesized against the install")
