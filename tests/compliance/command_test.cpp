// What `edustack check` runs (compliance::run_check): formats, output file, the exit code
// (passed()), stack selection. Its arguments are parsed by the CLI (cli_check_test.cpp).

#include <gtest/gtest.h>
#include <unistd.h>

#include <edustack/compliance.hpp>
#include <edustack/edustack.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace edustack;
namespace c = edustack::compliance;

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

// The command's exit code: 0 passed, 1 unsuppressed errors, 2 an error while checking.
Run run(App& app, c::CheckRun check = {}) {
  std::ostringstream out;
  try {
    c::Report report = c::run_check(app, check, out);
    if (!check.output.empty()) out << c::summary(report) << "\n";
    return {report.passed() ? 0 : 1, out.str(), ""};
  } catch (const Error& error) {
    return {2, out.str(), error.id() + ": " + error.what()};
  }
}

// One opted-in stack with one error (no flow log on the VPC, suppressible) and nothing else.
struct CommandFixture {
  App app;
  Stack stack{app, "net"};
  Provider aws{
      stack, "aws",
      ProviderConfig{
          .name = "aws",
          .arguments = Value::Object{
              {"default_tags",
               Value::List{Value::Object{{"tags", Value::Object{{"DataClassification", "internal"},
                                                                {"Environment", "test"}}}}}}}}};
  GenericResource vpc{stack, "vpc", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}}};
  GenericResource default_group{
      stack, "default_sg", "aws_default_security_group", {{"vpc_id", vpc.attribute("id")}}};
  CommandFixture() { c::enable(stack); }
};

}  // namespace

TEST(CheckCommand, TextByDefaultAndExitCodeOneOnErrors) {
  CommandFixture f;
  auto result = run(f.app);
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.out.find("error: [app/net/vpc] FERPA-VPC-001 VPC has no flow log"),
            std::string::npos)
      << result.out;
  EXPECT_TRUE(result.err.empty()) << result.err;
}

TEST(CheckCommand, ExitCodeZeroWhenEverythingIsSuppressedOrCompliant) {
  CommandFixture f;
  c::suppress(f.vpc, "FERPA-VPC-001", "flow logs are collected by the network account");
  auto result = run(f.app, {.format = c::Format::text});
  EXPECT_EQ(result.code, 0) << result.out;
  EXPECT_NE(result.out.find("suppressions (1):"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("passed"), std::string::npos);
}

TEST(CheckCommand, JsonAndSarifFormats) {
  CommandFixture f;
  auto json_run = run(f.app, {.format = c::Format::json});
  EXPECT_EQ(json_run.code, 1);
  auto document = nlohmann::json::parse(json_run.out);
  EXPECT_EQ(document["summary"]["errors"], 1);

  auto sarif = run(f.app, {.format = c::Format::sarif});
  EXPECT_EQ(sarif.code, 1);
  auto log = nlohmann::json::parse(sarif.out);
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["runs"][0]["results"][0]["ruleId"], "FERPA-VPC-001");
}

TEST(CheckCommand, WritesTheReportToAFile) {
  CommandFixture f;
  auto path = std::filesystem::temp_directory_path() /
              ("edustack-check-" + std::to_string(::getpid()) + ".sarif");
  auto result = run(f.app, {.format = c::Format::sarif, .output = path.string()});
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.out.find("1 error, 0 warnings, 0 suppressed: FAILED"), std::string::npos)
      << result.out;
  std::ifstream in(path);
  auto log = nlohmann::json::parse(in);
  EXPECT_EQ(log["version"], "2.1.0");
  std::filesystem::remove(path);
}

TEST(CheckCommand, StackSelection) {
  CommandFixture f;
  Stack other(f.app, "other");
  GenericResource bucket(other, "bucket", "aws_s3_bucket");
  // The other stack did not opt in: it gets the AWS baseline (it used to be skipped).
  auto only = run(f.app, {.options = {.stacks = {"other"}}});
  EXPECT_EQ(only.code, 1);
  EXPECT_NE(only.out.find("1 stack checked"), std::string::npos) << only.out;
  EXPECT_NE(only.out.find("[app/other/bucket] AWS-PUB-001"), std::string::npos) << only.out;
  EXPECT_EQ(only.out.find("FERPA-"), std::string::npos) << only.out;
  auto all = run(f.app, {.options = {.stacks = {"other"}, .all_stacks = true}});
  EXPECT_EQ(all.code, 1);
  EXPECT_NE(all.out.find("[app/other/bucket] FERPA-S3-001"), std::string::npos) << all.out;
  auto unknown = run(f.app, {.options = {.stacks = {"nope"}}});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("no stack named \"nope\""), std::string::npos) << unknown.err;
}

TEST(CheckCommand, AnUnwritableOutputIsAnIoError) {
  CommandFixture f;
  auto result = run(f.app, {.output = "/nonexistent-dir/report.txt"});
  EXPECT_EQ(result.code, 2);
  EXPECT_NE(result.err.find("io.write_failed: cannot write /nonexistent-dir/report.txt"),
            std::string::npos)
      << result.err;
}
