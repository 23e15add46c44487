#pragma once

// Suppressions: a construct opts its whole subtree out of one rule, with a written reason.
//
//   compliance::suppress(assets_bucket, "FERPA-S3-002",
//                        "public course catalogue images; no student data, served by CloudFront");
//
// Suppressions are never silent: every one is listed in the report (with the findings it
// covers) and each suppressed finding is recorded as an info annotation in the manifest.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/construct.hpp"

namespace edustack::compliance {

inline constexpr std::size_t min_reason_length = 10;

struct Suppression {
  std::string rule;    // "FERPA-S3-002"
  std::string reason;  // at least min_reason_length characters, trimmed
  std::string path;    // the construct it was declared on
};

// Suppresses rule_id for scope and everything below it. Throws ConfigError naming the
// construct path and the field when rule_id is empty, when the reason is shorter than
// min_reason_length characters (surrounding whitespace does not count), or when rule_id is a
// built-in rule that is not suppressible. (A custom non-suppressible rule is caught at check
// time: the suppression is ignored and the finding says so.)
void suppress(Construct& scope, std::string_view rule_id, std::string_view reason);

// The suppressions declared on this construct itself.
std::vector<Suppression> suppressions_of(const Construct& construct);
// The suppressions declared on this construct and everything below it, in tree order.
std::vector<Suppression> suppressions_in(const Construct& scope);
// The nearest suppression of rule_id on the construct or one of its ancestors; nullopt if none.
std::optional<Suppression> find_suppression(const Construct& construct, std::string_view rule_id);

}  // namespace edustack::compliance
