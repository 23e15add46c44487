#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/construct.hpp"
#include "edustack/core/element.hpp"
#include "edustack/core/source_location.hpp"
#include "edustack/core/synthesis.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core {

class App;
class Element;
class Stack;
namespace detail {
class CrossStackLinks;
class JsonDocumentStream;
}  // namespace detail

// What Element::synthesize() returned for each element of a stack, in the order of
// Stack::elements(). App::synth builds it once for a stack that has checks: the checks read it,
// then Stack::synthesize moves the bodies into the document (no element is synthesized twice).
struct SynthesizedElements {
  std::vector<const Element*> elements;
  std::vector<std::vector<Fragment>> fragments;  // fragments[i]: those of elements[i]
};

// A check over a whole stack, run at synthesis after every aspect (so it sees the final tree)
// and before rendering. Error findings fail synthesis; the others are reported and recorded in
// the manifest. The compliance pack is one.
class StackCheck {
 public:
  virtual ~StackCheck() = default;
  virtual std::vector<Annotation> check(const Stack& stack) const = 0;
  // The check at synthesis, given the elements as synthesized (the stack's own elements, in
  // tree order); a check that reads element bodies uses these. By default check(stack).
  virtual std::vector<Annotation> check_synthesized(const Stack& stack,
                                                    const SynthesizedElements& synthesized) const {
    (void)synthesized;
    return check(stack);
  }
};

struct StackConfig {
  std::string required_version = ">= 1.10";  // S3 native locking needs Terraform 1.10
};

struct ProviderRequirement {
  std::string source;
  std::string version;
};

// One Terraform configuration: one directory, one state.
class Stack : public Construct {
 public:
  Stack(App& app, std::string_view id, StackConfig config = {},
        SourceLocation created_at = SourceLocation::current());

  // The stack a construct belongs to; throws ConstructError when it is in none.
  static Stack& of(const Construct& construct);

  void add_required_provider(const std::string& name, ProviderRequirement requirement);
  const std::map<std::string, ProviderRequirement>& required_providers() const noexcept {
    return required_providers_;
  }
  const StackConfig& config() const noexcept { return config_; }

  // Raises the Terraform version the stack needs, for a feature that an element uses
  // (write-only arguments: "1.11"). A `required_version` of the form ">= X" with X lower is
  // synthesized as ">= minimum"; any other constraint is the user's and is kept as written.
  void require_terraform(std::string_view minimum);
  // The required_version as synthesized.
  std::string required_version() const;

  void add_check(std::shared_ptr<const StackCheck> check) { checks_.push_back(std::move(check)); }
  const std::vector<std::shared_ptr<const StackCheck>>& checks() const noexcept { return checks_; }

  // Adds a file to the stack's output directory and returns its path relative to that
  // directory, which is where terraform runs, so arguments can name it directly. The same
  // path twice is an error unless the content is identical.
  std::string add_asset(std::string relative_path, std::string content);
  const std::vector<StackAsset>& assets() const noexcept { return assets_; }

  // Escape hatch on the whole document: "terraform.cloud.organization".
  void add_override(std::string_view path, Value value);

  // This stack is deployed after other (and destroyed before it). References to elements of
  // another stack add such a dependency by themselves.
  void add_dependency(const Stack& other);
  const std::vector<const Stack*>& dependencies() const noexcept { return dependencies_; }

  // Elements of this stack, depth-first in insertion order.
  std::vector<const Element*> elements() const;

  // Synthesizes this stack alone (aspects are the App's business: App::synth applies them).
  // Throws SynthError listing every problem.
  StackArtifact synthesize(const SynthOptions& options = {}) const;
  // The same with the cross-stack links App::synth computed once for all stacks and, when given,
  // the elements it synthesized for the checks (their bodies are moved out of it). With
  // document given (App::synth, SynthOptions::keep_json false), a document written piece by
  // piece is handed out there unassembled, and the artifact's json and json_size are left for
  // App::synth to fill when it writes the text; *document stays null when it was not streamed.
  StackArtifact synthesize(const SynthOptions& options, const detail::CrossStackLinks& links,
                           SynthesizedElements* synthesized = nullptr,
                           std::unique_ptr<detail::JsonDocumentStream>* document = nullptr) const;

 private:
  StackConfig config_;
  std::string minimum_terraform_;
  std::map<std::string, ProviderRequirement> required_providers_;
  std::vector<std::pair<std::string, Value>> overrides_;
  std::vector<std::shared_ptr<const StackCheck>> checks_;
  std::vector<StackAsset> assets_;
  std::vector<const Stack*> dependencies_;
};

}  // namespace edustack::inline core
