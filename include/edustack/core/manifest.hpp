#pragma once

// The layout of a synthesis output directory, in one place (as CDK for Terraform's manifest.ts
// owns stacksFolder and forStack()):
//
//   <outdir>/manifest.json                    every stack, its file, dependencies, annotations
//   <outdir>/stacks/<stack>/main.tf.json      the stack's Terraform JSON
//   <outdir>/stacks/<stack>/<asset>           its assets, beside it ("assets/rotation.zip")
//
// The synthesizer writes it, the output directory guards it, the CLI runs Terraform in it and
// the compliance reports point into it: all of them spell paths through these functions.

#include <map>
#include <string>
#include <string_view>

namespace edustack::inline core::layout {

inline constexpr std::string_view manifest_file = "manifest.json";
inline constexpr std::string_view stacks_folder = "stacks";
inline constexpr std::string_view stack_file_name = "main.tf.json";

// "stacks/<stack>": where Terraform runs for the stack, relative to the output directory.
inline std::string stack_directory(std::string_view stack) {
  std::string out(stacks_folder);
  out += '/';
  out += stack;
  return out;
}

// "stacks/<stack>/main.tf.json".
inline std::string stack_file(std::string_view stack) {
  return stack_directory(stack) + "/" + std::string(stack_file_name);
}

// "stacks/<stack>/<relative>": a file of the stack's directory (an asset, a plan).
inline std::string stack_path(std::string_view stack, std::string_view relative) {
  return stack_directory(stack) + "/" + std::string(relative);
}

// The line (1-based) of every resource and data source of a stack file as synthesis writes
// it, by address ("aws_s3_bucket.logs", "data.aws_region.current"): what reports point at.
std::map<std::string, int> element_lines(std::string_view stack_json);

}  // namespace edustack::inline core::layout
