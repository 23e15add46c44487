#include "edustack/constructs/analytics_pipeline.hpp"

#include "edustack/aws/cloudwatch_log_stream.hpp"
#include "edustack/aws/iam_role_policy.hpp"
#include "edustack/aws/kinesis_firehose_delivery_stream.hpp"
#include "edustack/aws/kinesis_stream.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {
constexpr const char* kLogStream = "S3Delivery";

void check_config(AnalyticsPipelineConfig& config, ConfigProblems& problems) {
  // A check that depends on another value is skipped when that value is wrong (no knock-on).
  const std::string delivery_name = config.name + "-delivery";
  bool name_ok = problems.name("name", config.name, kKinesisStreamName) &&
                 problems.name("name", delivery_name, kFirehoseName);
  bool max_ok = problems.range("max_shards", config.max_shards, 1, 1000000, 1);
  problems.range("shard_count", config.shard_count, 1, max_ok ? config.max_shards : 1000000, 1);
  problems.range("retention_hours", config.retention_hours, 24, 8760, 1);
  problems.range("buffering_interval", config.buffering_interval, 60, 900, 1);
  problems.range("buffering_size", config.buffering_size, 1, 128, 1);
  const std::string& compression = config.compression_format;
  if (compression != "UNCOMPRESSED" && compression != "GZIP" && compression != "ZIP" &&
      compression != "Snappy" && compression != "HADOOP_SNAPPY") {
    problems.add("compression_format",
                 "\"" + compression + "\" is not UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY");
  }
  if (!config.prefix.empty() && config.prefix.front() == '/') {
    problems.add("prefix", "\"" + config.prefix + "\" starts with /; S3 keys do not");
  }
  if (config.prefix.find("!{") != std::string::npos && config.error_output_prefix.empty()) {
    problems.add("error_output_prefix",
                 "a prefix with !{...} expressions needs an error output prefix");
  }
  if (!config.error_output_prefix.empty() &&
      config.error_output_prefix.find("!{firehose:error-output-type}") == std::string::npos) {
    problems.add("error_output_prefix", "\"" + config.error_output_prefix +
                                            "\" must contain !{firehose:error-output-type}");
  }
  if (config.bucket == nullptr) {
    bool given = !config.bucket_name.empty();
    std::string bucket_name = given ? config.bucket_name : config.name + "-analytics";
    bool bucket_ok = (given || name_ok) && problems.name("bucket_name", bucket_name, kS3BucketName);
    config.bucket_name = bucket_name;
    if (config.access_log_bucket == nullptr) {
      bool log_given = !config.access_log_bucket_name.empty();
      std::string log_name = log_given ? config.access_log_bucket_name : bucket_name + "-logs";
      // The derived name is checked only when the bucket name is valid (no knock-on message).
      if (log_given || bucket_ok) problems.name("access_log_bucket_name", log_name, kS3BucketName);
      if (log_given && log_name == bucket_name) {
        problems.add("access_log_bucket_name", "\"" + log_name +
                                                   "\" is the destination bucket; a bucket "
                                                   "cannot hold its own access logs");
      }
      config.access_log_bucket_name = log_name;
    }
  } else if (config.access_log_bucket != nullptr || !config.access_log_bucket_name.empty()) {
    problems.add(
        config.access_log_bucket != nullptr ? "access_log_bucket" : "access_log_bucket_name",
        "applies to a bucket created here, not to the given bucket (set up its access "
        "logging where it is created)");
  }
  problems.log_retention("log_retention_in_days", config.log_retention_in_days);
}

// A bucket the pipeline creates (the destination, or its access-log bucket): versioned, SSE-KMS
// with the pipeline's key, logging its access into log_bucket when there is one.
EncryptedBucketConfig pipeline_bucket(const AnalyticsPipelineConfig& config, std::string name,
                                      EncryptedBucket* log_bucket) {
  return {.name = std::move(name),
          .kms_key_arn = config.kms_key_arn,
          .versioned = true,
          .force_destroy = config.force_destroy_bucket,
          .access_log_bucket = log_bucket};
}
}  // namespace

AnalyticsPipeline::AnalyticsPipeline(core::Construct& scope, std::string_view id,
                                     AnalyticsPipelineConfig config)
    : core::Construct(scope, id) {
  // Every config problem is reported (all of them, in one ConfigError) before any part is created.
  ConfigProblems problems(*this);
  check_config(config, problems);
  problems.throw_if_any();
  const std::string delivery_name = config.name + "-delivery";

  // --- stream -------------------------------------------------------------------------------
  stream_ = &make<aws::KinesisStream>(
      "stream", aws::KinesisStreamConfig{.encryption_type = "KMS",
                                         .kms_key_id = config.kms_key_arn,
                                         .name = config.name,
                                         .retention_period = config.retention_hours,
                                         .shard_count = config.shard_count,
                                         .stream_mode_details = {{.stream_mode = "PROVISIONED"}}});

  // --- destination bucket -------------------------------------------------------------------
  if (config.bucket != nullptr) {
    bucket_ = config.bucket;
  } else {
    access_log_bucket_ =
        config.access_log_bucket != nullptr
            ? config.access_log_bucket
            : &make<EncryptedBucket>(
                  "access_logs", pipeline_bucket(config, config.access_log_bucket_name, nullptr));
    bucket_ = &make<EncryptedBucket>(
        "bucket", pipeline_bucket(config, config.bucket_name, access_log_bucket_));
  }

  // --- delivery logs ------------------------------------------------------------------------
  log_group_ =
      &make<LogGroup>("logs", LogGroupConfig{.name = "/aws/kinesisfirehose/" + delivery_name,
                                             .kms_key_arn = config.kms_key_arn,
                                             .retention_in_days = config.log_retention_in_days});
  make<aws::CloudwatchLogStream>(
      "log_stream",
      aws::CloudwatchLogStreamConfig{.log_group_name = log_group_->name(), .name = kLogStream});

  // --- role ---------------------------------------------------------------------------------
  role_ = &make<Role>(
      "role",
      RoleConfig{
          .name = config.name + "-firehose",
          .assumed_by = {"firehose.amazonaws.com"},
          .trust_conditions =
              core::Value::Object{
                  {"StringEquals", core::Value::Object{{"sts:ExternalId", account_id(*this)}}}},
          .statements =
              {{.sid = "ReadStream",
                .actions = {"kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
                            "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"},
                .resources = {stream_->arn()}},
               {.sid = "WriteBucket",
                .actions = {"s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject",
                            "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"},
                .resources = {bucket_->arn(), bucket_->arn() + "/*"}},
               {.sid = "UseKey",
                .actions = {"kms:Decrypt", "kms:GenerateDataKey"},
                .resources = {config.kms_key_arn}},
               {.sid = "LogDeliveryErrors",
                .actions = {"logs:PutLogEvents"},
                .resources = {log_group_->arn() + ":log-stream:" + kLogStream}}},
          .description = "Firehose " + delivery_name + ": read the stream, write the bucket"});

  // --- delivery stream ----------------------------------------------------------------------
  aws::KinesisFirehoseDeliveryStreamExtendedS3Configuration s3{
      .bucket_arn = bucket_->arn(),
      .buffering_interval = config.buffering_interval,
      .buffering_size = config.buffering_size,
      .cloudwatch_logging_options = {{.enabled = true,
                                      .log_group_name = log_group_->name(),
                                      .log_stream_name = kLogStream}},
      .compression_format = config.compression_format,
      .kms_key_arn = config.kms_key_arn,
      .role_arn = role_->arn()};
  if (!config.prefix.empty()) s3.prefix = config.prefix;
  if (!config.error_output_prefix.empty()) s3.error_output_prefix = config.error_output_prefix;
  delivery_ = &make<aws::KinesisFirehoseDeliveryStream>(
      "delivery", aws::KinesisFirehoseDeliveryStreamConfig{
                      .destination = "extended_s3",
                      .extended_s3_configuration = std::move(s3),
                      .kinesis_source_configuration = {{.kinesis_stream_arn = stream_->arn(),
                                                        .role_arn = role_->arn()}},
                      .name = delivery_name});
  // Firehose checks its access to the stream and the bucket when it is created.
  if (const auto* policy = role_->policy()) delivery_->add_dependency(*policy);
}

core::StringExpr AnalyticsPipeline::stream_name() const { return stream_->name(); }
core::StringExpr AnalyticsPipeline::stream_arn() const { return stream_->arn(); }
core::StringExpr AnalyticsPipeline::delivery_stream_name() const { return delivery_->name(); }
core::StringExpr AnalyticsPipeline::delivery_stream_arn() const { return delivery_->arn(); }
core::StringExpr AnalyticsPipeline::bucket_name() const { return bucket_->name(); }
core::StringExpr AnalyticsPipeline::bucket_arn() const { return bucket_->arn(); }

}  // namespace edustack::constructs
