#pragma once

// Offline validation of synthesized Terraform JSON against a provider schema: what
// `terraform validate` would reject, found without Terraform, providers or credentials.
// See docs/validation.md for the rules.

#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/synthesis.hpp"
#include "edustack/schema/provider_schema.hpp"

namespace edustack::inline core {
class App;
}

namespace edustack::schema {

enum class FindingKind {
  unknown_type,          // a resource or data source type the provider does not have
  unknown_argument,      // an argument or block the type does not have
  computed_only,         // an attribute the provider computes, which cannot be set
  missing_required,      // a required argument or required block is absent
  wrong_type,            // a literal that cannot be converted to the argument's type
  block_count,           // fewer blocks than min_items or more than max_items
  single_block_list,     // a nesting_mode "single" block given as a list of several items
  undeclared_reference,  // a reference to a resource, data source, variable, local or
                         // provider configuration the configuration does not declare
  unknown_attribute,     // a reference to an attribute the referenced type does not have
  missing_provider,      // a provider the stack declares (required_providers or a provider
                         // block), or that serves an element's type, that the schema does not
                         // hold: nothing of it can be checked
  unchecked_type,        // a type the schema file lists in schemas_not_included
};

// "unknown_argument", ...
std::string_view to_string(FindingKind kind) noexcept;

struct Finding {
  std::string stack;           // stack name
  std::string address;         // "aws_vpc.main", "data.aws_region.current", "output.url"
  std::string construct_path;  // from the element's "//" metadata; empty when absent
  std::string argument;        // "rule[0].filter.prefix"; empty when the element as a whole
  std::string message;
  FindingKind kind = FindingKind::unknown_argument;

  // [app/stack/network/vpc] aws_vpc.main: argument "cidr_blok": unknown argument (stack "stack")
  // The bracket holds the construct path, or the address when there is no construct path.
  std::string to_string() const;
};

// Validates one synthesized stack. Throws SchemaError when artifact.json is not a JSON object.
std::vector<Finding> validate(const ProviderSchema& schema, const StackArtifact& artifact);

// Validates a Terraform JSON document; stack names it in the findings.
std::vector<Finding> validate_json(const ProviderSchema& schema, std::string_view json,
                                   std::string_view stack = {});

// Synthesizes every stack of the app in memory with metadata (construct paths) and validates
// each. Synthesis errors propagate as SynthError.
std::vector<Finding> validate(const ProviderSchema& schema, App& app);

}  // namespace edustack::schema
