#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/constructs/iam.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class CloudwatchLogGroup;
class LambdaFunction;
}  // namespace edustack::aws

namespace edustack::constructs {

// One file of a function's deployment package.
struct SourceFile {
  std::string path;  // inside the zip: "handler.py", "lib/util.py"
  std::string content;
};

// A zip archive that depends on the files alone: entries sorted by path, stored (no
// compression), every timestamp 1980-01-01 00:00, mode 0644, no extra fields. The same files give
// the same bytes on every machine, every build, every day.
std::string reproducible_zip(std::vector<SourceFile> files);
// The CRC-32 of zip and gzip (polynomial 0xEDB88320).
std::uint32_t crc32(std::string_view data);
// SHA-256 of data as 32 raw bytes, and standard base64 with padding.
std::string sha256(std::string_view data);
std::string base64(std::string_view data);

struct LambdaFunctionConfig {
  // Required: 1-64 letters, digits, '-' and '_'. Also the name of its role and, as
  // "/aws/lambda/<name>", of its log group.
  std::string function_name;
  std::string description;
  // Required: the code. Zipped reproducibly into the stack's "assets/<function_name>.zip";
  // source_code_hash is the base64 SHA-256 of that zip, so a code change redeploys and nothing
  // else does.
  std::vector<SourceFile> files;
  std::string handler = "handler.lambda_handler";
  // One of supported_lambda_runtimes(). Default python3.12.
  std::string runtime = "python3.12";
  std::string architecture = "arm64";  // arm64 (default, cheaper) or x86_64
  int timeout = 30;                    // seconds, 1 to 900
  int memory_size = 128;               // MB, 128 to 10240
  std::map<std::string, core::String> environment;
  // Encrypts the environment variables at rest; unset: the AWS managed key.
  core::String kms_key_arn;
  // The role's inline policy: what the code may call (CloudWatch Logs for its own group and
  // X-Ray are added). Least privilege: Action "*" on Resource "*" is rejected.
  std::vector<PolicyStatement> statements;
  // Its log group: retention (a CloudWatch Logs value, default 365) and optional KMS key.
  int log_retention_days = 365;
  core::String log_kms_key_arn;
  // Reserved concurrency; 0 (the default) reserves none.
  int reserved_concurrent_executions = 0;
};

const std::vector<std::string>& supported_lambda_runtimes();

// A Lambda function whose code lives in this repository: packaged as a reproducible zip asset
// beside main.tf.json, with its own role (trusting lambda.amazonaws.com for this account only),
// its own log group (created before the function so Lambda never creates an unencrypted one
// without retention) and X-Ray tracing active.
// Every problem in the config is reported at once, before anything is created: one ConfigError
// with a "[path] field: message" line per problem.
class LambdaFunction : public core::Construct {
 public:
  LambdaFunction(core::Construct& scope, std::string_view id, LambdaFunctionConfig config);

  core::StringExpr arn() const;
  core::StringExpr function_name() const;
  core::StringExpr invoke_arn() const;
  Role& role() noexcept { return *role_; }
  // "assets/<function_name>.zip", relative to the stack directory.
  const std::string& asset_path() const noexcept { return asset_path_; }
  const aws::LambdaFunction& resource() const noexcept { return *function_; }
  aws::LambdaFunction& resource() noexcept { return *function_; }
  const aws::CloudwatchLogGroup& log_group() const noexcept { return *log_group_; }

 private:
  // The parts, created in this order by the constructor (after the package).
  void add_log_group_and_role(LambdaFunctionConfig& config);
  void add_function(const LambdaFunctionConfig& config, const std::string& source_code_hash);

  std::string asset_path_;
  aws::CloudwatchLogGroup* log_group_ = nullptr;
  Role* role_ = nullptr;
  aws::LambdaFunction* function_ = nullptr;
};

}  // namespace edustack::constructs
