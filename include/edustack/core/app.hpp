#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "edustack/core/construct.hpp"
#include "edustack/core/synthesis.hpp"

namespace edustack::inline core {

class Stack;

// The root of the tree. Its stacks are synthesized together into one output directory:
//   <outdir>/manifest.json
//   <outdir>/stacks/<stack>/main.tf.json
class App : public Construct {
 public:
  explicit App(std::string_view id = "app");

  // Creates a stack owned by the app: T(*this, id, args...) with the App itself, which is what
  // stack constructors take.
  template <class T, class... Args>
  T& make(std::string_view id, Args&&... args) {
    return adopt(std::make_unique<T>(*this, id, std::forward<Args>(args)...));
  }

  std::vector<Stack*> stacks() const;
  Stack* try_find_stack(std::string_view id) const;

  // Applies aspects, runs validations, collects annotations, then renders every selected
  // stack. Throws SynthError listing every problem; nothing is written then.
  SynthResult synth_in_memory(const SynthOptions& options = {});

  // synth_in_memory, then writes the output directory atomically: everything goes to a
  // temporary sibling directory that replaces outdir in one rename, so a failure or a killed
  // process leaves the previous output whole. Terraform's working files in the old stack
  // directories (.terraform/, the lock file, local state, plan files) are carried over, and
  // when only some stacks are selected, the other stacks' directories are kept as they were.
  SynthResult synth(const std::filesystem::path& outdir, const SynthOptions& options = {});
};

}  // namespace edustack::inline core
