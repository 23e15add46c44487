#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class IamRole;
class IamRolePolicy;
}  // namespace edustack::aws

namespace edustack::constructs {

// One statement of an IAM policy, typed: actions are names, resources are ARNs or references.
struct PolicyStatement {
  std::string sid;
  std::string effect = "Allow";
  std::vector<std::string> actions;
  std::vector<core::String> resources;
  core::Value principals;  // {"Service": [...]} or {"AWS": [...]}; null for identity policies
  core::Value conditions;  // {"Bool": {"aws:SecureTransport": "false"}}; null for none
};

// {"Version": "2012-10-17", "Statement": [...]} as a value, and as the JSON string Terraform
// expects (jsonencode(...), so references inside resolve at apply time).
core::Value policy_document(const std::vector<PolicyStatement>& statements);
core::StringExpr policy_json(const std::vector<PolicyStatement>& statements);

// {"Service": ["ecs-tasks.amazonaws.com", ...]}
core::Value service_principals(const std::vector<std::string>& services);

// Least privilege: rejects an Allow statement whose actions include "*" on resource "*"
// unless explicitly allowed, and a statement with no actions.
// Every problem of every statement is reported, in one ConfigError.
void check_statements(const core::Construct& owner, std::string_view field,
                      const std::vector<PolicyStatement>& statements, bool allow_full_wildcard);
class ConfigProblems;
// The same checks, adding their problems to a construct's (checks.hpp).
void check_statements(ConfigProblems& problems, std::string_view field,
                      const std::vector<PolicyStatement>& statements, bool allow_full_wildcard);

struct RoleConfig {
  std::string name;                         // IAM role name rules: 1-64 of [A-Za-z0-9+=,.@_-]
  std::vector<std::string> assumed_by;      // service principals allowed to assume it
  core::Value trust_conditions;             // condition on the trust statement (confused deputy)
  std::vector<PolicyStatement> statements;  // the inline policy
  std::vector<std::string> managed_policy_arns;
  std::string description;
  bool allow_full_wildcard = false;  // the only way to get Action "*" on Resource "*"
};

// An IAM role: trust policy for the given services, one inline policy built from typed
// statements, and managed policy attachments. Other constructs grant it access with
// add_statement().
class Role : public core::Construct {
 public:
  Role(core::Construct& scope, std::string_view id, RoleConfig config);

  core::StringExpr arn() const;
  core::StringExpr name() const;
  const aws::IamRole& resource() const noexcept { return *role_; }
  const std::vector<PolicyStatement>& statements() const noexcept { return statements_; }
  // The role's inline policy: nullptr until the role has a statement. A resource that uses the
  // role's permissions when it is created depends on it (`if (auto* p = role.policy())
  // resource.add_dependency(*p)`).
  const aws::IamRolePolicy* policy() const noexcept { return policy_; }

  void add_statement(PolicyStatement statement);

 private:
  void refresh_policy();

  RoleConfig config_;
  aws::IamRole* role_ = nullptr;
  std::vector<PolicyStatement> statements_;
  aws::IamRolePolicy* policy_ = nullptr;
};

}  // namespace edustack::constructs
