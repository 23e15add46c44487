#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/constructs/audit_trail.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

constexpr const char* kTrailKey = "arn:aws:kms:eu-west-2:111122223333:key/trail";

}  // namespace

TEST(AuditTrail, MultiRegionValidatedEncryptedTrailWithBucketPolicy) {
  App app;
  Stack stack(app, "s");
  AuditTrail trail(
      stack, "audit",
      {.name = "edu-trail-dev", .bucket_name = "edu-trail-dev", .kms_key_arn = kTrailKey});
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("audit/trail");
  EXPECT_TRUE(json_contains(body, json::parse(R"({
    "name": "edu-trail-dev",
    "is_multi_region_trail": true,
    "enable_log_file_validation": true,
    "include_global_service_events": true,
    "enable_logging": true,
    "kms_key_id": "arn:aws:kms:eu-west-2:111122223333:key/trail",
    "event_selector": [{"include_management_events": true, "read_write_type": "All"}]
  })")))
      << body.dump(2);
  EXPECT_EQ(body["s3_bucket_name"], "${" + synth.address_at("audit/bucket/bucket") + ".bucket}");
  EXPECT_THAT(body["depends_on"].dump(), HasSubstr(synth.address_at("audit/bucket/policy")));
  std::string policy = synth.resource_at("audit/bucket/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("\"s3:GetBucketAcl\""));
  EXPECT_THAT(policy, HasSubstr("\"s3:PutObject\""));
  EXPECT_THAT(policy, HasSubstr("\"s3:x-amz-acl\" = \"bucket-owner-full-control\""));
  EXPECT_THAT(policy, HasSubstr("\"aws:SourceArn\" = \"arn:${data.aws_partition.partition."
                                "partition}:cloudtrail:${data.aws_region.region.region}:${data."
                                "aws_caller_identity.caller_identity.account_id}:trail/"
                                "edu-trail-dev\""));
  EXPECT_THAT(policy,
              HasSubstr("/AWSLogs/${data.aws_caller_identity.caller_identity.account_id}/*"));
  EXPECT_THAT(policy, HasSubstr("cloudtrail.amazonaws.com"));
  EXPECT_THAT(policy, HasSubstr("aws:SecureTransport"));  // the bucket's own TLS-only statement
  EXPECT_THAT(synth, HasResourceCount("aws_cloudwatch_log_group", 0));
}

TEST(AuditTrail, OptionalCloudWatchLogs) {
  App app;
  Stack stack(app, "s");
  AuditTrail trail(stack, "audit",
                   {.name = "edu-trail-dev",
                    .bucket_name = "edu-trail-dev",
                    .kms_key_arn = kTrailKey,
                    .cloudwatch_logs = true,
                    .log_retention_days = 90});
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("audit/trail");
  EXPECT_EQ(body["cloud_watch_logs_group_arn"],
            "${" + synth.address_at("audit/log_group") + ".arn}:*");
  EXPECT_EQ(body["cloud_watch_logs_role_arn"],
            "${" + synth.address_at("audit/logs_role/role") + ".arn}");
  EXPECT_EQ(synth.resource_at("audit/log_group")["retention_in_days"], 90);
}

TEST(AuditTrail, InputChecks) {
  App app;
  Stack stack(app, "s");
  EXPECT_EQ(config_error([&] {
              AuditTrail t(stack, "audit",
                           {.name = "t", .bucket_name = "b-ok", .kms_key_arn = kTrailKey});
            }),
            "[app/s/audit] name: \"t\" is 1 characters; a trail name has 3 to 128");
  EXPECT_THAT(config_error([&] {
                AuditTrail t(stack, "audit",
                             {.name = "edu-trail", .bucket_name = "Bad", .kms_key_arn = kTrailKey});
              }),
              HasSubstr("[app/s/audit/bucket] name: \"Bad\""));
  EXPECT_EQ(config_error([&] {
              AuditTrail t(stack, "audit",
                           {.name = "edu-trail",
                            .bucket_name = "edu-trail",
                            .kms_key_arn = kTrailKey,
                            .s3_key_prefix = "/trail"});
            }),
            "[app/s/audit] s3_key_prefix: \"/trail\" must not start or end with '/'");
  EXPECT_THAT(config_error([&] {
                AuditTrail t(stack, "audit",
                             {.name = "edu-trail",
                              .bucket_name = "edu-trail",
                              .kms_key_arn = kTrailKey,
                              .log_retention_days = 10});
              }),
              HasSubstr("[app/s/audit] log_retention_days: 10 is not a CloudWatch Logs"));
}

TEST(AuditTrail, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  try {
    AuditTrail trail(stack, "audit",
                     {.name = "t",
                      .bucket_name = "edu-trail",
                      .kms_key_arn = kTrailKey,
                      .s3_key_prefix = "trail/",
                      .expire_days = 40000});
    ADD_FAILURE() << "a config with three problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/audit");
    EXPECT_EQ(error.field(), "name");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/audit] name: \"t\" is 1 characters; a trail name has 3 to 128\n"
              "[app/s/audit] expire_days: 40000 is outside 0 to 36500\n"
              "[app/s/audit] s3_key_prefix: \"trail/\" must not start or end with '/'");
  }
  // Nothing was created: no bucket, trail or log group.
  EXPECT_EQ(stack.node().children().size(), 0u);
}
