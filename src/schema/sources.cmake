# The offline provider-schema validator (edustack::schema).
list(APPEND EDUSTACK_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/provider_schema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/validator.cpp)
