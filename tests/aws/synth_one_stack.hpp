#pragma once

// The document of an app's only stack, synthesized in memory: the helper the binding tests of
// this directory share (a unity build compiles them into one program).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "edustack/core/app.hpp"

namespace edustack::aws_tests {

inline nlohmann::json synth_one_stack(App& app) {
  SynthResult result = app.synth_in_memory();
  EXPECT_EQ(result.stacks.size(), 1u);
  return nlohmann::json::parse(result.stacks.at(0).json);
}

}  // namespace edustack::aws_tests
