#pragma once

// The result of a compliance check and its renderings: text for people, JSON for scripts,
// SARIF 2.1.0 for code-scanning UIs.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/compliance/rule.hpp"
#include "edustack/compliance/suppression.hpp"

namespace edustack::compliance {

struct Finding {
  std::string rule;  // "FERPA-S3-001"
  Severity severity = Severity::error;
  std::string message;  // the rule's message plus the detail of this violation
  std::string fix;
  std::string path;           // construct path of the resource
  std::string address;        // "aws_s3_bucket.data"
  std::string resource_type;  // "aws_s3_bucket"
  std::string stack;          // stack id
  std::string file;           // synthesized file, relative to the output directory
  int line = 0;               // line of the resource in that file; 0 when unknown
  std::optional<Suppression> suppressed_by;
  std::string note;  // e.g. why a suppression was not honoured

  bool suppressed() const noexcept { return suppressed_by.has_value(); }
};

struct SuppressionUse {
  Suppression suppression;
  std::size_t findings = 0;  // findings it suppressed (0: it suppresses nothing today)
};

// A resource a rule applies to but could not check (Rule::skip_reason).
struct Skipped {
  std::string rule;
  std::string path;     // construct path of the resource
  std::string address;  // "aws_foo.bar"
  std::string stack;
  std::string reason;
};

struct Report {
  std::string pack;          // "ferpa"
  std::string pack_version;  // "1.0"
  std::vector<RuleInfo> rules;
  std::vector<std::string> stacks;  // construct paths of the stacks checked
  std::vector<Finding> findings;    // suppressed ones included, marked
  std::vector<SuppressionUse> suppressions;
  std::vector<Skipped> skipped;  // resources rules could not check, and why

  std::size_t errors() const noexcept;    // unsuppressed error findings
  std::size_t warnings() const noexcept;  // unsuppressed warning findings
  std::size_t suppressed() const noexcept;
  bool passed() const noexcept { return errors() == 0; }
  const RuleInfo* rule(std::string_view id) const;
  // Appends another report (another stack): rules are merged by id.
  void merge(Report other);
};

enum class Format { text, json, sarif };
// "text", "json", "sarif"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);

std::string to_text(const Report& report);
std::string to_json(const Report& report);
// SARIF 2.1.0: one run, tool.driver with every rule, one result per finding (suppressed ones
// carry a suppression with its justification), locations with the synthesized file and the
// construct path as a logical location.
std::string to_sarif(const Report& report);
std::string render(const Report& report, Format format);

}  // namespace edustack::compliance
