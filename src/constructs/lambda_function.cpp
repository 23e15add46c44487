#include "edustack/constructs/lambda_function.hpp"

#include <nettle/base64.h>
#include <nettle/sha2.h>
#include <zlib.h>

#include <algorithm>

#include "edustack/aws/cloudwatch_log_group.hpp"
#include "edustack/aws/iam_role_policy.hpp"
#include "edustack/aws/lambda_function.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

void put16(std::string& out, std::uint32_t value) {
  out.push_back(static_cast<char>(value & 0xff));
  out.push_back(static_cast<char>((value >> 8) & 0xff));
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xffff);
  put16(out, value >> 16);
}

constexpr std::uint32_t kDosDate1980 = (0u << 9) | (1u << 5) | 1u;  // 1980-01-01
constexpr std::uint32_t kDosTime = 0;                               // 00:00:00

}  // namespace

// Hashing and base64 are Debian's libraries, not code of ours: zlib's crc32 and nettle's
// SHA-256 (which uses the CPU's SHA instructions where there are any) and base64.
std::uint32_t crc32(std::string_view data) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  // zlib takes at most UINT_MAX bytes per call.
  while (!data.empty()) {
    const auto n = static_cast<uInt>(std::min<std::size_t>(data.size(), 1u << 30));
    crc = ::crc32(crc, reinterpret_cast<const Bytef*>(data.data()), n);
    data.remove_prefix(n);
  }
  return static_cast<std::uint32_t>(crc);
}

std::string sha256(std::string_view data) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
  std::string digest(SHA256_DIGEST_SIZE, '\0');
  sha256_digest(&context, SHA256_DIGEST_SIZE, reinterpret_cast<std::uint8_t*>(digest.data()));
  return digest;
}

std::string base64(std::string_view data) {
  std::string out(BASE64_ENCODE_RAW_LENGTH(data.size()), '\0');
  base64_encode_raw(out.data(), data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
  return out;
}

std::string reproducible_zip(std::vector<SourceFile> files) {
  std::sort(files.begin(), files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  std::string out;
  std::string central;
  for (const auto& file : files) {
    auto offset = static_cast<std::uint32_t>(out.size());
    auto size = static_cast<std::uint32_t>(file.content.size());
    auto name_length = static_cast<std::uint32_t>(file.path.size());
    std::uint32_t crc = crc32(file.content);
    // Local file header.
    put32(out, 0x04034b50);
    put16(out, 10);  // version needed to extract: 1.0 (stored)
    put16(out, 0);   // flags
    put16(out, 0);   // method: stored
    put16(out, kDosTime);
    put16(out, kDosDate1980);
    put32(out, crc);
    put32(out, size);  // compressed size
    put32(out, size);  // uncompressed size
    put16(out, name_length);
    put16(out, 0);  // extra field length
    out += file.path;
    out += file.content;
    // Central directory entry.
    put32(central, 0x02014b50);
    put16(central, (3u << 8) | 20u);  // made by: Unix, zip 2.0 (so the mode below is read)
    put16(central, 10);
    put16(central, 0);
    put16(central, 0);
    put16(central, kDosTime);
    put16(central, kDosDate1980);
    put32(central, crc);
    put32(central, size);
    put32(central, size);
    put16(central, name_length);
    put16(central, 0);               // extra field length
    put16(central, 0);               // comment length
    put16(central, 0);               // disk number
    put16(central, 0);               // internal attributes
    put32(central, 0100644u << 16);  // external attributes: regular file, rw-r--r--
    put32(central, offset);
    central += file.path;
  }
  auto central_offset = static_cast<std::uint32_t>(out.size());
  auto central_size = static_cast<std::uint32_t>(central.size());
  out += central;
  // End of central directory.
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(files.size()));
  put16(out, static_cast<std::uint32_t>(files.size()));
  put32(out, central_size);
  put32(out, central_offset);
  put16(out, 0);  // comment length
  return out;
}

const std::vector<std::string>& supported_lambda_runtimes() {
  static const std::vector<std::string> runtimes{"python3.10", "python3.11", "python3.12",
                                                 "python3.13"};
  return runtimes;
}

namespace {

void check_function(const LambdaFunctionConfig& config, ConfigProblems& problems) {
  // The role is named like the function: the name must be a valid role name too.
  if (problems.name("function_name", config.function_name, kLambdaFunctionName)) {
    problems.name("function_name", config.function_name, kIamRoleName);
  }
  const auto& runtimes = supported_lambda_runtimes();
  if (std::find(runtimes.begin(), runtimes.end(), config.runtime) == runtimes.end()) {
    std::string list;
    for (const auto& r : runtimes) list += (list.empty() ? "" : ", ") + r;
    problems.add("runtime", "\"" + config.runtime + "\" is not a supported runtime (" + list + ")");
  }
  if (config.architecture != "arm64" && config.architecture != "x86_64") {
    problems.add("architecture", "\"" + config.architecture + "\" is neither arm64 nor x86_64");
  }
  problems.range("timeout", config.timeout, 1, 900, 1);
  problems.range("memory_size", config.memory_size, 128, 10240, 1);
  problems.range("reserved_concurrent_executions", config.reserved_concurrent_executions, 0, 1000,
                 1);
  problems.log_retention("log_retention_days", config.log_retention_days);
}

void check_files(const std::vector<SourceFile>& files, ConfigProblems& problems) {
  if (files.empty()) problems.add("files", "a function needs at least one source file");
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& path = files[i].path;
    const std::string field = "files[" + std::to_string(i) + "].path";
    if (path.empty() || path.front() == '/' || path.find("..") != std::string::npos ||
        path.find('\\') != std::string::npos) {
      problems.add(field, "\"" + path + "\" is not a relative path inside the package");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (files[j].path == path) {
        problems.add(field, "\"" + path + "\" is listed twice");
        break;
      }
    }
  }
}

}  // namespace

// The parts: the package (an asset beside main.tf.json), the log group and role, the function.
// Every config problem is reported (all of them, in one ConfigError) before any part is created.
LambdaFunction::LambdaFunction(core::Construct& scope, std::string_view id,
                               LambdaFunctionConfig config)
    : core::Construct(scope, id) {
  ConfigProblems problems(*this);
  check_function(config, problems);
  check_files(config.files, problems);
  problems.throw_if_any();

  std::string zip = reproducible_zip(config.files);
  std::string hash = base64(sha256(zip));
  asset_path_ =
      core::Stack::of(*this).add_asset("assets/" + config.function_name + ".zip", std::move(zip));
  add_log_group_and_role(config);
  add_function(config, hash);
}

// Its own log group, and its own role: its logs, X-Ray, and the statements of the config.
void LambdaFunction::add_log_group_and_role(LambdaFunctionConfig& config) {
  log_group_ = &make<aws::CloudwatchLogGroup>(
      "log_group", aws::CloudwatchLogGroupConfig{.kms_key_id = config.log_kms_key_arn,
                                                 .name = "/aws/lambda/" + config.function_name,
                                                 .retention_in_days = config.log_retention_days});
  std::vector<PolicyStatement> statements{
      {.sid = "WriteOwnLogs",
       .actions = {"logs:CreateLogStream", "logs:PutLogEvents"},
       .resources = {log_group_->arn() + ":*"}},
      // X-Ray accepts no resource-level permissions for these two.
      {.sid = "WriteTraces",
       .actions = {"xray:PutTraceSegments", "xray:PutTelemetryRecords"},
       .resources = {"*"}}};
  for (auto& statement : config.statements) statements.push_back(std::move(statement));
  role_ = &make<Role>(
      "role",
      RoleConfig{
          .name = config.function_name,
          .assumed_by = {"lambda.amazonaws.com"},
          .trust_conditions =
              core::Value::Object{
                  {"StringEquals", core::Value::Object{{"aws:SourceAccount", account_id(*this)}}}},
          .statements = std::move(statements),
          .description = "Execution role of the Lambda function " + config.function_name});
}

void LambdaFunction::add_function(const LambdaFunctionConfig& config,
                                  const std::string& source_code_hash) {
  aws::LambdaFunctionConfig out{.function_name = config.function_name, .role = role_->arn()};
  out.architectures = {config.architecture};
  if (!config.description.empty()) out.description = config.description;
  out.filename = asset_path_;
  out.source_code_hash = source_code_hash;
  out.handler = config.handler;
  out.runtime = config.runtime;
  out.timeout = config.timeout;
  out.memory_size = config.memory_size;
  out.package_type = "Zip";
  out.kms_key_arn = config.kms_key_arn;
  if (config.reserved_concurrent_executions > 0) {
    out.reserved_concurrent_executions = config.reserved_concurrent_executions;
  }
  if (!config.environment.empty()) out.environment = {{.variables = config.environment}};
  out.tracing_config = {{.mode = "Active"}};
  out.logging_config = {{.log_format = "Text", .log_group = log_group_->name()}};
  function_ = &make<aws::LambdaFunction>("function", std::move(out));
  // Its log group and the role's policy exist before the function, so the first invocation can
  // write logs (Lambda would otherwise create the group: unencrypted, kept forever).
  function_->add_dependency(*log_group_);
  if (const auto* policy = role_->policy()) function_->add_dependency(*policy);
}

core::StringExpr LambdaFunction::arn() const { return function_->arn(); }
core::StringExpr LambdaFunction::function_name() const { return function_->function_name(); }
core::StringExpr LambdaFunction::invoke_arn() const { return function_->invoke_arn(); }

}  // namespace edustack::constructs
