#include "edustack/constructs/encrypted_bucket.hpp"

#include "edustack/aws/s3_bucket.hpp"
#include "edustack/aws/s3_bucket_lifecycle_configuration.hpp"
#include "edustack/aws/s3_bucket_logging.hpp"
#include "edustack/aws/s3_bucket_policy.hpp"
#include "edustack/aws/s3_bucket_public_access_block.hpp"
#include "edustack/aws/s3_bucket_server_side_encryption_configuration.hpp"
#include "edustack/aws/s3_bucket_versioning.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

std::vector<PolicyStatement> tls_only(const core::StringExpr& arn) {
  return {{.sid = "DenyInsecureTransport",
           .effect = "Deny",
           .actions = {"s3:*"},
           .resources = {arn, arn + "/*"},
           .principals = core::Value::Object{{"AWS", "*"}},
           .conditions = core::Value::Object{
               {"Bool", core::Value::Object{{"aws:SecureTransport", "false"}}}}}};
}

// Every config problem is reported (all of them, in one ConfigError) before any part is created:
// the checks run in the initialiser of the first part, the bucket.
aws::S3BucketConfig checked_bucket(const core::Construct& owner,
                                   const EncryptedBucketConfig& config) {
  ConfigProblems problems(owner);
  if (problems.name("name", config.name, kS3BucketName) &&
      config.name.find("..") != std::string::npos) {
    problems.add("name", "\"" + config.name + "\" has two adjacent periods");
  }
  for (std::size_t i = 0; i < config.lifecycle.size(); ++i) {
    const auto& rule = config.lifecycle[i];
    std::string field = "lifecycle[" + std::to_string(i) + "]";
    if (rule.id.empty()) problems.add(field + ".id", "a rule needs an id");
    if (rule.expire_days > 0 && rule.transition_to_glacier_days > 0 &&
        rule.expire_days <= rule.transition_to_glacier_days) {
      problems.add(field + ".expire_days", "objects would expire before they move to Glacier");
    }
  }
  const std::string& prefix = config.access_log_prefix;
  if (!prefix.empty() && config.access_log_bucket == nullptr) {
    problems.add("access_log_prefix", "is set, but access_log_bucket is not");
  } else if (!prefix.empty() && (prefix.front() == '/' || prefix.back() != '/')) {
    problems.add("access_log_prefix",
                 "\"" + prefix + "\" must not start with '/' and must end with '/'");
  }
  problems.throw_if_any();
  return {.bucket = config.name, .force_destroy = config.force_destroy};
}

}  // namespace

EncryptedBucket::EncryptedBucket(core::Construct& scope, std::string_view id,
                                 EncryptedBucketConfig config)
    : core::Construct(scope, id) {
  bucket_ = &make<aws::S3Bucket>("bucket", checked_bucket(*this, config));
  encryption_ = &make<aws::S3BucketServerSideEncryptionConfiguration>(
      "encryption",
      aws::S3BucketServerSideEncryptionConfigurationConfig{
          .bucket = bucket_->id(),
          .rule = {
              {.apply_server_side_encryption_by_default = {{.kms_master_key_id = config.kms_key_arn,
                                                            .sse_algorithm = "aws:kms"}},
               .bucket_key_enabled = true}}});
  public_access_ = &make<aws::S3BucketPublicAccessBlock>(
      "public_access", aws::S3BucketPublicAccessBlockConfig{.block_public_acls = true,
                                                            .block_public_policy = true,
                                                            .bucket = bucket_->id(),
                                                            .ignore_public_acls = true,
                                                            .restrict_public_buckets = true});
  policy_ = &make<aws::S3BucketPolicy>(
      "policy",
      aws::S3BucketPolicyConfig{.bucket = bucket_->id(), .policy = policy_json(tls_only(arn()))});
  statements_ = tls_only(arn());
  // The public access block must exist before the policy is attached, or S3 may refuse it.
  policy_->add_dependency(*public_access_);
  if (config.versioned) {
    make<aws::S3BucketVersioning>(
        "versioning",
        aws::S3BucketVersioningConfig{.bucket = bucket_->id(),
                                      .versioning_configuration = {{.status = "Enabled"}}});
  }
  if (!config.lifecycle.empty()) {
    std::vector<aws::S3BucketLifecycleConfigurationRule> rules;
    for (std::size_t i = 0; i < config.lifecycle.size(); ++i) {
      const auto& rule = config.lifecycle[i];
      aws::S3BucketLifecycleConfigurationRule out{.id = rule.id, .status = "Enabled"};
      out.filter.push_back({.prefix = rule.prefix});
      if (rule.transition_to_glacier_days > 0) {
        out.transition.push_back(
            {.days = rule.transition_to_glacier_days, .storage_class = "GLACIER"});
      }
      if (rule.expire_days > 0) out.expiration.push_back({.days = rule.expire_days});
      if (rule.noncurrent_expire_days > 0) {
        out.noncurrent_version_expiration.push_back(
            {.noncurrent_days = rule.noncurrent_expire_days});
      }
      if (rule.abort_incomplete_upload_days > 0) {
        out.abort_incomplete_multipart_upload.push_back(
            {.days_after_initiation = rule.abort_incomplete_upload_days});
      }
      rules.push_back(std::move(out));
    }
    auto& lifecycle = make<aws::S3BucketLifecycleConfiguration>(
        "lifecycle", aws::S3BucketLifecycleConfigurationConfig{.bucket = bucket_->id()});
    lifecycle.config().rule = std::move(rules);
  }
  for (auto& statement : config.policy_statements) add_policy_statement(std::move(statement));
  if (config.access_log_bucket != nullptr) {
    log_access_to(*config.access_log_bucket, config.access_log_prefix.empty()
                                                 ? "s3-access-logs/" + config.name + "/"
                                                 : config.access_log_prefix);
  }
}

// S3 writes the access logs as logging.s3.amazonaws.com; the log bucket's policy lets it put
// objects under the prefix, only for this bucket (aws:SourceArn) of this account.
void EncryptedBucket::log_access_to(EncryptedBucket& log_bucket, const std::string& prefix) {
  ++log_bucket.access_log_sources_;
  const int n = log_bucket.access_log_sources_;
  log_bucket.add_policy_statement(
      {.sid = "ServerAccessLogs" + (n == 1 ? std::string() : std::to_string(n)),
       .actions = {"s3:PutObject"},
       .resources = {log_bucket.arn() + "/" + prefix + "*"},
       .principals = service_principals({"logging.s3.amazonaws.com"}),
       .conditions = core::Value::Object{
           {"ArnLike", core::Value::Object{{"aws:SourceArn", arn()}}},
           {"StringEquals", core::Value::Object{{"aws:SourceAccount", account_id(*this)}}}}});
  access_logging_ = &make<aws::S3BucketLogging>(
      "access_logging",
      aws::S3BucketLoggingConfig{
          .bucket = bucket_->id(), .target_bucket = log_bucket.id(), .target_prefix = prefix});
  // S3 checks that it may write to the log bucket when logging is switched on.
  access_logging_->add_dependency(log_bucket.policy());
}

void EncryptedBucket::add_policy_statement(PolicyStatement statement) {
  check_statements(*this, "policy_statements", {statement}, false);
  statements_.push_back(std::move(statement));
  refresh_policy();
}

void EncryptedBucket::refresh_policy() { policy_->config().policy = policy_json(statements_); }

core::StringExpr EncryptedBucket::arn() const { return bucket_->arn(); }
core::StringExpr EncryptedBucket::name() const { return bucket_->bucket(); }
core::StringExpr EncryptedBucket::id() const { return bucket_->id(); }

}  // namespace edustack::constructs
