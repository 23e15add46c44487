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

Result run(const std::string& args, const std::string& program = CHECK_CLI_APP) {
  std::string command = program + " " + args + " 2>&1";
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
  auto good = run("check --env good --stack records");
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
  auto written = run("check --env good --stack records --format sarif --output " + path.string());
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

// A stack that did not opt in gets the AWS baseline: useful findings, not "no stack opted in".
TEST(CliCheck, EveryStackGetsTheBaselineByDefault) {
  auto scratch = run("check --stack scratch");
  EXPECT_EQ(scratch.code, 1) << scratch.out;
  EXPECT_NE(scratch.out.find("compliance: aws-baseline 1.0"), std::string::npos) << scratch.out;
  EXPECT_NE(scratch.out.find("error: [app/scratch/bucket] AWS-TLS-001 S3 bucket policy does not "
                             "deny requests without TLS"),
            std::string::npos)
      << scratch.out;
  EXPECT_NE(scratch.out.find("error: [app/scratch/bucket] AWS-PUB-001"), std::string::npos);
  EXPECT_EQ(scratch.out.find("FERPA-"), std::string::npos) << scratch.out;  // no tagging noise

  auto both = run("check --env good --format json");
  EXPECT_EQ(both.code, 1) << both.out;
  auto document = nlohmann::json::parse(both.out);
  EXPECT_EQ(document["stacks"], nlohmann::json::array({"app/records", "app/scratch"}));
  EXPECT_EQ(document["pack"], "ferpa+aws-baseline");
}

TEST(CliCheck, ProfileOption) {
  // The opted-in stack with the baseline only: it meets it (its one suppression now covers
  // nothing, and the report says so).
  auto baseline = run("check --env good --stack records --profile baseline");
  EXPECT_EQ(baseline.code, 0) << baseline.out;
  EXPECT_NE(baseline.out.find("compliance: aws-baseline"), std::string::npos) << baseline.out;
  EXPECT_NE(baseline.out.find("FERPA-API-002 \"tracing is sampled by the gateway account "
                              "instead\": 0 findings"),
            std::string::npos)
      << baseline.out;
  // The stack that did not opt in, with the FERPA profile: the FERPA rules (tags) too.
  auto ferpa = run("check --stack scratch --profile ferpa");
  EXPECT_EQ(ferpa.code, 1) << ferpa.out;
  EXPECT_NE(ferpa.out.find("FERPA-TAG-001"), std::string::npos) << ferpa.out;
  EXPECT_NE(ferpa.out.find("FERPA-S3-001"), std::string::npos) << ferpa.out;
  EXPECT_EQ(ferpa.out.find("AWS-TLS-001"), std::string::npos) << ferpa.out;  // covered by S3-002

  auto bad = run("check --profile hipaa");
  EXPECT_EQ(bad.code, 2) << bad.out;
}

#ifdef CLI_APP
// examples/cli_app: a team's two stacks that never heard of compliance. `check` gives them the
// baseline's findings on what they built (the old command printed "no stack opted in").
TEST(CliCheck, ATeamAppThatNeverOptedInGetsUsefulFindings) {
  auto team = run("check --env dev", CLI_APP);
  EXPECT_EQ(team.code, 1) << team.out;
  for (const char* expected :
       {"compliance: aws-baseline 1.0, 24 rules, 2 stacks checked",
        "warning: [app/network/vpc] AWS-LOG-003 VPC has no flow log",
        "error: [app/data/storage/bucket] AWS-TLS-001 S3 bucket policy does not deny requests "
        "without TLS",
        "error: [app/data/storage/bucket] AWS-PUB-001 S3 bucket does not block public access",
        "warning: [app/data/storage/bucket] AWS-LOG-001",
        "warning: [app/data/db] AWS-BAK-001 database keeps automated backups for less than 7 "
        "days: backup_retention_period is 1",
        "2 errors, 3 warnings, 0 suppressed: FAILED"}) {
    EXPECT_NE(team.out.find(expected), std::string::npos) << expected << "\n" << team.out;
  }
  // What it does right is not reported: the KMS-encrypted bucket, database and log group.
  EXPECT_EQ(team.out.find("AWS-ENC-"), std::string::npos) << team.out;
  EXPECT_EQ(team.out.find("FERPA-"), std::string::npos) << team.out;
}
#endif

// FERPA-TAG-001 on an untyped resource of a type the bindings' schema lacks: skipped, saying so,
// unless a provider schema loaded with --provider-schema knows the type.
TEST(CliCheck, ProviderSchemaAnswersForUntypedTypes) {
  auto skipped = run("check --stack scratch --profile ferpa");
  EXPECT_NE(skipped.out.find("skipped (1): not checked"), std::string::npos) << skipped.out;
  EXPECT_NE(skipped.out.find("[app/scratch/future] FERPA-TAG-001 aws_made_up_service_thing.future: "
                             "untyped resource whose type is not in the provider schema of the "
                             "bindings (hashicorp/aws 6.47.0), and no provider schema was loaded"),
            std::string::npos)
      << skipped.out;
  EXPECT_EQ(skipped.out.find("[app/scratch/future] FERPA-TAG-001 resource is missing"),
            std::string::npos);

  auto path = std::filesystem::temp_directory_path() /
              ("edustack-cli-check-schema-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream schema(path);
    schema << R"({"format_version": "1.0", "provider_schemas": {
      "registry.terraform.io/hashicorp/aws": {"resource_schemas": {
        "aws_made_up_service_thing": {"version": 0, "block": {"attributes": {
          "tags": {"type": ["map", "string"], "optional": true}}}}}}}})";
  }
  auto known = run("check --stack scratch --profile ferpa --provider-schema " + path.string());
  EXPECT_EQ(known.code, 1) << known.out;
  EXPECT_NE(known.out.find("error: [app/scratch/future] FERPA-TAG-001 resource is missing "
                           "required tags: missing DataClassification, Environment"),
            std::string::npos)
      << known.out;
  EXPECT_EQ(known.out.find("skipped ("), std::string::npos) << known.out;
  std::filesystem::remove(path);

  auto missing = run("check --provider-schema /nonexistent/schema.json");
  EXPECT_EQ(missing.code, 2) << missing.out;
  EXPECT_NE(missing.out.find("cannot use provider schema /nonexistent/schema.json"),
            std::string::npos)
      << missing.out;
}
