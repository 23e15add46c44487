// EncryptedBucket's server access logging (access_log_bucket): the aws_s3_bucket_logging, the
// log bucket's policy statement for logging.s3.amazonaws.com, and what AWS-LOG-001 sees.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/compliance.hpp>
#include <edustack/constructs/encrypted_bucket.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* kBucketKey = "arn:aws:kms:eu-west-2:111122223333:key/s3";

// The paths of the AWS-LOG-001 (no server access logging) findings of the stack.
}  // namespace

TEST(EncryptedBucket, NoAccessLogsWithoutALogBucket) {
  App app;
  Stack stack(app, "s");
  EncryptedBucket records(stack, "records", {.name = "edu-records", .kms_key_arn = kBucketKey});
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_s3_bucket_logging", 0));
  EXPECT_EQ(records.access_logging(), nullptr);
  EXPECT_EQ(unlogged(stack), std::vector<std::string>{"app/s/records/bucket"});
}

TEST(EncryptedBucket, ServerAccessLogsGoToTheLogBucket) {
  App app;
  Stack stack(app, "s");
  EncryptedBucket logs(stack, "logs", {.name = "edu-logs", .kms_key_arn = kBucketKey});
  EncryptedBucket records(
      stack, "records",
      {.name = "edu-records", .kms_key_arn = kBucketKey, .access_log_bucket = &logs});
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_s3_bucket_logging", 1));
  const json& logging = synth.resource_at("records/access_logging");
  EXPECT_EQ(logging["bucket"], "${" + synth.address_at("records/bucket") + ".id}");
  EXPECT_EQ(logging["target_bucket"], "${" + synth.address_at("logs/bucket") + ".id}");
  EXPECT_EQ(logging["target_prefix"], "s3-access-logs/edu-records/");
  // S3 checks its permission on the log bucket when logging is switched on.
  EXPECT_EQ(logging["depends_on"], json::array({synth.address_at("logs/policy")}));
  ASSERT_NE(records.access_logging(), nullptr);

  // The log bucket's policy: TLS only, plus the logging service writing under the prefix, for
  // this source bucket and this account only.
  const std::string policy = synth.resource_at("logs/policy")["policy"];
  const std::string logs_arn = synth.address_at("logs/bucket") + ".arn";
  EXPECT_THAT(policy, HasSubstr("\"Sid\" = \"DenyInsecureTransport\""));
  EXPECT_THAT(policy, HasSubstr("\"Principal\" = {\"Service\" = [\"logging.s3.amazonaws.com\"]}"));
  EXPECT_THAT(policy, HasSubstr("\"Action\" = [\"s3:PutObject\"]"));
  EXPECT_THAT(policy,
              HasSubstr("\"Resource\" = [\"${" + logs_arn + "}/s3-access-logs/edu-records/*\"]"));
  EXPECT_THAT(policy, HasSubstr("\"ArnLike\" = {\"aws:SourceArn\" = " +
                                synth.address_at("records/bucket") + ".arn}"));
  EXPECT_THAT(policy, HasSubstr("\"aws:SourceAccount\" = data.aws_caller_identity."));
  EXPECT_THAT(policy, HasSubstr("\"Sid\" = \"ServerAccessLogs\""));
  // The source bucket's own policy grants the logging service nothing.
  EXPECT_THAT(std::string(synth.resource_at("records/policy")["policy"]),
              Not(HasSubstr("logging.s3.amazonaws.com")));

  // AWS-LOG-001: the source bucket is logged, the log bucket is exempt.
  EXPECT_EQ(unlogged(stack), std::vector<std::string>{});
}

TEST(EncryptedBucket, SeveralBucketsShareALogBucketUnderTheirOwnPrefixes) {
  App app;
  Stack stack(app, "s");
  EncryptedBucket logs(stack, "logs", {.name = "edu-logs", .kms_key_arn = kBucketKey});
  EncryptedBucket a(stack, "a",
                    {.name = "edu-a", .kms_key_arn = kBucketKey, .access_log_bucket = &logs});
  EncryptedBucket b(stack, "b",
                    {.name = "edu-b",
                     .kms_key_arn = kBucketKey,
                     .access_log_bucket = &logs,
                     .access_log_prefix = "custom/b/"});
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_s3_bucket_logging", 2));
  EXPECT_EQ(synth.resource_at("b/access_logging")["target_prefix"], "custom/b/");
  const std::string policy = synth.resource_at("logs/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("\"Sid\" = \"ServerAccessLogs\""));
  EXPECT_THAT(policy, HasSubstr("\"Sid\" = \"ServerAccessLogs2\""));
  EXPECT_THAT(policy, HasSubstr("/s3-access-logs/edu-a/*"));
  EXPECT_THAT(policy, HasSubstr("/custom/b/*"));
  EXPECT_EQ(unlogged(stack), std::vector<std::string>{});
}

TEST(EncryptedBucket, AccessLogPrefixChecks) {
  App app;
  Stack stack(app, "s");
  EncryptedBucket logs(stack, "logs", {.name = "edu-logs", .kms_key_arn = kBucketKey});
  EXPECT_EQ(config_error([&] {
              EncryptedBucket b(
                  stack, "bad",
                  {.name = "edu-bad", .kms_key_arn = kBucketKey, .access_log_prefix = "x/"});
            }),
            "[app/s/bad] access_log_prefix: is set, but access_log_bucket is not");
  EXPECT_EQ(config_error([&] {
              EncryptedBucket b(stack, "bad",
                                {.name = "edu-bad",
                                 .kms_key_arn = kBucketKey,
                                 .access_log_bucket = &logs,
                                 .access_log_prefix = "/logs"});
            }),
            "[app/s/bad] access_log_prefix: \"/logs\" must not start with '/' and must end with "
            "'/'");
  // Nothing half-built: no bucket "bad", and the log bucket's policy gained no statement.
  EXPECT_EQ(stack.node().try_find_child("bad"), nullptr);
  EXPECT_THAT(std::string(synthesize(stack).resource_at("logs/policy")["policy"]),
              Not(HasSubstr("logging.s3.amazonaws.com")));
}
