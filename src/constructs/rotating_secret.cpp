#include "edustack/constructs/rotating_secret.hpp"

#include <algorithm>
#include <string_view>

#include "edustack/aws/data/secretsmanager_random_password.hpp"
#include "edustack/aws/lambda_permission.hpp"
#include "edustack/aws/secretsmanager_secret.hpp"
#include "edustack/aws/secretsmanager_secret_rotation.hpp"
#include "edustack/aws/secretsmanager_secret_version.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/core/ephemeral.hpp"
#include "edustack/core/functions.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/error.hpp"
#include "embedded.hpp"

namespace edustack::constructs {

std::string_view rotation_handler_source() { return embedded::rotation_handler_py; }

namespace {

std::string default_function_name(const std::string& secret_name) {
  std::string out = secret_name;
  for (char& c : out) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) c = '-';
  }
  return out + "-rotation";
}

}  // namespace

RotatingSecret::RotatingSecret(core::Construct& scope, std::string_view id,
                               RotatingSecretConfig config)
    : core::Construct(scope, id), config_(std::move(config)) {
  // Every config problem is reported (all of them, in one ConfigError) before any part is created.
  ConfigProblems problems(*this);
  bool name_ok = problems.name("name", config_.name, kSecretName);
  problems.range("password_length", config_.password_length, 16, 128, 1);
  problems.range("rotation_days", config_.rotation_days, 1, 365, 1);
  if (config_.recovery_window_in_days != 0) {
    problems.range("recovery_window_in_days", config_.recovery_window_in_days, 7, 30, 1);
  }
  // A default function name is checked only when the secret name it comes from is valid (no
  // knock-on problem from one mistake).
  bool given = !config_.rotation_function_name.empty();
  if (!given) config_.rotation_function_name = default_function_name(config_.name);
  if (given || name_ok) {
    problems.name("rotation_function_name", config_.rotation_function_name, kLambdaFunctionName);
  }
  problems.log_retention("log_retention_days", config_.log_retention_days);
  problems.throw_if_any();

  secret_ = &make<aws::SecretsmanagerSecret>(
      "secret", aws::SecretsmanagerSecretConfig{
                    .description = config_.description.empty()
                                       ? config_.name + " (managed by edustack, rotated by Lambda)"
                                       : config_.description,
                    .kms_key_id = config_.kms_key_arn,
                    .name = config_.name,
                    .recovery_window_in_days = config_.recovery_window_in_days});
  core::Value::Object value{{"password", make_initial_password()}};
  if (!config_.username.empty()) value.emplace("username", config_.username);
  aws::SecretsmanagerSecretVersionConfig version{.secret_id = secret_->id()};
  if (config_.write_only) {
    version.secret_string_wo = core::fn::jsonencode(value);
    version.secret_string_wo_version = 1;  // written once: rotation owns the value afterwards
  } else {
    version.secret_string = core::fn::jsonencode(value);
  }
  version_ = &make<aws::SecretsmanagerSecretVersion>("initial_version", std::move(version));
  // The data source yields a new value on every plan and rotation replaces the value: only the
  // first one is ever written.
  if (!config_.write_only) version_->set_lifecycle({.ignore_changes = {"secret_string"}});
  node().add_validation([this]() -> std::vector<std::string> {
    if (function_ != nullptr) return {};
    return {"the secret is never rotated: call rotate() with the resource whose password it holds"};
  });
}

// Characters Secrets Manager, RDS and Redis all accept in a password: printable ASCII
// punctuation without space, quotes, '/', '@' and '\\'.
constexpr std::string_view kPasswordPunctuation = "!#$%&()*+,-.:;<=>?[]^_`{|}~";

core::StringExpr RotatingSecret::make_initial_password() {
  bool special = !config_.exclude_punctuation;
  if (config_.write_only) {
    core::Stack& stack = core::Stack::of(*this);
    stack.require_terraform("1.11");  // write-only arguments
    stack.add_required_provider("random", {.source = "hashicorp/random", .version = "~> 3.7"});
    core::Value::Object arguments{{"length", config_.password_length},
                                  {"special", special},
                                  {"min_lower", 1},
                                  {"min_upper", 1},
                                  {"min_numeric", 1}};
    if (special) {
      arguments.emplace("override_special", std::string(kPasswordPunctuation));
      arguments.emplace("min_special", 1);
    }
    ephemeral_ =
        &make<core::EphemeralResource>("initial_password", "random_password", std::move(arguments));
    return initial_password();
  }
  random_ = &make<aws::data::SecretsmanagerRandomPassword>(
      "initial_password", aws::data::SecretsmanagerRandomPasswordConfig{
                              .exclude_characters = " \"'/@\\",
                              .exclude_punctuation = config_.exclude_punctuation,
                              .include_space = false,
                              .password_length = config_.password_length,
                              .require_each_included_type = true});
  return initial_password();
}

core::StringExpr RotatingSecret::initial_password() const {
  if (ephemeral_ != nullptr) return ephemeral_->attribute_as<std::string>("result");
  return core::fn::call<std::string>("sensitive", {random_->random_password()});
}

LambdaFunction& RotatingSecret::rotate(RotationTarget target, const core::String& target_id,
                                       const core::String& target_arn) {
  if (function_ != nullptr) {
    throw ConfigError(node().path(), "rotate", "the secret already has a rotation function");
  }
  bool aurora = target == RotationTarget::aurora_postgresql_cluster;
  std::vector<PolicyStatement> statements{
      {.sid = "RotateThisSecret",
       .actions = {"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue",
                   "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"},
       .resources = {arn()}},
      // GetRandomPassword acts on no resource: "*" is the only resource it accepts.
      {.sid = "GeneratePasswords",
       .actions = {"secretsmanager:GetRandomPassword"},
       .resources = {"*"}},
      {.sid = "UseTheSecretKey",
       .actions = {"kms:Decrypt", "kms:GenerateDataKey"},
       .resources = {config_.kms_key_arn},
       .conditions =
           core::Value::Object{
               {"StringEquals",
                core::Value::Object{{"kms:ViaService",
                                     "secretsmanager." + region_name(*this) + ".amazonaws.com"}}}}},
      aurora ? PolicyStatement{.sid = "ChangeTheClusterPassword",
                               .actions = {"rds:ModifyDBCluster", "rds:DescribeDBClusters"},
                               .resources = {target_arn}}
             : PolicyStatement{.sid = "ChangeTheAuthToken",
                               .actions = {"elasticache:ModifyReplicationGroup",
                                           "elasticache:DescribeReplicationGroups"},
                               .resources = {target_arn}}};
  function_ = &make<LambdaFunction>(
      "rotation",
      LambdaFunctionConfig{
          .function_name = config_.rotation_function_name,
          .description = "Rotates the secret " + config_.name,
          .files = {{.path = "handler.py", .content = std::string(rotation_handler_source())}},
          .timeout = 300,
          .environment = {{"TARGET_KIND", aurora ? "aurora-postgresql" : "redis"},
                          {"TARGET_ID", target_id},
                          {"PASSWORD_LENGTH", std::to_string(config_.password_length)},
                          {"EXCLUDE_PUNCTUATION", config_.exclude_punctuation ? "true" : "false"}},
          .kms_key_arn = config_.kms_key_arn,
          .statements = std::move(statements),
          .log_retention_days = config_.log_retention_days,
          .log_kms_key_arn = config_.log_kms_key_arn});
  auto& permission = make<aws::LambdaPermission>(
      "invoke_permission",
      aws::LambdaPermissionConfig{.action = "lambda:InvokeFunction",
                                  .function_name = function_->function_name(),
                                  .principal = "secretsmanager.amazonaws.com",
                                  .source_account = account_id(*this),
                                  .source_arn = arn(),
                                  .statement_id = "AllowSecretsManagerRotation"});
  auto& rotation = make<aws::SecretsmanagerSecretRotation>(
      "rotation_schedule",
      aws::SecretsmanagerSecretRotationConfig{
          .rotate_immediately = false,
          .rotation_lambda_arn = function_->arn(),
          .rotation_rules = {{.automatically_after_days = config_.rotation_days}},
          .secret_id = secret_->id()});
  rotation.add_dependency(permission);
  rotation.add_dependency(*version_);
  return *function_;
}

core::StringExpr RotatingSecret::arn() const { return secret_->arn(); }
core::StringExpr RotatingSecret::id() const { return secret_->id(); }
core::StringExpr RotatingSecret::name() const { return secret_->name(); }

}  // namespace edustack::constructs
