#include "edustack/constructs/kms_key.hpp"

#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

std::string alias_of(const core::Construct& scope, std::string_view id,
                     const KmsKeyConfig& config) {
  if (config.alias.empty()) {
    throw ConfigError(scope.node().path() + "/" + std::string(id), "alias",
                      "a KMS key needs an alias");
  }
  return config.alias.rfind("alias/", 0) == 0 ? config.alias : "alias/" + config.alias;
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
    : core::Construct(scope, id),
      alias_name_(alias_of(scope, id, config)),
      key_(*this, "key", key_config(*this, alias_name_, config)),
      alias_(*this, "alias", {.name = alias_name_, .target_key_id = key_.key_id()}) {
  check_name(*this, "alias", alias_name_, kKmsAliasName);
  if (alias_name_.rfind("alias/aws/", 0) == 0) {
    throw ConfigError(node().path(), "alias", "\"alias/aws/\" is reserved for AWS managed keys");
  }
  check_range(*this, "deletion_window_in_days", config.deletion_window_in_days, 7, 30);
  check_range(*this, "rotation_period_in_days", config.rotation_period_in_days, 90, 2560);
}

}  // namespace edustack::constructs
