#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <edustack/constructs/lambda_function.hpp>
#include <edustack/constructs/rotating_secret.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>
#include <filesystem>
#include <fstream>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

LambdaFunctionConfig hello() {
  return {.function_name = "edu-hello-dev",
          .files = {{.path = "handler.py", .content = "def lambda_handler(e, c):\n  return 1\n"},
                    {.path = "lib/util.py", .content = "X = 1\n"}}};
}

const StackAsset& only_asset(const Stack& stack) {
  EXPECT_EQ(stack.assets().size(), 1u);
  return stack.assets().front();
}

// The checkout this file belongs to (<checkout>/tests/constructs/lambda_function_test.cpp).
// The repository (not __FILE__, which is relative when the compiler is given relative paths).
std::string source_dir() { return EDUSTACK_SOURCE_DIR; }

// Runs a command and returns its standard output ("" when it cannot run).
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 256> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) out += buffer.data();
  pclose(pipe);
  return out;
}

}  // namespace

TEST(Hashes, Sha256Crc32Base64KnownValues) {
  EXPECT_EQ(hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(hex(sha256(std::string(1000000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64(sha256("abc")), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

TEST(ReproducibleZip, SameFilesSameBytesInAnyOrder) {
  std::string a = reproducible_zip({{"b.py", "2"}, {"a.py", "1"}});
  std::string b = reproducible_zip({{"a.py", "1"}, {"b.py", "2"}});
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(a.substr(30, 4), "a.py");  // sorted: a.py first
  EXPECT_NE(a, reproducible_zip({{"a.py", "1"}, {"b.py", "3"}}));
}

TEST(LambdaFunction, PackageRoleLogsAndTracing) {
  App app;
  Stack stack(app, "s");
  LambdaFunction fn(stack, "hello", hello());
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("hello/function");
  EXPECT_EQ(body["function_name"], "edu-hello-dev");
  EXPECT_EQ(body["filename"], "assets/edu-hello-dev.zip");
  EXPECT_EQ(fn.asset_path(), "assets/edu-hello-dev.zip");
  EXPECT_EQ(body["source_code_hash"], base64(sha256(only_asset(stack).content)));
  EXPECT_EQ(body["runtime"], "python3.12");
  EXPECT_EQ(body["handler"], "handler.lambda_handler");
  EXPECT_EQ(body["architectures"], json::array({"arm64"}));
  EXPECT_EQ(body["tracing_config"], json::parse(R"([{"mode": "Active"}])"));
  EXPECT_EQ(body["role"], "${" + synth.address_at("hello/role/role") + ".arn}");
  EXPECT_EQ(body["logging_config"][0]["log_group"],
            "${" + synth.address_at("hello/log_group") + ".name}");
  EXPECT_THAT(body["depends_on"].dump(), HasSubstr(synth.address_at("hello/log_group")));
  EXPECT_THAT(body["depends_on"].dump(), HasSubstr(synth.address_at("hello/role/policy")));
  const json& logs = synth.resource_at("hello/log_group");
  EXPECT_EQ(logs["name"], "/aws/lambda/edu-hello-dev");
  EXPECT_EQ(logs["retention_in_days"], 365);
  std::string policy = synth.resource_at("hello/role/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("xray:PutTraceSegments"));
  EXPECT_THAT(policy, HasSubstr("${" + synth.address_at("hello/log_group") + ".arn}:*"));
  std::string trust = synth.resource_at("hello/role/role")["assume_role_policy"];
  EXPECT_THAT(trust, HasSubstr("lambda.amazonaws.com"));
}

TEST(LambdaFunction, ZipIsByteIdenticalAcrossBuildsAndValid) {
  std::string first;
  std::string second;
  {
    App app;
    Stack stack(app, "s");
    LambdaFunction fn(stack, "hello", hello());
    first = only_asset(stack).content;
  }
  {
    App app;
    Stack stack(app, "s");
    LambdaFunction fn(stack, "hello", hello());
    second = only_asset(stack).content;
  }
  EXPECT_EQ(first, second);
  if (run("command -v python3").empty()) GTEST_SKIP() << "python3 is not installed";
  auto path = std::filesystem::temp_directory_path() / "edustack-lambda-test.zip";
  std::ofstream(path, std::ios::binary) << first;
  std::string out = run(
      "python3 -c 'import base64,hashlib,sys,zipfile; z = zipfile.ZipFile(sys.argv[1]); "
      "print(z.testzip(), z.namelist(), z.read(\"lib/util.py\"), oct(z.getinfo(\"handler.py\")"
      ".external_attr >> 16), z.getinfo(\"handler.py\").date_time, "
      "base64.b64encode(hashlib.sha256(open(sys.argv[1], \"rb\").read()).digest()).decode())' " +
      path.string());
  std::filesystem::remove(path);
  EXPECT_EQ(out, "None ['handler.py', 'lib/util.py'] b'X = 1\\n' 0o100644 (1980, 1, 1, 0, 0, 0) " +
                     base64(sha256(first)) + "\n");
}

TEST(LambdaFunction, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto with = [&](auto change) {
    LambdaFunctionConfig config = hello();
    change(config);
    return config_error([&] { LambdaFunction f(stack, "fn", config); });
  };
  EXPECT_EQ(with([](LambdaFunctionConfig& c) { c.runtime = "python2.7"; }),
            "[app/s/fn] runtime: \"python2.7\" is not a supported runtime (python3.10, "
            "python3.11, python3.12, python3.13)");
  EXPECT_EQ(with([](LambdaFunctionConfig& c) { c.function_name = std::string(65, 'f'); }),
            "[app/s/fn] function_name: \"" + std::string(65, 'f') +
                "\" is 65 characters; a Lambda function name has 1 to 64");
  EXPECT_EQ(with([](LambdaFunctionConfig& c) { c.timeout = 901; }),
            "[app/s/fn] timeout: 901 is outside 1 to 900");
  EXPECT_EQ(with([](LambdaFunctionConfig& c) { c.memory_size = 64; }),
            "[app/s/fn] memory_size: 64 is outside 128 to 10240");
  EXPECT_EQ(with([](LambdaFunctionConfig& c) { c.architecture = "mips"; }),
            "[app/s/fn] architecture: \"mips\" is neither arm64 nor x86_64");
  EXPECT_EQ(with([](LambdaFunctionConfig& c) { c.files = {}; }),
            "[app/s/fn] files: a function needs at least one source file");
  EXPECT_EQ(with([](LambdaFunctionConfig& c) { c.files[1].path = "../x.py"; }),
            "[app/s/fn] files[1].path: \"../x.py\" is not a relative path inside the package");
  EXPECT_EQ(with([](LambdaFunctionConfig& c) { c.files[1].path = "handler.py"; }),
            "[app/s/fn] files[1].path: \"handler.py\" is listed twice");
  EXPECT_THAT(with([](LambdaFunctionConfig& c) { c.log_retention_days = 2; }),
              HasSubstr("[app/s/fn] log_retention_days: 2 is not a CloudWatch Logs retention"));
}

TEST(LambdaFunction, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  LambdaFunctionConfig config = hello();
  config.runtime = "python2.7";
  config.timeout = 901;
  config.files[1].path = "handler.py";
  try {
    LambdaFunction f(stack, "fn", config);
    ADD_FAILURE() << "a config with three problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/fn");
    EXPECT_EQ(error.field(), "runtime");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/fn] runtime: \"python2.7\" is not a supported runtime (python3.10, "
              "python3.11, python3.12, python3.13)\n"
              "[app/s/fn] timeout: 901 is outside 1 to 900\n"
              "[app/s/fn] files[1].path: \"handler.py\" is listed twice");
  }
  // Nothing was created: no resource, and no asset beside main.tf.json.
  EXPECT_EQ(stack.node().children().size(), 0u);
  EXPECT_TRUE(app.synth_in_memory().stacks.at(0).assets.empty());
}

TEST(RotationHandler, EmbeddedSourceIsTheRepositoryFileAndCompiles) {
  std::string_view source = rotation_handler_source();
  EXPECT_THAT(std::string(source), HasSubstr("def lambda_handler(event, context):"));
  EXPECT_THAT(std::string(source), HasSubstr("MasterUserPassword=password"));
  EXPECT_THAT(std::string(source), HasSubstr("AuthTokenUpdateStrategy=\"ROTATE\""));
  std::ifstream file(source_dir() + "/lambda/rotation/handler.py", std::ios::binary);
  std::string on_disk((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(source, on_disk);
  if (run("command -v python3").empty()) GTEST_SKIP() << "python3 is not installed";
  EXPECT_EQ(run("python3 -c 'import ast,sys; ast.parse(open(sys.argv[1]).read()); print(\"ok\")' " +
                source_dir() + "/lambda/rotation/handler.py"),
            "ok\n");
}
