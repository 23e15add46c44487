#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "edustack/core/annotations.hpp"

namespace edustack::inline core {

// A duration in milliseconds, made from any std::chrono::duration (std::chrono::seconds(30))
// without this header including <chrono> (0.2 s of compile time in every file that includes
// the core headers), or explicitly from a count: Milliseconds(500).
class Milliseconds {
 public:
  constexpr explicit Milliseconds(std::int64_t count) noexcept : count_(count) {}
  template <class Duration>
  requires requires(const Duration& d) {
    d.count();
    Duration::period::num;
    Duration::period::den;
  }
  constexpr Milliseconds(const Duration& duration) noexcept  // NOLINT: implicit, as chrono's
      : count_(static_cast<std::int64_t>(duration.count() * 1000 * Duration::period::num /
                                         Duration::period::den)) {}

  constexpr std::int64_t count() const noexcept { return count_; }
  friend constexpr bool operator==(Milliseconds, Milliseconds) noexcept = default;

 private:
  std::int64_t count_;
};

struct SynthOptions {
  std::vector<std::string> stacks;  // stack ids to synthesize; empty means all
  bool metadata = false;            // add "//": {"metadata": {"path": ...}} to each element
  // Each failed validation and error annotation ends with " (created at file:line)": where its
  // construct was created (Node::created_at). Never written to the JSON.
  bool source_locations = false;
  // App::synth: how long to wait for another synthesis writing the same output directory
  // (its .edustack/lock) before failing with IoError "io.output_locked". Zero: fail at once.
  Milliseconds lock_timeout{30'000};
  // App::synth: also return each stack's document in StackArtifact::json (synth_in_memory always
  // does). false: a document is written from its pieces straight into its output file, never
  // held whole beside them (100,000 resources: 35 MB of peak memory less, bench/README.md), and
  // json stays empty; json_size gives its size either way. `edustack synth` sets it false.
  bool keep_json = true;
};

// A file written into the stack's directory beside main.tf.json (a Lambda package, say).
struct StackAsset {
  std::string path;  // relative to the stack directory: "assets/rotation.zip"
  std::string content;
};

// An output of a stack, as the manifest lists it for other stacks and tools.
struct StackOutputInfo {
  std::string name;
  std::string type;  // Terraform type, "dynamic" when not known
  bool sensitive = false;
};

struct StackArtifact {
  std::string name;  // stack id
  std::string construct_path;
  std::string file;  // relative to the output directory: stacks/<name>/main.tf.json
  std::string json;  // the document, 2-space indented, keys sorted, final newline
  // The document's size in bytes: json.size(), also when App::synth did not keep json.
  std::size_t json_size = 0;
  std::vector<StackAsset> assets;
  std::size_t resource_count = 0;
  std::vector<std::string> dependencies;  // ids of the stacks this one must follow, sorted
  std::vector<StackOutputInfo> outputs;   // every output it publishes, sorted by name
  double milliseconds = 0;
};

struct SynthResult {
  std::vector<StackArtifact> stacks;
  std::vector<Annotation> annotations;  // infos and warnings (errors fail synthesis)
};

}  // namespace edustack::inline core
