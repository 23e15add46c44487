#include "edustack/constructs/iam.hpp"

#include <algorithm>

#include "edustack/aws/iam_role.hpp"
#include "edustack/aws/iam_role_policy.hpp"
#include "edustack/aws/iam_role_policy_attachment.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/core/functions.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

core::Value policy_document(const std::vector<PolicyStatement>& statements) {
  core::Value::List list;
  for (const auto& statement : statements) {
    core::Value entry = core::Value::Object{};
    if (!statement.sid.empty()) entry["Sid"] = statement.sid;
    entry["Effect"] = statement.effect;
    core::Value::List actions(statement.actions.begin(), statement.actions.end());
    entry["Action"] = std::move(actions);
    if (!statement.resources.empty()) {
      core::Value::List resources;
      for (const auto& resource : statement.resources) resources.push_back(resource.value());
      entry["Resource"] = std::move(resources);
    }
    if (!statement.principals.is_null()) entry["Principal"] = statement.principals;
    if (!statement.conditions.is_null()) entry["Condition"] = statement.conditions;
    list.push_back(std::move(entry));
  }
  return core::Value::Object{{"Version", "2012-10-17"}, {"Statement", std::move(list)}};
}

core::StringExpr policy_json(const std::vector<PolicyStatement>& statements) {
  return core::fn::jsonencode(policy_document(statements));
}

core::Value service_principals(const std::vector<std::string>& services) {
  core::Value::List list(services.begin(), services.end());
  return core::Value::Object{{"Service", std::move(list)}};
}

void check_statements(ConfigProblems& problems, std::string_view field,
                      const std::vector<PolicyStatement>& statements, bool allow_full_wildcard) {
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& statement = statements[i];
    std::string where = std::string(field) + "[" + std::to_string(i) + "]";
    if (statement.effect != "Allow" && statement.effect != "Deny") {
      problems.add(where + ".effect", "\"" + statement.effect + "\" is neither Allow nor Deny");
    }
    if (statement.actions.empty()) problems.add(where + ".actions", "a statement needs actions");
    bool any_action = std::find(statement.actions.begin(), statement.actions.end(), "*") !=
                      statement.actions.end();
    bool any_resource = std::any_of(statement.resources.begin(), statement.resources.end(),
                                    [](const core::String& r) {
                                      return r.value().is_string() && r.value().as_string() == "*";
                                    });
    if (statement.effect == "Allow" && any_action && any_resource && !allow_full_wildcard) {
      problems.add(where,
                   "Action \"*\" on Resource \"*\" grants everything; name the actions and "
                   "resources, or set allow_full_wildcard if this is really intended");
    }
  }
}

void check_statements(const core::Construct& owner, std::string_view field,
                      const std::vector<PolicyStatement>& statements, bool allow_full_wildcard) {
  ConfigProblems problems(owner);
  check_statements(problems, field, statements, allow_full_wildcard);
  problems.throw_if_any();
}

namespace {
// Every config problem is reported (all of them, in one ConfigError) before any part is created:
// the checks run in the initialiser of the role.
aws::IamRoleConfig role_config(const core::Construct& owner, const RoleConfig& config) {
  ConfigProblems problems(owner);
  if (config.assumed_by.empty()) {
    problems.add("assumed_by", "a role needs at least one service that assumes it");
  }
  problems.name("name", config.name, kIamRoleName);
  check_statements(problems, "statements", config.statements, config.allow_full_wildcard);
  problems.throw_if_any();
  PolicyStatement trust{.actions = {"sts:AssumeRole"},
                        .principals = service_principals(config.assumed_by),
                        .conditions = config.trust_conditions};
  aws::IamRoleConfig out{.assume_role_policy = policy_json({trust})};
  out.name = config.name;
  if (!config.description.empty()) out.description = config.description;
  return out;
}
}  // namespace

Role::Role(core::Construct& scope, std::string_view id, RoleConfig config)
    : core::Construct(scope, id), config_(std::move(config)) {
  role_ = &make<aws::IamRole>("role", role_config(*this, config_));
  for (std::size_t i = 0; i < config_.managed_policy_arns.size(); ++i) {
    make<aws::IamRolePolicyAttachment>(
        "managed" + std::to_string(i),
        aws::IamRolePolicyAttachmentConfig{.policy_arn = config_.managed_policy_arns[i],
                                           .role = role_->name()});
  }
  for (auto& statement : config_.statements) statements_.push_back(statement);
  refresh_policy();
}

void Role::add_statement(PolicyStatement statement) {
  check_statements(*this, "statements", {statement}, config_.allow_full_wildcard);
  statements_.push_back(std::move(statement));
  refresh_policy();
}

void Role::refresh_policy() {
  if (statements_.empty()) return;
  if (!policy_) {
    policy_ = &make<aws::IamRolePolicy>(
        "policy",
        aws::IamRolePolicyConfig{.policy = policy_json(statements_), .role = role_->id()});
  } else {
    policy_->config().policy = policy_json(statements_);
  }
}

core::StringExpr Role::arn() const { return role_->arn(); }
core::StringExpr Role::name() const { return role_->name(); }

}  // namespace edustack::constructs
