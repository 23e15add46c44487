# Compiles one source file (syntax only) and checks the outcome; run by CTest with cmake -P.
#   -DCXX=<compiler> -DSOURCE=<file> -DINCLUDE_DIR=<dir>
#   -DEXPECT_ERROR=<regex>   the compile must fail and its diagnostics must match the regex;
#                            without it the compile must succeed
#   -DDEFINES=<A;B>          -D flags (the defect of a compile_fail/ file is behind a macro)
#   -DFLAGS=<f1|f2>          extra compiler flags, '|'-separated
#   -DWITHIN_LINES=<n>       EXPECT_ERROR must match within the first n lines of diagnostics
#                            (what a user reads first), not just somewhere
cmake_policy(SET CMP0007 NEW)  # empty lines stay list elements
foreach(var CXX SOURCE INCLUDE_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compile_check.cmake: -D${var}= is required")
  endif()
endforeach()

set(command ${CXX} -std=c++20 -fsyntax-only -I${INCLUDE_DIR})
foreach(define IN LISTS DEFINES)
  list(APPEND command -D${define})
endforeach()
string(REPLACE "|" ";" flags "${FLAGS}")
list(APPEND command ${flags} ${SOURCE})

execute_process(COMMAND ${command} RESULT_VARIABLE result OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
list(JOIN command " " shown)

if(DEFINED EXPECT_ERROR AND NOT EXPECT_ERROR STREQUAL "")
  if(result EQUAL 0)
    message(FATAL_ERROR "compiled, but it must not:\n  ${shown}")
  endif()
  if(NOT output MATCHES "${EXPECT_ERROR}")
    message(FATAL_ERROR "failed to compile as required, but no diagnostic matches "
      "'${EXPECT_ERROR}':\n  ${shown}\n${output}")
  endif()
  if(DEFINED WITHIN_LINES)
    # Line by line: source lines quoted in diagnostics contain ';', CMake's list separator.
    string(REPLACE ";" "<semicolon>" lines "${output}")
    string(REPLACE "\n" ";" lines "${lines}")
    # The include chain that precedes a diagnostic ("In file included from ...", "from ...") is
    # not part of what it says.
    list(FILTER lines EXCLUDE REGEX "^(In file included from | +from )")
    list(SUBLIST lines 0 ${WITHIN_LINES} head)
    string(REPLACE "<semicolon>" ";" head "${head}")
    if(NOT head MATCHES "${EXPECT_ERROR}")
      message(FATAL_ERROR "the diagnostic matching '${EXPECT_ERROR}' is not within the first "
        "${WITHIN_LINES} lines:\n  ${shown}\n${output}")
    endif()
  endif()
  string(REGEX MATCH "[^\n]*${EXPECT_ERROR}[^\n]*" line "${output}")
  message(STATUS "fails to compile as required: ${line}")
else()
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "must compile, but does not:\n  ${shown}\n${output}")
  endif()
  message(STATUS "compiles: ${shown}")
endif()
