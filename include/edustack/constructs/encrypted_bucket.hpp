#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/constructs/iam.hpp"
#include "edustack/constructs/required.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class S3Bucket;
class S3BucketLogging;
class S3BucketPolicy;
class S3BucketPublicAccessBlock;
class S3BucketServerSideEncryptionConfiguration;
}  // namespace edustack::aws

namespace edustack::constructs {

struct BucketLifecycleRule {
  std::string id;
  std::string prefix;                  // empty: the whole bucket
  int transition_to_glacier_days = 0;  // 0: no transition
  int expire_days = 0;                 // 0: objects never expire
  int noncurrent_expire_days = 0;      // 0: old versions are kept
  int abort_incomplete_upload_days = 7;
};

class EncryptedBucket;

struct EncryptedBucketConfig {
  std::string name;  // S3 bucket name rules: 3-63 of [a-z0-9.-]
  core::Required<core::String, required::kms_key_arn>
      kms_key_arn;  // SSE-KMS with this customer-managed key
  bool versioned = true;
  bool force_destroy = false;
  std::vector<BucketLifecycleRule> lifecycle;
  std::vector<PolicyStatement> policy_statements;  // added to the TLS-only bucket policy
  // S3 server access logs: when given, every request to this bucket is logged into that log
  // bucket (another EncryptedBucket, never this one) under access_log_prefix (default
  // "s3-access-logs/<name>/"; must end with '/'). The log bucket's policy gets a statement that
  // lets logging.s3.amazonaws.com write there for this bucket and account only; its KMS key's
  // policy must let logging.s3.amazonaws.com use the key (KmsKeyConfig::service_principals).
  // nullptr (the default): no server access logs (compliance rule AWS-LOG-001 warns).
  EncryptedBucket* access_log_bucket = nullptr;
  std::string access_log_prefix;
};

// An S3 bucket with SSE-KMS (bucket key on), versioning, every public access block setting on,
// a bucket policy that denies any request without TLS, optional lifecycle rules, and optional
// server access logging into a log bucket.
class EncryptedBucket : public core::Construct {
 public:
  EncryptedBucket(core::Construct& scope, std::string_view id, EncryptedBucketConfig config);

  core::StringExpr arn() const;
  core::StringExpr name() const;
  core::StringExpr id() const;
  const aws::S3Bucket& resource() const noexcept { return *bucket_; }
  // The bucket policy (TLS only, plus the statements added), for a resource that a service
  // checks against it when it is created (a CloudTrail trail).
  const aws::S3BucketPolicy& policy() const noexcept { return *policy_; }
  // The server access logging of this bucket; nullptr without access_log_bucket.
  const aws::S3BucketLogging* access_logging() const noexcept { return access_logging_; }

  // Adds a statement to the bucket policy (a service that writes to it, for example).
  void add_policy_statement(PolicyStatement statement);

 private:
  void refresh_policy();
  void log_access_to(EncryptedBucket& log_bucket, const std::string& prefix);

  aws::S3Bucket* bucket_ = nullptr;
  aws::S3BucketServerSideEncryptionConfiguration* encryption_ = nullptr;
  aws::S3BucketPublicAccessBlock* public_access_ = nullptr;
  aws::S3BucketPolicy* policy_ = nullptr;
  std::vector<PolicyStatement> statements_;
  aws::S3BucketLogging* access_logging_ = nullptr;
  int access_log_sources_ = 0;  // buckets that log into this one
};

}  // namespace edustack::constructs
