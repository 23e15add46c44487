// Shared by the construct tests: the message of the ConfigError that f throws, or "no error".
// One definition for every test file, so that the files can also be compiled as one unit
// (EDUSTACK_UNITY_TESTS).
#pragma once

#include <edustack/error.hpp>
#include <string>

template <class F>
std::string config_error(F&& f) {
  try {
    f();
  } catch (const edustack::ConfigError& e) {
    return e.what();
  }
  return "no error";
}
