# cmake -DGEN=<edustack-gen> -DSCHEMA=<aws schema> -DWORK=<dir> -P gen_not_included.cmake
if(NOT EXISTS ${SCHEMA})
  message("SKIP: no provider schema at ${SCHEMA} (../shared is absent)")
  return()
endif()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/types.txt "aws_vpc\naws_wafv2_web_acl\naws_no_such_type\n")
execute_process(COMMAND ${GEN} --schema ${SCHEMA} --types ${WORK}/types.txt
  --out-include ${WORK}/include --out-src ${WORK}/src
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "edustack-gen accepted types the schema does not have: ${out}${err}")
endif()
if(NOT err MATCHES "not in the schema of registry.terraform.io/hashicorp/aws: aws_no_such_type")
  message(FATAL_ERROR "the unknown type is not named: ${err}")
endif()
if(NOT err MATCHES "lists aws_wafv2_web_acl as not included \\(`schemas_not_included`\\)"
   OR NOT err MATCHES "terraform providers schema -json")
  message(FATAL_ERROR "the left-out type is not explained: ${err}")
endif()
if(EXISTS ${WORK}/include/vpc.hpp)
  message(FATAL_ERROR "edustack-gen wrote files although it failed")
endif()
