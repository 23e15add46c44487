#pragma once

#include <concepts>
#include <memory>
#include <string_view>
#include <vector>

#include "edustack/core/construct.hpp"
#include "edustack/core/synthesis.hpp"

namespace edustack::inline core {

class Stack;
namespace detail {
class JsonDocumentStream;
}  // namespace detail

// The root of the tree. Its stacks are synthesized together into one output directory
// (its layout: edustack/core/manifest.hpp):
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

  // synth_in_memory, then writes the output directory in place, under its lock
  // (.edustack/lock): each file is replaced atomically and the whole write is journaled, so a
  // killed process leaves the previous output, or a journal that the next synthesis completes.
  // Only files edustack wrote before (listed in .edustack/record.json) are ever removed;
  // Terraform's working files (.terraform/, the lock file, local state, plan files) are never
  // moved. A non-empty outdir that edustack did not write is refused (IoError
  // "io.output_not_owned"). When only some stacks are selected, the other stacks' files are kept
  // as they were. A stack directory kept because it still holds other files (state) is reported
  // as a warning annotation (rule "output.kept"). See README "Synthesis output".
  // With options.keep_json false, each stack's document is written from its pieces straight
  // into its file and the artifacts' json is left empty (json_size is set).
  SynthResult synth(std::string_view outdir, const SynthOptions& options = {});
  // The same with a std::filesystem::path (any type with native() as text), without this header
  // including <filesystem>: it and <chrono> would add 0.5 s to every file that includes the
  // core headers (bench/README.md, "Compile time of the core headers").
  template <class Path>
  requires requires(const Path& path) {
    { path.native() } -> std::convertible_to<std::string_view>;
  }
  SynthResult synth(const Path& outdir, const SynthOptions& options = {}) {
    return synth(std::string_view(outdir.native()), options);
  }

 private:
  // synth_in_memory; with documents given, documents->at(i) holds the unassembled document of
  // result.stacks[i] when it was written piece by piece (its json then empty), else null.
  SynthResult synthesize_stacks(
      const SynthOptions& options,
      std::vector<std::unique_ptr<detail::JsonDocumentStream>>* documents);
};

}  // namespace edustack::inline core
