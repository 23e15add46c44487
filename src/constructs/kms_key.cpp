#include "edustack/constructs/kms_key.hpp"

#include "edustack/aws/kms_alias.hpp"
#include "edustack/aws/kms_key.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

// Every config problem is reported (all of them, in one ConfigError) before any part is created:
// the checks run in the initialiser of the alias name, before the key and the alias.
std::string checked_alias(const core::Construct& owner, const KmsKeyConfig& config) {
  ConfigProblems problems(owner);
  std::string alias;
  if (config.alias.empty()) {
    problems.add("alias", "a KMS key needs an alias");
  } else {
    alias = config.alias.rfind("alias/", 0) == 0 ? config.alias : "alias/" + config.alias;
    if (problems.name("alias", alias, kKmsAliasName) && alias.rfind("alias/aws/", 0) == 0) {
      problems.add("alias", "\"alias/aws/\" is reserved for AWS managed keys");
    }
  }
  problems.range("deletion_window_in_days", config.deletion_window_in_days, 7, 30);
  problems.range("rotation_period_in_days", config.rotation_period_in_days, 90, 2560);
  problems.throw_if_any();
  return alias;
}

aws::KmsKeyConfig key_config(core::Construct& scope, const std::string& alias,
                             const KmsKeyConfig& config) {
  core::StringExpr root = "arn:" + partition(scope) + ":iam::" + account_id(scope) + ":root";
  std::vector<PolicyStatement> statements{{.sid = "AccountAdministers",
                                           .actions = {"kms:*"},
                                           .resources = {"*"},
                                           .principals = core::Value::Object{{"AWS", root}}}};
  if (!config.service_principals.empty()) {
    statements.push_back(
        {.sid = "ServicesUseTheKey",
         .actions = {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                     "kms:DescribeKey", "kms:CreateGrant"},
         .resources = {"*"},
         .principals = service_principals(config.service_principals),
         .conditions = core::Value::Object{
             {"StringEquals", core::Value::Object{{"aws:SourceAccount", account_id(scope)}}}}});
  }
  for (const auto& extra : config.extra_statements) statements.push_back(extra);
  aws::KmsKeyConfig out;
  out.description =
      config.description.empty() ? alias + " (managed by edustack)" : config.description;
  out.enable_key_rotation = true;
  out.rotation_period_in_days = config.rotation_period_in_days;
  out.deletion_window_in_days = config.deletion_window_in_days;
  out.policy = policy_json(statements);
  return out;
}

}  // namespace

KmsKey::KmsKey(core::Construct& scope, std::string_view id, KmsKeyConfig config)
    : core::Construct(scope, id), alias_name_(checked_alias(*this, config)) {
  key_ = &make<aws::KmsKey>("key", key_config(*this, alias_name_, config));
  alias_ = &make<aws::KmsAlias>(
      "alias", aws::KmsAliasConfig{.name = alias_name_, .target_key_id = key_->key_id()});
}

core::StringExpr KmsKey::arn() const { return key_->arn(); }
core::StringExpr KmsKey::key_id() const { return key_->key_id(); }
core::StringExpr KmsKey::alias_arn() const { return alias_->arn(); }

}  // namespace edustack::constructs
