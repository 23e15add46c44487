#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/compliance.hpp>
#include <edustack/constructs/analytics_pipeline.hpp>
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

AnalyticsPipelineConfig pipeline_config() {
  return {.name = "edu-events-dev",
          .kms_key_arn = "arn:aws:kms:eu-west-2:1:key/data",
          .shard_count = 10,
          .bucket_name = "edu-analytics-dev",
          .buffering_interval = 300};
}

}  // namespace

TEST(AnalyticsPipeline, EncryptedStream) {
  App app;
  Stack stack(app, "s");
  AnalyticsPipeline pipeline(stack, "analytics", pipeline_config());
  auto synth = synthesize(stack);
  const json& stream = synth.resource_at("analytics/stream");
  EXPECT_EQ(stream["name"], "edu-events-dev");
  EXPECT_EQ(stream["shard_count"], 10);
  EXPECT_EQ(stream["retention_period"], 24);
  EXPECT_EQ(stream["encryption_type"], "KMS");
  EXPECT_EQ(stream["kms_key_id"], "arn:aws:kms:eu-west-2:1:key/data");
  EXPECT_EQ(stream["stream_mode_details"], json::parse(R"([{"stream_mode": "PROVISIONED"}])"));
  EXPECT_EQ(pipeline.stream_name().to_string(),
            "${" + synth.address_at("analytics/stream") + ".name}");
}

TEST(AnalyticsPipeline, FirehoseToDatePartitionedEncryptedBucket) {
  App app;
  Stack stack(app, "s");
  AnalyticsPipeline pipeline(stack, "analytics", pipeline_config());
  auto synth = synthesize(stack);
  const json& delivery = synth.resource_at("analytics/delivery");
  EXPECT_EQ(delivery["name"], "edu-events-dev-delivery");
  EXPECT_EQ(delivery["destination"], "extended_s3");
  EXPECT_EQ(delivery["kinesis_source_configuration"][0]["kinesis_stream_arn"],
            "${" + synth.address_at("analytics/stream") + ".arn}");
  const json& s3 = delivery["extended_s3_configuration"][0];
  EXPECT_EQ(s3["bucket_arn"], "${" + synth.address_at("analytics/bucket/bucket") + ".arn}");
  EXPECT_EQ(s3["prefix"], "data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/");
  EXPECT_EQ(s3["error_output_prefix"],
            "errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/"
            "day=!{timestamp:dd}/");
  EXPECT_EQ(s3["compression_format"], "GZIP");
  EXPECT_EQ(s3["buffering_interval"], 300);
  EXPECT_EQ(s3["buffering_size"], 64);
  EXPECT_EQ(s3["kms_key_arn"], "arn:aws:kms:eu-west-2:1:key/data");
  EXPECT_EQ(s3["role_arn"], "${" + synth.address_at("analytics/role/role") + ".arn}");
  EXPECT_EQ(s3["cloudwatch_logging_options"][0]["enabled"], true);
  EXPECT_EQ(s3["cloudwatch_logging_options"][0]["log_stream_name"], "S3Delivery");
  EXPECT_EQ(synth.resource_at("analytics/log_stream")["name"], "S3Delivery");
  EXPECT_EQ(synth.resource_at("analytics/logs/group")["name"],
            "/aws/kinesisfirehose/edu-events-dev-delivery");
  EXPECT_THAT(delivery["depends_on"].dump(), HasSubstr("aws_iam_role_policy."));

  // The bucket is an EncryptedBucket: SSE-KMS with the pipeline's key, versioned.
  EXPECT_EQ(synth.resource_at("analytics/bucket/bucket")["bucket"], "edu-analytics-dev");
  EXPECT_EQ(synth.resource_at(
                "analytics/bucket/encryption")["rule"][0]["apply_server_side_encryption_by_default"]
                                              [0]["kms_master_key_id"],
            "arn:aws:kms:eu-west-2:1:key/data");
  EXPECT_EQ(
      synth.resource_at("analytics/bucket/versioning")["versioning_configuration"][0]["status"],
      "Enabled");
}

TEST(AnalyticsPipeline, RoleIsLeastPrivilege) {
  App app;
  Stack stack(app, "s");
  AnalyticsPipeline pipeline(stack, "analytics", pipeline_config());
  auto synth = synthesize(stack);
  std::string trust = synth.resource_at("analytics/role/role")["assume_role_policy"];
  EXPECT_THAT(trust, HasSubstr("firehose.amazonaws.com"));
  EXPECT_THAT(trust, HasSubstr("\"sts:ExternalId\" = data.aws_caller_identity"));
  std::string policy = synth.resource_at("analytics/role/policy")["policy"];
  EXPECT_THAT(policy,
              HasSubstr("\"Resource\" = [" + synth.address_at("analytics/stream") + ".arn]"));
  EXPECT_THAT(policy, HasSubstr("\"s3:PutObject\""));
  EXPECT_THAT(policy, HasSubstr("\"Resource\" = [\"arn:aws:kms:eu-west-2:1:key/data\"]"));
  EXPECT_THAT(policy, Not(HasSubstr("\"Resource\" = [\"*\"]")));
  EXPECT_THAT(policy, Not(HasSubstr("s3:*")));
}

TEST(AnalyticsPipeline, UsesAGivenBucket) {
  App app;
  Stack stack(app, "s");
  EncryptedBucket lake(stack, "lake",
                       {.name = "edu-lake", .kms_key_arn = "arn:aws:kms:eu-west-2:1:key/data"});
  auto config = pipeline_config();
  config.bucket = &lake;
  AnalyticsPipeline pipeline(stack, "analytics", config);
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_s3_bucket", 1));
  EXPECT_EQ(synth.resource_at("analytics/delivery")["extended_s3_configuration"][0]["bucket_arn"],
            "${" + synth.address_at("lake/bucket") + ".arn}");
  // A given bucket's access logging is its owner's: the pipeline adds none.
  EXPECT_THAT(synth, HasResourceCount("aws_s3_bucket_logging", 0));
  EXPECT_EQ(pipeline.access_log_bucket(), nullptr);
}

TEST(AnalyticsPipeline, LogsAccessToItsBucketIntoALogBucketOfItsOwn) {
  App app;
  Stack stack(app, "s");
  AnalyticsPipeline pipeline(stack, "analytics", pipeline_config());
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_s3_bucket", 2));
  EXPECT_EQ(synth.resource_at("analytics/access_logs/bucket")["bucket"], "edu-analytics-dev-logs");
  EXPECT_EQ(
      synth.resource_at(
          "analytics/access_logs/encryption")["rule"][0]["apply_server_side_encryption_by_default"]
                                             [0]["kms_master_key_id"],
      "arn:aws:kms:eu-west-2:1:key/data");
  const json& logging = synth.resource_at("analytics/bucket/access_logging");
  EXPECT_EQ(logging["bucket"], "${" + synth.address_at("analytics/bucket/bucket") + ".id}");
  EXPECT_EQ(logging["target_bucket"],
            "${" + synth.address_at("analytics/access_logs/bucket") + ".id}");
  EXPECT_EQ(logging["target_prefix"], "s3-access-logs/edu-analytics-dev/");
  ASSERT_NE(pipeline.access_log_bucket(), nullptr);
  EXPECT_THAT(std::string(synth.resource_at("analytics/access_logs/policy")["policy"]),
              HasSubstr("logging.s3.amazonaws.com"));
  EXPECT_EQ(unlogged(stack), std::vector<std::string>{});
}

TEST(AnalyticsPipeline, LogsAccessIntoAGivenLogBucket) {
  App app;
  Stack stack(app, "s");
  EncryptedBucket audit(stack, "audit",
                        {.name = "edu-audit", .kms_key_arn = "arn:aws:kms:eu-west-2:1:key/audit"});
  auto config = pipeline_config();
  config.access_log_bucket = &audit;
  AnalyticsPipeline pipeline(stack, "analytics", config);
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_s3_bucket", 2));  // the audit and the data bucket
  EXPECT_EQ(synth.resource_at("analytics/bucket/access_logging")["target_bucket"],
            "${" + synth.address_at("audit/bucket") + ".id}");
  EXPECT_EQ(pipeline.access_log_bucket(), &audit);
  EXPECT_THAT(std::string(synth.resource_at("audit/policy")["policy"]),
              HasSubstr("/s3-access-logs/edu-analytics-dev/*"));
  EXPECT_EQ(unlogged(stack), std::vector<std::string>{});
}

TEST(AnalyticsPipeline, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto build = [&](auto change) {
    return config_error([&] {
      auto config = pipeline_config();
      change(config);
      AnalyticsPipeline pipeline(stack, "bad", config);
    });
  };
  EXPECT_EQ(build([](auto& c) { c.shard_count = 0; }),
            "[app/s/bad] shard_count: 0 is outside 1 to 500");
  EXPECT_EQ(build([](auto& c) { c.shard_count = 501; }),
            "[app/s/bad] shard_count: 501 is outside 1 to 500");
  EXPECT_EQ(build([](auto& c) {
              c.shard_count = 600;
              c.max_shards = 1000;
            }),
            "no error");
  EXPECT_EQ(build([](auto& c) { c.buffering_interval = 30; }),
            "[app/s/bad] buffering_interval: 30 is outside 60 to 900");
  EXPECT_EQ(build([](auto& c) { c.buffering_interval = 901; }),
            "[app/s/bad] buffering_interval: 901 is outside 60 to 900");
  EXPECT_EQ(build([](auto& c) { c.buffering_size = 129; }),
            "[app/s/bad] buffering_size: 129 is outside 1 to 128");
  EXPECT_EQ(build([](auto& c) { c.retention_hours = 12; }),
            "[app/s/bad] retention_hours: 12 is outside 24 to 8760");
  EXPECT_EQ(build([](auto& c) { c.compression_format = "BZIP2"; }),
            "[app/s/bad] compression_format: \"BZIP2\" is not UNCOMPRESSED, GZIP, ZIP, Snappy or "
            "HADOOP_SNAPPY");
  EXPECT_EQ(build([](auto& c) { c.prefix = "/data/"; }),
            "[app/s/bad] prefix: \"/data/\" starts with /; S3 keys do not");
  EXPECT_EQ(build([](auto& c) { c.error_output_prefix = ""; }),
            "[app/s/bad] error_output_prefix: a prefix with !{...} expressions needs an error "
            "output prefix");
  EXPECT_EQ(build([](auto& c) { c.error_output_prefix = "errors/"; }),
            "[app/s/bad] error_output_prefix: \"errors/\" must contain "
            "!{firehose:error-output-type}");
  EXPECT_EQ(build([](auto& c) { c.bucket_name = "Edu_Analytics"; }),
            "[app/s/bad] bucket_name: \"Edu_Analytics\" contains 'E'; a S3 bucket name allows "
            "lowercase letters, digits and \"-.\"");
  EXPECT_EQ(build([](auto& c) { c.name = "edu events"; }),
            "[app/s/bad] name: \"edu events\" contains ' '; a Kinesis stream name allows "
            "letters, digits and \"_-.\"");
  EXPECT_EQ(build([](auto& c) { c.name = std::string(60, 'e'); }),
            "[app/s/bad] name: \"" + std::string(60, 'e') +
                "-delivery\" is 69 characters; a Firehose delivery stream name has 1 to 64");
  EXPECT_EQ(build([](auto& c) { c.log_retention_in_days = 100; }),
            "[app/s/bad] log_retention_in_days: 100 is not a CloudWatch Logs retention period (1, "
            "3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
            "2922, 3288, 3653)");
  EXPECT_EQ(build([](auto& c) { c.access_log_bucket_name = "edu-analytics-dev"; }),
            "[app/s/bad] access_log_bucket_name: \"edu-analytics-dev\" is the destination "
            "bucket; a bucket cannot hold its own access logs");
  EXPECT_EQ(build([](auto& c) { c.access_log_bucket_name = "Logs"; }),
            "[app/s/bad] access_log_bucket_name: \"Logs\" contains 'L'; a S3 bucket name allows "
            "lowercase letters, digits and \"-.\"");
  EXPECT_EQ(build([](auto& c) { c.bucket_name = std::string(60, 'b'); }),
            "[app/s/bad] access_log_bucket_name: \"" + std::string(60, 'b') +
                "-logs\" is 65 characters; a S3 bucket name has 3 to 63");
  EncryptedBucket lake(stack, "lake", {.name = "edu-lake", .kms_key_arn = "arn:aws:kms:x"});
  EXPECT_EQ(build([&](auto& c) {
              c.bucket = &lake;
              c.access_log_bucket_name = "edu-lake-logs";
            }),
            "[app/s/bad] access_log_bucket_name: applies to a bucket created here, not to the "
            "given bucket (set up its access logging where it is created)");
}

TEST(AnalyticsPipeline, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  AnalyticsPipelineConfig config = pipeline_config();
  config.max_shards = 4;  // shard_count 10 is now too many
  config.retention_hours = 12;
  config.compression_format = "BZIP2";
  config.prefix = "/events/";
  try {
    AnalyticsPipeline pipeline(stack, "analytics", config);
    ADD_FAILURE() << "a config with four problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/analytics");
    EXPECT_EQ(error.field(), "shard_count");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/analytics] shard_count: 10 is outside 1 to 4\n"
              "[app/s/analytics] retention_hours: 12 is outside 24 to 8760\n"
              "[app/s/analytics] compression_format: \"BZIP2\" is not UNCOMPRESSED, GZIP, ZIP, "
              "Snappy or HADOOP_SNAPPY\n"
              "[app/s/analytics] prefix: \"/events/\" starts with /; S3 keys do not");
  }
  // Nothing was created: no stream, bucket, role or delivery stream.
  EXPECT_EQ(stack.node().children().size(), 0u);
}
