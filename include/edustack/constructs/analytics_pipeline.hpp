#pragma once

#include <string>
#include <string_view>

#include "edustack/constructs/encrypted_bucket.hpp"
#include "edustack/constructs/iam.hpp"
#include "edustack/constructs/monitoring.hpp"
#include "edustack/constructs/required.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class KinesisFirehoseDeliveryStream;
class KinesisStream;
}  // namespace edustack::aws

namespace edustack::constructs {

struct AnalyticsPipelineConfig {
  // Base name: the Kinesis stream is "<name>", the Firehose delivery stream "<name>-delivery",
  // its role "<name>-firehose" and its log group "/aws/kinesisfirehose/<name>-delivery".
  std::string name;
  // The customer-managed key for the stream, the S3 objects and the delivery log group. Its
  // policy must let logs.<region>.amazonaws.com use it (the S3 and Kinesis use goes through
  // the Firehose role's own permissions).
  core::Required<core::String, required::kms_key_arn> kms_key_arn;

  // Kinesis Data Streams, provisioned mode.
  int shard_count = 1;       // 1 to max_shards
  int max_shards = 500;      // the account's shard quota (AWS's default: 500 in most Regions)
  int retention_hours = 24;  // 24 to 8760

  // Destination: this bucket when given (SSE-KMS with kms_key_arn expected), otherwise an
  // EncryptedBucket "bucket_name" (versioned, TLS-only) created here.
  EncryptedBucket* bucket = nullptr;
  std::string bucket_name;
  bool force_destroy_bucket = false;  // only for a bucket created here

  // Objects land under a date-partitioned prefix (Firehose expressions, evaluated per record
  // batch); records Firehose cannot deliver go under error_output_prefix. A prefix with
  // expressions needs an error prefix, and the error prefix must name the error type.
  std::string prefix = "data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/";
  std::string error_output_prefix =
      "errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/"
      "day=!{timestamp:dd}/";
  std::string compression_format = "GZIP";  // UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY
  int buffering_interval = 300;  // seconds, 60 to 900: whichever of time or size comes first
  int buffering_size = 64;       // MiB, 1 to 128

  int log_retention_in_days = 90;  // Firehose delivery error logs

  // S3 server access logs of a bucket created here (a given bucket logs as its owner set it
  // up): into access_log_bucket when given (an existing log bucket of the stack, under
  // "s3-access-logs/<bucket name>/"), otherwise into an EncryptedBucket "access_log_bucket_name"
  // (default "<bucket name>-logs", SSE-KMS with kms_key_arn) created here. Either way the log
  // bucket's KMS key policy must let logging.s3.amazonaws.com use the key.
  EncryptedBucket* access_log_bucket = nullptr;
  std::string access_log_bucket_name;
};

// Kinesis Data Stream -> Kinesis Data Firehose -> S3:
// - the stream is KMS-encrypted with the customer key;
// - Firehose reads it (kinesis source) and writes GZIP batches to S3 under a date-partitioned
//   prefix, SSE-KMS with the same key, errors under their own prefix;
// - delivery errors are logged to an encrypted CloudWatch log group;
// - its role may read this stream, write this bucket, use this key and log to this group only,
//   and only Firehose acting for this account may assume it;
// - requests to a bucket created here are logged (S3 server access logs) into a log bucket.
class AnalyticsPipeline : public core::Construct {
 public:
  AnalyticsPipeline(core::Construct& scope, std::string_view id, AnalyticsPipelineConfig config);

  core::StringExpr stream_name() const;
  core::StringExpr stream_arn() const;
  core::StringExpr delivery_stream_name() const;
  core::StringExpr delivery_stream_arn() const;
  core::StringExpr bucket_name() const;
  core::StringExpr bucket_arn() const;
  EncryptedBucket& bucket() noexcept { return *bucket_; }
  // The bucket the destination bucket's access logs go to; nullptr for a given bucket.
  EncryptedBucket* access_log_bucket() noexcept { return access_log_bucket_; }
  Role& role() noexcept { return *role_; }
  LogGroup& log_group() noexcept { return *log_group_; }

  const aws::KinesisStream& stream() const noexcept { return *stream_; }
  const aws::KinesisFirehoseDeliveryStream& delivery_stream() const noexcept { return *delivery_; }

 private:
  aws::KinesisStream* stream_ = nullptr;
  EncryptedBucket* bucket_ = nullptr;
  EncryptedBucket* access_log_bucket_ = nullptr;
  LogGroup* log_group_ = nullptr;
  Role* role_ = nullptr;
  aws::KinesisFirehoseDeliveryStream* delivery_ = nullptr;
};

}  // namespace edustack::constructs
