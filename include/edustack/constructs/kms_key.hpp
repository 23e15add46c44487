#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "edustack/constructs/iam.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class KmsAlias;
class KmsKey;
}  // namespace edustack::aws

namespace edustack::constructs {

struct KmsKeyConfig {
  std::string alias;        // required: "alias/" is added when missing ("edu-rds-dev")
  std::string description;  // default: "<alias> (managed by edustack)"
  // Services that may use the key for encryption ("logs.eu-west-2.amazonaws.com",
  // "rds.amazonaws.com", ...). The account root always administers it; no "*" principal ever.
  std::vector<std::string> service_principals;
  int deletion_window_in_days = 30;   // 7 to 30
  int rotation_period_in_days = 365;  // 90 to 2560; rotation is always on
  std::vector<PolicyStatement> extra_statements;
};

// A customer-managed KMS key with rotation on, an alias and a key policy that lets the account
// administer it and the named services use it.
class KmsKey : public core::Construct {
 public:
  KmsKey(core::Construct& scope, std::string_view id, KmsKeyConfig config);

  core::StringExpr arn() const;
  core::StringExpr key_id() const;
  core::StringExpr alias_arn() const;
  const std::string& alias_name() const noexcept { return alias_name_; }
  const aws::KmsKey& resource() const noexcept { return *key_; }

 private:
  std::string alias_name_;
  aws::KmsKey* key_ = nullptr;
  aws::KmsAlias* alias_ = nullptr;
};

}  // namespace edustack::constructs
