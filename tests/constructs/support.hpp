// Shared by the construct tests. One definition for every test file, so that the files can also
// be compiled as one unit (EDUSTACK_UNITY_TESTS).
#pragma once

#include <edustack/compliance.hpp>
#include <edustack/error.hpp>
#include <string>
#include <vector>

// The message of the ConfigError that f throws, or "no error".
template <class F>
std::string config_error(F&& f) {
  try {
    f();
  } catch (const edustack::ConfigError& e) {
    return e.what();
  }
  return "no error";
}

// The paths of the AWS-LOG-001 (no server access logging) findings of the stack.
inline std::vector<std::string> unlogged(edustack::core::Stack& stack) {
  namespace compliance = edustack::compliance;
  std::vector<std::string> out;
  for (const auto& f : compliance::check(stack, compliance::Profile::baseline).findings) {
    if (f.rule == "AWS-LOG-001") out.push_back(f.path);
  }
  return out;
}
