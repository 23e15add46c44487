#pragma once

// Profiles: which rules a stack is checked against.
//
//   baseline  the AWS security baseline (baseline.hpp): what `edustack check` runs on a stack
//             that did not opt in to anything
//   ferpa     the FERPA pack (ferpa.hpp) plus every baseline rule no FERPA rule already covers:
//             what compliance::enable(stack) opts a stack in to
//
// Where a FERPA rule and a baseline rule check the same property (FERPA-S3-001 and AWS-ENC-001
// both look at a bucket's default encryption; FERPA asks for more), the FERPA profile keeps the
// FERPA rule only, so one problem is reported once. covering_rules() names them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/compliance/ferpa.hpp"
#include "edustack/compliance/rule_pack.hpp"

namespace edustack::compliance {

enum class Profile { baseline, ferpa };

const char* to_string(Profile profile) noexcept;  // "baseline", "ferpa"
std::optional<Profile> parse_profile(std::string_view name);

// The pack of a profile: "aws-baseline" (the baseline rules) or "ferpa" (the FERPA rules, then
// the baseline rules no FERPA rule covers).
RulePack profile_pack(Profile profile, const FerpaOptions& ferpa = {});

// The FERPA rules that cover a baseline rule: they report every resource it would (and more), so
// the FERPA profile leaves the baseline rule out. Empty for a rule the FERPA profile keeps, and
// for ids that are not baseline rules.
const std::vector<std::string>& covering_rules(std::string_view baseline_id);

}  // namespace edustack::compliance
