#include "edustack/constructs/lambda_function.hpp"

#include <algorithm>
#include <array>

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

std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

}  // namespace

std::uint32_t crc32(std::string_view data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char byte : data) crc = table[(crc ^ byte) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

std::string sha256(std::string_view data) {
  static constexpr std::array<std::uint32_t, 64> k{
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  std::array<std::uint32_t, 8> h{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::string message(data);
  std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  message.push_back(static_cast<char>(0x80));
  while (message.size() % 64 != 56) message.push_back('\0');
  for (int i = 7; i >= 0; --i) message.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  for (std::size_t chunk = 0; chunk < message.size(); chunk += 64) {
    std::array<std::uint32_t, 64> w{};
    for (int i = 0; i < 16; ++i) {
      auto byte = [&](int j) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(message[chunk + 4 * i + j]));
      };
      w[i] = (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
    }
    for (int i = 16; i < 64; ++i) {
      std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    auto [a, b, c, d, e, f, g, hh] = h;
    for (int i = 0; i < 64; ++i) {
      std::uint32_t s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      std::uint32_t ch = (e & f) ^ (~e & g);
      std::uint32_t t1 = hh + s1 + ch + k[i] + w[i];
      std::uint32_t s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
      std::uint32_t t2 = s0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  std::string digest;
  for (std::uint32_t word : h) {
    for (int i = 3; i >= 0; --i) digest.push_back(static_cast<char>((word >> (8 * i)) & 0xff));
  }
  return digest;
}

std::string base64(std::string_view data) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) |
                      (static_cast<unsigned char>(data[i + 1]) << 8) |
                      static_cast<unsigned char>(data[i + 2]);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  if (i < data.size()) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (i + 1 < data.size())
      n |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += i + 1 < data.size() ? alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
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

}  // namespace edustack::constructs
