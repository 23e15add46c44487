#pragma once

#include <string>
#include <string_view>

#include "edustack/constructs/encrypted_bucket.hpp"
#include "edustack/constructs/required.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class Cloudtrail;
}  // namespace edustack::aws

namespace edustack::constructs {

struct AuditTrailConfig {
  // Required: the trail's name, 3-128 letters, digits, '.', '_' and '-' ("edu-trail-dev").
  std::string name;
  // Required: the name of the bucket created for the logs (S3 bucket name rules).
  std::string bucket_name;
  // Required: customer-managed KMS key for the log files (and the bucket). Its key policy must
  // let cloudtrail.amazonaws.com use it (KmsKeyConfig::service_principals).
  core::Required<core::String, required::kms_key_arn> kms_key_arn;
  bool multi_region = true;                   // every region's events, in one trail
  bool include_global_service_events = true;  // IAM, STS, CloudFront
  std::string s3_key_prefix;                  // default none: AWSLogs/<account>/... at the root
  // Log files move to Glacier after this many days (default 90; 0: never) and are kept for
  // expire_days (default 0: forever).
  int glacier_after_days = 90;
  int expire_days = 0;
  // Also deliver events to CloudWatch Logs (default off): a log group
  // /aws/cloudtrail/<name> with this retention (default 365) and optional KMS key, and the role
  // CloudTrail writes with.
  bool cloudwatch_logs = false;
  int log_retention_days = 365;
  core::String log_kms_key_arn;
};

// A CloudTrail trail (multi-region, log file validation, KMS-encrypted log files, management
// events) writing to its own EncryptedBucket, whose policy lets CloudTrail check the bucket ACL
// and write objects with bucket-owner-full-control, both only for this trail (aws:SourceArn).
class AuditTrail : public core::Construct {
 public:
  AuditTrail(core::Construct& scope, std::string_view id, AuditTrailConfig config);

  core::StringExpr arn() const;
  EncryptedBucket& bucket() noexcept { return *bucket_; }
  const aws::Cloudtrail& resource() const noexcept { return *trail_; }

 private:
  EncryptedBucket* bucket_ = nullptr;
  aws::Cloudtrail* trail_ = nullptr;
};

}  // namespace edustack::constructs
