# Typed bindings of any provider, generated at build time by edustack-gen (header-only, so there
# is nothing to compile but the code that includes them; no clang-format needed):
#
#   edustack_add_provider_bindings(TARGET <target> SCHEMA <schema.json>
#                                  [PROVIDER <address>] [NAMESPACE <name>]
#                                  [TYPES <type> ... | ALL])
#
# SCHEMA is `terraform providers schema -json` output; PROVIDER the provider's address in it
# (default registry.terraform.io/hashicorp/aws); NAMESPACE the C++
# namespace edustack::<name> and include directory edustack/<name> (default: the provider's
# name); TYPES as in a types file (aws_vpc, data.aws_region, ephemeral.random_password), or ALL
# for every resource, data source and ephemeral resource. Also generates provider.hpp (class
# Provider) and, when the provider has functions, functions.hpp. <target> is an INTERFACE
# library: link it, and #include "edustack/<name>/<type>.hpp". Regenerated when the schema or
# the generator changes. See docs/generator.md.
function(edustack_add_provider_bindings)
  cmake_parse_arguments(ARG "ALL" "TARGET;SCHEMA;PROVIDER;NAMESPACE" "TYPES" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_SCHEMA)
    message(FATAL_ERROR "edustack_add_provider_bindings: TARGET and SCHEMA are required")
  endif()
  if(NOT ARG_ALL AND NOT ARG_TYPES)
    message(FATAL_ERROR "edustack_add_provider_bindings(${ARG_TARGET}): give TYPES ... or ALL")
  endif()
  if(TARGET edustack-gen)
    set(gen edustack-gen)
  elseif(TARGET edustack::gen)
    set(gen edustack::gen)
  else()
    message(FATAL_ERROR "edustack_add_provider_bindings(${ARG_TARGET}): no edustack-gen (build "
      "edustack with EDUSTACK_BUILD_GENERATOR=ON)")
  endif()
  get_filename_component(schema "${ARG_SCHEMA}" ABSOLUTE)
  if(NOT ARG_PROVIDER)
    set(ARG_PROVIDER registry.terraform.io/hashicorp/aws)
  endif()
  string(REGEX REPLACE ".*/" "" name "${ARG_PROVIDER}")
  if(ARG_NAMESPACE)
    set(name ${ARG_NAMESPACE})
  endif()
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/edustack_providers/${ARG_TARGET}")
  set(stamp "${out_dir}/${name}.stamp")
  set(command ${gen} --quiet --header-only --no-format --provider-class --schema "${schema}"
    --provider "${ARG_PROVIDER}" --out-include "${out_dir}/include/edustack/${name}")
  if(ARG_NAMESPACE)
    list(APPEND command --namespace "${ARG_NAMESPACE}")
  endif()
  set(depends ${gen} "${schema}")
  if(ARG_ALL)
    list(APPEND command --all-types)
  else()
    set(types_file "${out_dir}/types.txt")
    list(JOIN ARG_TYPES "\n" types_text)
    file(CONFIGURE OUTPUT "${types_file}" CONTENT "${types_text}\n" @ONLY)
    list(APPEND command --types "${types_file}")
    list(APPEND depends "${types_file}")
  endif()
  add_custom_command(OUTPUT "${stamp}"
    COMMAND ${command}
    COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
    DEPENDS ${depends}
    COMMENT "Generating edustack bindings of ${ARG_PROVIDER} (${ARG_TARGET})"
    VERBATIM)
  add_custom_target(${ARG_TARGET}_generate DEPENDS "${stamp}")
  add_library(${ARG_TARGET} INTERFACE)
  add_dependencies(${ARG_TARGET} ${ARG_TARGET}_generate)
  target_include_directories(${ARG_TARGET} INTERFACE "${out_dir}/include")
  if(TARGET edustack::edustack)
    target_link_libraries(${ARG_TARGET} INTERFACE edustack::edustack)
  endif()
endfunction()
