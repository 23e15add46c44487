#pragma once

#include <string>
#include <string_view>

#include "edustack/constructs/lambda_function.hpp"
#include "edustack/constructs/required.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class SecretsmanagerSecret;
class SecretsmanagerSecretVersion;
}  // namespace edustack::aws

namespace edustack::aws::data {
class SecretsmanagerRandomPassword;
}
namespace edustack::inline core {
class EphemeralResource;
}

namespace edustack::constructs {

// What the rotation Lambda changes the password of.
enum class RotationTarget {
  aurora_postgresql_cluster,  // rds:ModifyDBCluster MasterUserPassword
  redis_replication_group,    // elasticache:ModifyReplicationGroup AuthToken, strategy ROTATE
};

struct RotatingSecretConfig {
  // Required: the secret's name, 1-512 of letters, digits and "/_+=.@-" ("edu-dev/aurora").
  std::string name;
  // Required: the customer-managed KMS key the secret is encrypted with; the rotation Lambda
  // may decrypt and generate data keys with it (and nothing else).
  core::Required<core::String, required::kms_key_arn> kms_key_arn;
  std::string description;  // default "<name> (managed by edustack, rotated by Lambda)"
  // Stored beside the password ({"username": ..., "password": ...}); empty: password only.
  std::string username;
  int password_length = 32;          // 16 to 128 (the Redis AUTH token limits)
  bool exclude_punctuation = true;   // letters and digits only: valid for RDS and Redis alike
  int rotation_days = 30;            // 1 to 365
  int recovery_window_in_days = 30;  // 0 (delete at once) or 7 to 30
  // true: the first password never reaches plan or state. It comes from an ephemeral
  // `random_password` (provider hashicorp/random) and is written through the secret version's
  // write-only `secret_string_wo`; give initial_password() only to write-only arguments
  // (`master_password_wo`). Needs Terraform 1.11, which the stack then requires.
  // false: for a target whose password argument is not write-only (ElastiCache `auth_token`):
  // the value comes from the aws_secretsmanager_random_password data source, and the secret
  // version and the target both hold it in state (ignore_changes, since it differs each plan).
  bool write_only = true;
  // The rotation function: name (default "<name>-rotation" with '/' as '-', at most 64
  // characters) and its log group's retention (default 365) and KMS key (default none: that
  // key's policy must admit logs.<region>.amazonaws.com, which the secret's key need not).
  std::string rotation_function_name;
  int log_retention_days = 365;
  core::String log_kms_key_arn;
};

// A Secrets Manager secret encrypted with a customer KMS key whose first value is generated at
// apply time (the configuration holds only a reference, never the value; with `write_only`, the
// default, not even plan or state hold it), rotated every N days by a Lambda whose Python code
// lives in this repository (lambda/rotation/handler.py) and is packaged reproducibly.
//
// Two steps, because the resource whose password rotates needs the first password:
//   RotatingSecret secret(scope, "credentials", {...});
//   aws::RdsCluster cluster(..., {.master_password_wo = secret.initial_password(),
//                                 .master_password_wo_version = 1, ...});
//   secret.rotate(RotationTarget::aurora_postgresql_cluster, cluster.cluster_identifier(),
//                 cluster.arn());
// A secret that is never given a target fails synthesis.
class RotatingSecret : public core::Construct {
 public:
  RotatingSecret(core::Construct& scope, std::string_view id, RotatingSecretConfig config);

  core::StringExpr arn() const;
  core::StringExpr id() const;
  core::StringExpr name() const;
  // The generated first password. write_only: ephemeral.random_password.<id>.result, for
  // write-only arguments only. Otherwise sensitive(data...random_password): give it to the
  // resource with lifecycle ignore_changes on that argument, rotation changes it afterwards.
  core::StringExpr initial_password() const;
  bool write_only() const noexcept { return config_.write_only; }
  // The ARN of a JSON key of the secret for ECS task definitions: "<arn>:password::".
  core::StringExpr key_arn(std::string_view key) const {
    return arn() + ":" + std::string(key) + "::";
  }

  // Creates the rotation Lambda (role limited to this secret, its key and the one target), its
  // invoke permission for Secrets Manager and the rotation schedule. Once per secret.
  LambdaFunction& rotate(RotationTarget target, const core::String& target_id,
                         const core::String& target_arn);
  LambdaFunction* rotation_function() noexcept { return function_; }
  const aws::SecretsmanagerSecret& resource() const noexcept { return *secret_; }

 private:
  core::StringExpr make_initial_password();

  RotatingSecretConfig config_;
  aws::SecretsmanagerSecret* secret_ = nullptr;
  aws::SecretsmanagerSecretVersion* version_ = nullptr;
  aws::data::SecretsmanagerRandomPassword* random_ = nullptr;  // when not write_only
  core::EphemeralResource* ephemeral_ = nullptr;               // when write_only
  LambdaFunction* function_ = nullptr;
};

// lambda/rotation/handler.py, as embedded in the library at build time.
std::string_view rotation_handler_source();

}  // namespace edustack::constructs
