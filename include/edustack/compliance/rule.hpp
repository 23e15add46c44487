#pragma once

// A compliance rule and what it sees of a stack.
//
// A rule inspects one resource at a time (its type, address, construct path and arguments as
// they will be synthesized) with the whole stack at hand, so it can look at the resources
// around it: an aws_s3_bucket is compliant only if an encryption configuration refers to it.
//
//   auto rule = compliance::make_rule(
//       {.id = "ACME-SQS-001", .severity = compliance::Severity::warning,
//        .message = "queue keeps messages for less than 4 days",
//        .fix = "set message_retention_seconds >= 345600",
//        .resource_types = {"aws_sqs_queue"}},
//       [](const compliance::ResourceView& queue) -> compliance::Violations {
//         auto seconds = compliance::number(queue.get("message_retention_seconds"));
//         if (seconds && *seconds >= 345600) return {};
//         return {""};
//       });
//
// See docs/compliance.md and examples/custom_rule.cpp.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/resource.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core {
class Stack;
class Provider;
struct SynthesizedElements;
}  // namespace edustack::inline core

namespace edustack::compliance {

enum class Severity { warning, error };
const char* to_string(Severity severity) noexcept;

// Everything documentation and reports say about a rule. The id is stable across releases.
struct RuleInfo {
  std::string id;  // "FERPA-S3-001"
  Severity severity = Severity::error;
  std::string message;  // one line: what is wrong ("S3 bucket has no default encryption ...")
  std::string fix;      // one line: how to make it compliant
  std::string checkov;  // equivalent checkov ids, comma separated ("CKV_AWS_145"); "" if none
  std::string trivy;    // equivalent trivy / tfsec ids ("AVD-AWS-0088"); "" if none
  std::vector<std::string> resource_types;  // the types it inspects; empty: every resource
  bool suppressible = true;                 // error rules may refuse suppressions
  std::string help_uri;                     // optional link for reports
};

class StackView;

// One resource or data source of a stack, as a rule sees it.
class ResourceView {
 public:
  ResourceView(const ResourceBase& element, const StackView& stack);
  // A view of arguments synthesized elsewhere (the element's first fragment's body), which must
  // outlive the view; null: none.
  ResourceView(const ResourceBase& element, const StackView& stack, const Value* arguments);

  const ResourceBase& element() const noexcept { return *element_; }
  const std::string& type() const noexcept { return element_->terraform_type(); }
  const std::string& address() const noexcept { return address_; }  // "aws_s3_bucket.data"
  const std::string& path() const noexcept { return path_; }        // "app/stack/data/bucket"
  bool is_data_source() const noexcept { return data_source_; }
  const StackView& stack() const noexcept { return *stack_; }

  // The arguments exactly as synthesized (meta-arguments and overrides applied), expressions
  // still typed objects.
  const Value& arguments() const noexcept {
    return shared_arguments_ ? *shared_arguments_ : arguments_;
  }
  // An argument by dotted path: "access_logs.0.enabled". A nested block is a list in
  // Terraform JSON; a name step on a list reads its first item, an index step on an object
  // reads the object itself, so "access_logs.enabled" works as well.
  const Value* get(std::string_view dotted_path) const;
  // The arguments rendered as Terraform JSON, expressions as "${aws_kms_key.data.arn}".
  std::string json() const;

 private:
  const ResourceBase* element_;
  const StackView* stack_;
  std::string address_;
  std::string path_;
  bool data_source_ = false;
  Value arguments_;                          // synthesized by the view
  const Value* shared_arguments_ = nullptr;  // or synthesized by App::synth
};

// A stack prepared for rules: its resources and data sources, in tree order.
class StackView {
 public:
  explicit StackView(const Stack& stack);
  // The stack as App::synth synthesized it for its checks (no element is synthesized again);
  // `synthesized` must outlive the view.
  StackView(const Stack& stack, const SynthesizedElements& synthesized);
  StackView(const StackView&) = delete;
  StackView& operator=(const StackView&) = delete;

  const Stack& stack() const noexcept { return *stack_; }
  const std::vector<ResourceView>& resources() const noexcept { return resources_; }
  std::vector<const ResourceView*> of_type(std::string_view type) const;
  const ResourceView* find(const Element& element) const;

  // Resources of `type` whose argument `argument` refers to `target`: by an expression that
  // references it (bucket = aws_s3_bucket.data.id), or, when target_argument is given, by a
  // literal equal to the target's literal target_argument (bucket = "my-bucket-name").
  std::vector<const ResourceView*> referring_to(const ResourceView& target, std::string_view type,
                                                std::string_view argument,
                                                std::string_view target_argument = {}) const;

  // The provider configuration a resource uses: its provider meta-argument, else the stack's
  // default configuration of the provider its type belongs to ("aws" for aws_*). May be null.
  const Provider* provider_for(const ResourceView& resource) const;
  // The arguments of a provider configuration, as synthesized (once per view; the reference
  // is valid as long as the view).
  const Value& provider_arguments(const Provider& provider) const;

 private:
  const Stack* stack_;
  std::vector<ResourceView> resources_;
  std::vector<const Provider*> providers_;
  std::map<const Provider*, const Value*> synthesized_providers_;
  mutable std::map<const Provider*, Value> provider_arguments_;
};

// The violations a rule found on one resource: each string is appended to the rule's message
// as detail (an empty string adds none). No violations: compliant.
using Violations = std::vector<std::string>;

class Rule {
 public:
  explicit Rule(RuleInfo info);
  virtual ~Rule() = default;

  const RuleInfo& info() const noexcept { return info_; }
  // Whether the rule inspects this resource. Default: managed resources (not data sources)
  // whose type is in info().resource_types, or all of them when that list is empty.
  virtual bool applies_to(const ResourceView& resource) const;
  // Why the rule cannot tell whether a resource it applies to complies ("" when it can): the
  // resource is then not checked, and the report lists it as skipped with this reason.
  virtual std::string skip_reason(const ResourceView& resource) const;
  virtual Violations check(const ResourceView& resource) const = 0;

 private:
  RuleInfo info_;
};

using CheckFunction = std::function<Violations(const ResourceView&)>;

// A rule from its description and a function: the usual way to write one.
std::shared_ptr<const Rule> make_rule(RuleInfo info, CheckFunction check);

}  // namespace edustack::compliance
