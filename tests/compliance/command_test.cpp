// `edustack check` as a command: arguments, formats, output file, exit codes.

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

Run run(App& app, std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = c::run_check_command(app, args, out, err);
  return {code, out.str(), err.str()};
}

// One opted-in stack with one error (no flow log on the VPC, suppressible) and nothing else.
struct Fixture {
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
  Fixture() { c::enable(stack); }
};

}  // namespace

TEST(CheckCommand, TextByDefaultAndExitCodeOneOnErrors) {
  Fixture f;
  auto result = run(f.app, {});
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.out.find("error: [app/net/vpc] FERPA-VPC-001 VPC has no flow log"),
            std::string::npos)
      << result.out;
  EXPECT_TRUE(result.err.empty()) << result.err;
}

TEST(CheckCommand, ExitCodeZeroWhenEverythingIsSuppressedOrCompliant) {
  Fixture f;
  c::suppress(f.vpc, "FERPA-VPC-001", "flow logs are collected by the network account");
  auto result = run(f.app, {"--format", "text"});
  EXPECT_EQ(result.code, 0) << result.out;
  EXPECT_NE(result.out.find("suppressions (1):"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("passed"), std::string::npos);
}

TEST(CheckCommand, JsonAndSarifFormats) {
  Fixture f;
  auto json = run(f.app, {"--format=json"});
  EXPECT_EQ(json.code, 1);
  auto document = nlohmann::json::parse(json.out);
  EXPECT_EQ(document["summary"]["errors"], 1);

  auto sarif = run(f.app, {"-f", "sarif"});
  EXPECT_EQ(sarif.code, 1);
  auto log = nlohmann::json::parse(sarif.out);
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["runs"][0]["results"][0]["ruleId"], "FERPA-VPC-001");
}

TEST(CheckCommand, WritesTheReportToAFile) {
  Fixture f;
  auto path = std::filesystem::temp_directory_path() /
              ("edustack-check-" + std::to_string(::getpid()) + ".sarif");
  auto result = run(f.app, {"--format", "sarif", "--output", path.string()});
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.out.find("1 error, 0 warnings, 0 suppressed: FAILED"), std::string::npos)
      << result.out;
  std::ifstream in(path);
  auto log = nlohmann::json::parse(in);
  EXPECT_EQ(log["version"], "2.1.0");
  std::filesystem::remove(path);
}

TEST(CheckCommand, StackSelection) {
  Fixture f;
  Stack other(f.app, "other");
  GenericResource bucket(other, "bucket", "aws_s3_bucket");
  auto only = run(f.app, {"--stack", "other"});
  EXPECT_EQ(only.code, 0) << "the other stack did not opt in";
  EXPECT_NE(only.out.find("0 stacks checked"), std::string::npos) << only.out;
  auto all = run(f.app, {"--stack", "other", "--all-stacks"});
  EXPECT_EQ(all.code, 1);
  EXPECT_NE(all.out.find("[app/other/bucket] FERPA-S3-001"), std::string::npos) << all.out;
  auto unknown = run(f.app, {"--stack", "nope"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("no stack named \"nope\""), std::string::npos) << unknown.err;
}

TEST(CheckCommand, UsageErrors) {
  Fixture f;
  for (auto args : std::vector<std::vector<std::string>>{
           {"--format", "xml"}, {"--format"}, {"--output"}, {"--bogus"}, {"--all-stacks=1"}}) {
    auto result = run(f.app, args);
    EXPECT_EQ(result.code, 2) << args[0];
    EXPECT_NE(result.err.find("usage: edustack check"), std::string::npos) << result.err;
  }
  auto help = run(f.app, {"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("usage: edustack check"), std::string::npos);
}
