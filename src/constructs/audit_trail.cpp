#include "edustack/constructs/audit_trail.hpp"

#include "edustack/aws/cloudtrail.hpp"
#include "edustack/aws/cloudwatch_log_group.hpp"
#include "edustack/aws/s3_bucket_policy.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {
constexpr NameRule kTrailName{"trail name", 3, 128, "._-", false, false, true};
}  // namespace

AuditTrail::AuditTrail(core::Construct& scope, std::string_view id, AuditTrailConfig config)
    : core::Construct(scope, id) {
  // Every config problem is reported (all of them, in one ConfigError) before any part is created.
  ConfigProblems problems(*this);
  problems.name("name", config.name, kTrailName);
  problems.log_retention("log_retention_days", config.log_retention_days);
  problems.range("glacier_after_days", config.glacier_after_days, 0, 36500, 1);
  problems.range("expire_days", config.expire_days, 0, 36500, 1);
  if (!config.s3_key_prefix.empty() &&
      (config.s3_key_prefix.front() == '/' || config.s3_key_prefix.back() == '/')) {
    problems.add("s3_key_prefix",
                 "\"" + config.s3_key_prefix + "\" must not start or end with '/'");
  }
  problems.throw_if_any();

  // The trail's ARN, spelled out: the bucket policy must exist before the trail (CloudTrail
  // checks it at creation), so it cannot refer to the trail resource.
  core::StringExpr trail_arn = "arn:" + partition(*this) + ":cloudtrail:" + region_name(*this) +
                               ":" + account_id(*this) + ":trail/" + config.name;
  core::Value only_this_trail =
      core::Value::Object{{"StringEquals", core::Value::Object{{"aws:SourceArn", trail_arn}}}};
  std::vector<BucketLifecycleRule> lifecycle;
  if (config.glacier_after_days > 0 || config.expire_days > 0) {
    lifecycle.push_back({.id = "audit-logs",
                         .transition_to_glacier_days = config.glacier_after_days,
                         .expire_days = config.expire_days});
  }
  bucket_ =
      &make<EncryptedBucket>("bucket", EncryptedBucketConfig{.name = config.bucket_name,
                                                             .kms_key_arn = config.kms_key_arn,
                                                             .lifecycle = std::move(lifecycle)});
  std::string prefix = config.s3_key_prefix.empty() ? "" : config.s3_key_prefix + "/";
  bucket_->add_policy_statement({.sid = "CloudTrailAclCheck",
                                 .actions = {"s3:GetBucketAcl"},
                                 .resources = {bucket_->arn()},
                                 .principals = service_principals({"cloudtrail.amazonaws.com"}),
                                 .conditions = only_this_trail});
  bucket_->add_policy_statement(
      {.sid = "CloudTrailWrite",
       .actions = {"s3:PutObject"},
       .resources = {bucket_->arn() + "/" + prefix + "AWSLogs/" + account_id(*this) + "/*"},
       .principals = service_principals({"cloudtrail.amazonaws.com"}),
       .conditions = core::Value::Object{
           {"StringEquals", core::Value::Object{{"s3:x-amz-acl", "bucket-owner-full-control"},
                                                {"aws:SourceArn", trail_arn}}}}});

  aws::CloudtrailConfig trail{.name = config.name, .s3_bucket_name = bucket_->name()};
  trail.enable_logging = true;
  trail.enable_log_file_validation = true;
  trail.is_multi_region_trail = config.multi_region;
  trail.include_global_service_events = config.include_global_service_events;
  trail.kms_key_id = config.kms_key_arn;
  if (!config.s3_key_prefix.empty()) trail.s3_key_prefix = config.s3_key_prefix;
  trail.event_selector.push_back({.include_management_events = true, .read_write_type = "All"});
  if (config.cloudwatch_logs) {
    auto& log_group = make<aws::CloudwatchLogGroup>(
        "log_group", aws::CloudwatchLogGroupConfig{.kms_key_id = config.log_kms_key_arn,
                                                   .name = "/aws/cloudtrail/" + config.name,
                                                   .retention_in_days = config.log_retention_days});
    auto& role = make<Role>(
        "logs_role",
        RoleConfig{.name = config.name + "-logs",
                   .assumed_by = {"cloudtrail.amazonaws.com"},
                   .trust_conditions = only_this_trail,
                   .statements = {{.sid = "DeliverTrailEvents",
                                   .actions = {"logs:CreateLogStream", "logs:PutLogEvents"},
                                   .resources = {log_group.arn() + ":log-stream:*"}}},
                   .description = "CloudTrail " + config.name + " to CloudWatch Logs"});
    trail.cloud_watch_logs_group_arn = log_group.arn() + ":*";
    trail.cloud_watch_logs_role_arn = role.arn();
  }
  trail_ = &make<aws::Cloudtrail>("trail", std::move(trail));
  // CloudTrail checks the bucket policy when the trail is created.
  trail_->add_dependency(bucket_->policy());
}

core::StringExpr AuditTrail::arn() const { return trail_->arn(); }

}  // namespace edustack::constructs
