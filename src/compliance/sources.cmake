# Built-in compliance checks (FERPA rule pack, suppressions, reports): docs/compliance.md.
list(APPEND EDUSTACK_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/compliance/check.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/compliance/command.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/compliance/ferpa.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/compliance/inspect.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/compliance/policy.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/compliance/report.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/compliance/rule.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/compliance/suppression.cpp)
