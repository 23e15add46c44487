#pragma once

// The FERPA rule pack: controls for a platform that stores student education records.
// Every rule, its severity, fix and checkov / trivy equivalents: docs/compliance.md.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/compliance/rule_pack.hpp"

namespace edustack::compliance {

// Whether a resource type has a tags argument; nullopt when the answerer does not know the type.
using TagLookup = std::function<std::optional<bool>(std::string_view type)>;

struct FerpaOptions {
  // Minimum CloudWatch log retention in days by the DataClassification tag of the log group
  // (matched case-insensitively). Classifications not listed, and untagged log groups, need
  // default_retention_days.
  std::map<std::string, int> retention_days = {{"public", 30},
                                               {"internal", 90},
                                               {"confidential", 365},
                                               {"restricted", 365},
                                               {"ferpa-confidential", 365}};
  int default_retention_days = 365;
  // Tags every taggable resource carries (its own tags merged over the provider default_tags).
  std::vector<std::string> required_tags = {"DataClassification", "Environment"};
  // Whether an untyped resource's type takes tags, from a provider schema loaded at run time
  // (`edustack check --provider-schema`); asked before the registry built from the schema of the
  // bindings. Unset, or nullopt for a type the loaded schema lacks: the registry answers.
  TagLookup schema_tags;
};

// A fresh pack (name "ferpa") with these options.
RulePack ferpa_pack(const FerpaOptions& options = {});

// The rules of the pack with default options, built once: the catalogue suppress() consults.
const RulePack& ferpa_catalogue();

}  // namespace edustack::compliance
