# The core layer (edustack::core): the construct tree, elements, expressions, synthesis.
list(APPEND EDUSTACK_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/aspect.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app.cpp
  ${CMAKE_CURRENT_LIST_DIR}/arguments.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cloud_backend.cpp
  ${CMAKE_CURRENT_LIST_DIR}/construct.cpp
  ${CMAKE_CURRENT_LIST_DIR}/construct_links.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cross_stack.cpp
  ${CMAKE_CURRENT_LIST_DIR}/element.cpp
  ${CMAKE_CURRENT_LIST_DIR}/error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expression.cpp
  ${CMAKE_CURRENT_LIST_DIR}/functions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/generated_support.cpp
  ${CMAKE_CURRENT_LIST_DIR}/inspect.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/language_elements.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logical_id.cpp
  ${CMAKE_CURRENT_LIST_DIR}/manifest.cpp
  ${CMAKE_CURRENT_LIST_DIR}/module.cpp
  ${CMAKE_CURRENT_LIST_DIR}/output_dir.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resource.cpp
  ${CMAKE_CURRENT_LIST_DIR}/secret_names.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stack.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stack_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/terraform_elements.cpp
  ${CMAKE_CURRENT_LIST_DIR}/value.cpp)
