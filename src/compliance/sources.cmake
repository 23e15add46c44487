# Built-in compliance checks (AWS baseline and FERPA rule packs, suppressions, reports): docs/compliance.md.
list(APPEND EDUSTACK_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/baseline.cpp
  ${CMAKE_CURRENT_LIST_DIR}/check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ferpa.cpp
  ${CMAKE_CURRENT_LIST_DIR}/inspect.cpp
  ${CMAKE_CURRENT_LIST_DIR}/policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resource_tags.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rule.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rule_support.cpp
  ${CMAKE_CURRENT_LIST_DIR}/suppression.cpp)
