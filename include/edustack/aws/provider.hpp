#pragma once

// The AWS provider configuration (hand-written; the generated types are beside it).
//
//   aws::Provider aws(stack, "aws", {.default_tags = {{"project", "edustack"}},
//                                    .region = "eu-west-2"});
//   aws::Provider us(stack, "us", {.alias = "us", .region = "us-east-1"});
//   bucket.set_provider(us);

#include <optional>
#include <string>
#include <string_view>

#include "edustack/core/arguments.hpp"
#include "edustack/core/provider.hpp"

namespace edustack::aws {

// The `assume_role` block: the provider acts as this role.
struct AssumeRole {
  core::String duration;  // "1h"
  core::String external_id;
  core::String policy;  // JSON of a session policy
  core::List<core::String> policy_arns;
  core::String role_arn;
  core::String session_name;
  core::String source_identity;
  core::Map<core::String> tags;
  core::List<core::String> transitive_tag_keys;
};

// Like the generated config structs, fields are in alphabetical order.
struct ProviderConfig {
  // Empty for the default configuration; otherwise resources select it with set_provider().
  // A literal: Terraform resolves provider configurations before anything else is known.
  std::string alias;
  core::List<core::String> allowed_account_ids;
  std::optional<AssumeRole> assume_role;
  // Tags the provider adds to every taggable resource it manages (`default_tags { tags }`).
  core::Map<core::String> default_tags;
  core::List<core::String> forbidden_account_ids;
  core::String profile;
  core::String region;
};

// provider "aws" { ... }. Registers hashicorp/aws (version `~> 6.0`, the major version the
// generated bindings come from) in the stack's required_providers.
class Provider : public core::Provider {
 public:
  static constexpr const char* source = "hashicorp/aws";
  static constexpr const char* version = "~> 6.0";

  Provider(core::Construct& scope, std::string_view id, ProviderConfig config = {});

  const ProviderConfig& config() const noexcept { return config_; }
  ProviderConfig& config() noexcept { return config_; }

 protected:
  core::Value arguments() const override;

 private:
  ProviderConfig config_;
};

core::Value to_value(const AssumeRole& assume_role);

}  // namespace edustack::aws
