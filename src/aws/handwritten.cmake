# Hand-written sources of src/aws (the generated sources.cmake includes this file).
list(APPEND EDUSTACK_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/provider.cpp)
