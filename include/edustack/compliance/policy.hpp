#pragma once

// IAM-style policy documents (identity policies, key policies, bucket policies) as statements.

#include <optional>
#include <string>
#include <vector>

#include "edustack/core/value.hpp"

namespace edustack::compliance {

class StackView;

struct PolicyCondition {
  std::string test;      // "Bool", "StringEquals"
  std::string variable;  // "aws:SecureTransport"
  std::vector<std::string> values;
};

struct PolicyStatement {
  std::string sid;
  bool allow = true;
  std::vector<std::string> actions;
  std::vector<std::string> not_actions;
  std::vector<std::string> resources;
  std::vector<std::string> not_resources;
  // "*" for a wildcard principal (Principal "*" or {"AWS": "*"}), else "TYPE:identifier".
  std::vector<std::string> principals;
  std::vector<PolicyCondition> conditions;
};

// The statements of a policy argument: jsonencode({...}), a literal JSON string, or a reference
// to an aws_iam_policy_document data source's json. Strings produced by expressions are
// rendered ("${aws_s3_bucket.data.arn}/*"). nullopt when the document cannot be read at
// synthesis.
std::optional<std::vector<PolicyStatement>> read_policy(const Value* policy,
                                                        const StackView& stack);

}  // namespace edustack::compliance
