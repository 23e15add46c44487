#pragma once

// Built-in compliance checks: the AWS baseline and FERPA rule packs, profiles, suppressions,
// reports. See docs/compliance.md.
#include "edustack/compliance/baseline.hpp"
#include "edustack/compliance/check.hpp"
#include "edustack/compliance/command.hpp"
#include "edustack/compliance/ferpa.hpp"
#include "edustack/compliance/inspect.hpp"
#include "edustack/compliance/policy.hpp"
#include "edustack/compliance/profile.hpp"
#include "edustack/compliance/report.hpp"
#include "edustack/compliance/rule.hpp"
#include "edustack/compliance/rule_pack.hpp"
#include "edustack/compliance/suppression.hpp"
