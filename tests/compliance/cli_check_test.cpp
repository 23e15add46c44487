// `edustack check` through the CLI, run as a process (tests/compliance/check_cli_app.cpp).

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct Result {
  int code = -1;
  std::string out;
};

Result run(const std::string& args) {
  std::string command = std::string(CHECK_CLI_APP) + " " + args + " 2>&1";
  Result result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace

TEST(CliCheck, TextReportAndExitCodes) {
  auto good = run("check --env good");
  EXPECT_EQ(good.code, 0) << good.out;
  EXPECT_NE(good.out.find("1 stack checked"), std::string::npos) << good.out;
  EXPECT_NE(good.out.find("[app/records/stage] FERPA-API-002 \"tracing is sampled by the gateway "
                          "account instead\": 1 finding"),
            std::string::npos)
      << good.out;

  auto bad = run("check --env bad");
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("error: [app/records/vpc] FERPA-VPC-001 VPC has no flow log"),
            std::string::npos)
      << bad.out;
}

TEST(CliCheck, SarifToStdoutAndToAFile) {
  auto sarif = run("check --env bad --format sarif");
  EXPECT_EQ(sarif.code, 1);
  auto log = nlohmann::json::parse(sarif.out);
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["name"], "edustack");

  auto path = std::filesystem::temp_directory_path() /
              ("edustack-cli-check-" + std::to_string(::getpid()) + ".sarif");
  auto written = run("check --env good --format sarif --output " + path.string());
  EXPECT_EQ(written.code, 0) << written.out;
  std::ifstream in(path);
  EXPECT_EQ(nlohmann::json::parse(in)["version"], "2.1.0");
  std::filesystem::remove(path);
}

TEST(CliCheck, StackSelectionAndUsage) {
  auto scratch = run("check --stack scratch --all-stacks --format json");
  EXPECT_EQ(scratch.code, 1) << scratch.out;
  auto document = nlohmann::json::parse(scratch.out);
  EXPECT_EQ(document["stacks"], nlohmann::json::array({"app/scratch"}));

  auto unknown = run("check --stack nope");
  EXPECT_EQ(unknown.code, 2) << unknown.out;
  EXPECT_NE(unknown.out.find("no stack named \"nope\""), std::string::npos) << unknown.out;

  auto format = run("check --format xml");
  EXPECT_EQ(format.code, 2) << format.out;
}
