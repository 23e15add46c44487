#pragma once

// The AWS security baseline: the controls every stack should meet, whatever data it holds:
// encryption at rest and in transit, no public access, logging, least privilege, backups.
// `edustack check` runs it on every stack; the FERPA profile adds the education-record rules
// on top (profile.hpp). Every rule, what it checks and how to suppress it: docs/compliance.md.

#include "edustack/compliance/rule_pack.hpp"

namespace edustack::compliance {

// A fresh pack (name "aws-baseline"): rules AWS-ENC-*, AWS-TLS-*, AWS-PUB-*, AWS-LOG-*,
// AWS-IAM-*, AWS-BAK-*.
RulePack baseline_pack();

// The baseline rules, built once: the catalogue suppress() and reports consult.
const RulePack& baseline_catalogue();

}  // namespace edustack::compliance
