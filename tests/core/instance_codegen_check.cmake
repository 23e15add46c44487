# What a translation unit that constructs a header-only generated type compiles (issue 12: the
# per-instance compile budget). Compiles tests/core/codegen/one_instance.cpp with the dev
# preset's optimisation and checks the object file's symbols: it must define the type's
# constructor (the instance was compiled) but none of the code the library compiles once:
# core::Value's destructor and copies (std::variant's), an argument's, and the destructors and
# inline virtual functions of Element / ResourceBase / Resource that the type's vtable pulls in.
#   -DCXX=<compiler> -DNM=<nm> -DSOURCE=<file> -DINCLUDE_DIR=<dir> -DWORK=<dir>
foreach(var CXX NM SOURCE INCLUDE_DIR WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "instance_codegen_check.cmake: -D${var}= is required")
  endif()
endforeach()
file(MAKE_DIRECTORY ${WORK})
set(object ${WORK}/one_instance.o)
set(command ${CXX} -std=c++20 -O1 -g0 -Wall -Wextra -Wpedantic -Wshadow
  -Wno-missing-field-initializers -Werror -I${INCLUDE_DIR} -c ${SOURCE} -o ${object})
execute_process(COMMAND ${command} RESULT_VARIABLE result OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
list(JOIN command " " shown)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "must compile, but does not:\n  ${shown}\n${output}")
endif()
execute_process(COMMAND ${NM} -C --defined-only ${object} RESULT_VARIABLE result
  OUTPUT_VARIABLE symbols ERROR_VARIABLE error)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${NM} failed: ${error}")
endif()
if(NOT symbols MATCHES "edustack::random::Pet::Pet<0>")
  message(FATAL_ERROR "the object defines no Pet constructor; the check would prove nothing:\n"
    "${symbols}")
endif()
set(forbidden
  "edustack::core::Value::~Value"
  "edustack::core::Value::Value\\(edustack::core::Value const&\\)"
  "_Variant_storage<[^\n]*edustack::core::Value"
  "edustack::core::detail::ArgumentValue::~ArgumentValue"
  "edustack::core::detail::ArgumentValue::ArgumentValue\\(edustack::core::detail::ArgumentValue const&\\)"
  "edustack::core::Element::~Element"
  "edustack::core::ResourceBase::~ResourceBase"
  "edustack::core::Resource::~Resource"
  "edustack::core::Resource::id_namespace"
  "edustack::core::Element::unique_name")
if(CXX MATCHES "clang")
  # clang 14 keeps an exception cleanup in std::variant's (noexcept) move constructor, which
  # core::Value's inline move uses: the variant's destruction is emitted with any move of one.
  list(FILTER forbidden EXCLUDE REGEX "_Variant_storage")
endif()
set(found "")
foreach(pattern IN LISTS forbidden)
  string(REGEX MATCH "[^\n]*${pattern}[^\n]*" line "${symbols}")
  if(line)
    string(APPEND found "\n  ${line}")
  endif()
endforeach()
if(found)
  message(FATAL_ERROR "a translation unit constructing a generated type compiles code the "
    "library should compile once:${found}\n(${shown})")
endif()
message(STATUS "one instance compiles only its own code: ${shown}")
