# Typed bindings of a Terraform module, generated at build time by `edustack-gen module`:
#
#   edustack_module_binding(<target> NAME <name> DIR <module directory>
#                           [NAMESPACE <c++ namespace>] [SCHEMA <provider schema .json>])
#
# reads the variable and output blocks of DIR/*.tf and DIR/*.tf.json and generates
# <build>/edustack_modules/<target>/edustack/modules/<name>.hpp (class <Name>, struct
# <Name>Inputs), added to the target's include path: #include "edustack/modules/<name>.hpp".
# It is regenerated when a file of the module changes. SCHEMA, when it exists, types the outputs
# that are a resource attribute. See docs/modules-and-iterators.md.
function(edustack_module_binding target)
  cmake_parse_arguments(ARG "" "NAME;DIR;NAMESPACE;SCHEMA" "" ${ARGN})
  if(NOT ARG_NAME OR NOT ARG_DIR)
    message(FATAL_ERROR "edustack_module_binding(${target}): NAME and DIR are required")
  endif()
  get_filename_component(dir "${ARG_DIR}" ABSOLUTE)
  file(GLOB module_files CONFIGURE_DEPENDS "${dir}/*.tf" "${dir}/*.tf.json")
  if(NOT module_files)
    message(FATAL_ERROR "edustack_module_binding(${target}): ${dir} has no .tf or .tf.json file")
  endif()
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/edustack_modules/${target}")
  set(header "${out_dir}/edustack/modules/${ARG_NAME}.hpp")
  # In edustack's own build the generator target is edustack-gen; from an install,
  # find_package(edustack) imports it as edustack::gen.
  if(TARGET edustack-gen)
    set(gen edustack-gen)
  elseif(TARGET edustack::gen)
    set(gen edustack::gen)
  else()
    message(FATAL_ERROR "edustack_module_binding(${target}): no edustack-gen (build edustack "
      "with EDUSTACK_BUILD_GENERATOR=ON)")
  endif()
  set(command ${gen} module --dir "${dir}" --name "${ARG_NAME}" --out "${header}")
  if(ARG_NAMESPACE)
    list(APPEND command --namespace "${ARG_NAMESPACE}")
  endif()
  set(depends ${gen} ${module_files})
  if(ARG_SCHEMA AND EXISTS "${ARG_SCHEMA}")
    list(APPEND command --schema "${ARG_SCHEMA}")
    list(APPEND depends "${ARG_SCHEMA}")
  endif()
  add_custom_command(OUTPUT "${header}" COMMAND ${command} DEPENDS ${depends}
    COMMENT "edustack-gen: module ${ARG_NAME} from ${dir}" VERBATIM)
  target_sources(${target} PRIVATE "${header}")
  target_include_directories(${target} PRIVATE "${out_dir}")
endfunction()
