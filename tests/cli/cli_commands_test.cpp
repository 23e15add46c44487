// The CLI's own commands (synth, list, validate, graph), global flags and usage errors, run as a
// process: examples/cli_app.cpp, with the stacks "network" and "data".

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"
#include "edustack/version.hpp"

namespace edustack_cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST_F(CliTest, HelpListsCommandsAndExitCodes) {
  Result r = run({"--help"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* command :
       {"synth", "list", "validate", "graph", "diff", "plan", "apply", "destroy", "output"}) {
    EXPECT_THAT(r.out, HasSubstr(std::string("  ") + command + " ")) << command;
  }
  EXPECT_THAT(r.out, HasSubstr("Exit codes:"));
  EXPECT_THAT(r.out, HasSubstr("--allow-destroy"));
  EXPECT_THAT(r.out, HasSubstr("NO_COLOR"));
}

TEST_F(CliTest, EveryCommandHasHelp) {
  for (const char* command :
       {"synth", "list", "validate", "graph", "diff", "plan", "apply", "destroy", "output"}) {
    Result r = run({command, "--help"});
    EXPECT_EQ(r.code, 0) << command << r.err;
    EXPECT_THAT(r.out, HasSubstr(std::string("Usage: cli_app ") + command)) << command;
    EXPECT_THAT(r.out, HasSubstr("Exit codes:")) << command;
  }
  EXPECT_THAT(
      run({"apply", "--help"}).out,
      AllOf(HasSubstr("--auto-approve"), HasSubstr("--allow-destroy"), HasSubstr("--terraform")));
}

TEST_F(CliTest, Version) {
  Result r = run({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, std::string("edustack ") + EDUSTACK_VERSION_STRING + "\n");
}

TEST_F(CliTest, SynthWritesEveryStackAndPrintsOneLineEach) {
  Result r = run({"synth"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 2u) << r.out;
  EXPECT_THAT(r.out,
              HasSubstr("network     3 resources  edustack.out/stacks/network/main.tf.json"));
  EXPECT_THAT(r.out, HasSubstr("data        6 resources  edustack.out/stacks/data/main.tf.json"));
  EXPECT_THAT(r.out, HasSubstr(" bytes  "));
  EXPECT_THAT(r.out, HasSubstr(" ms\n"));
  // The example's warning annotation, with its construct path.
  EXPECT_THAT(r.err, HasSubstr("warning: [app/data/db] backup_retention_period is 1 day"));
  EXPECT_TRUE(fs::exists(work_ / "edustack.out/manifest.json"));
  std::string data = read_file(work_ / "edustack.out/stacks/data/main.tf.json");
  EXPECT_THAT(data, HasSubstr("\"demo-dev-uploads\""));
  EXPECT_THAT(data, Not(HasSubstr("metadata")));
  // Byte counts are the file sizes.
  std::string size = std::to_string(fs::file_size(work_ / "edustack.out/stacks/data/main.tf.json"));
  EXPECT_THAT(r.out, HasSubstr(size + " bytes"));
}

TEST_F(CliTest, SynthOptions) {
  Result r = run({"synth", "--out", "out dir", "--stack", "data", "--env", "pr42", "--metadata"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 1u) << r.out;
  EXPECT_FALSE(fs::exists(work_ / "out dir/stacks/network"));
  std::string data = read_file(work_ / "out dir/stacks/data/main.tf.json");
  EXPECT_THAT(data, HasSubstr("\"demo-pr42-uploads\""));
  EXPECT_THAT(data, HasSubstr("\"path\": \"app/data/storage/bucket\""));
}

TEST_F(CliTest, EnvironmentSuffixFromTheEnvironmentUnlessGiven) {
  ASSERT_EQ(run({"synth"}, {.env = {{"ENVIRONMENT_SUFFIX", "ci7"}}}).code, 0);
  EXPECT_THAT(read_file(work_ / "edustack.out/stacks/data/main.tf.json"),
              HasSubstr("\"demo-ci7-uploads\""));
  ASSERT_EQ(run({"synth", "--env", "pr1"}, {.env = {{"ENVIRONMENT_SUFFIX", "ci7"}}}).code, 0);
  EXPECT_THAT(read_file(work_ / "edustack.out/stacks/data/main.tf.json"),
              HasSubstr("\"demo-pr1-uploads\""));
}

TEST_F(CliTest, SynthErrorsExitOneAndWriteNothing) {
  ASSERT_EQ(run({"synth"}).code, 0);
  std::string before = read_file(work_ / "edustack.out/stacks/data/main.tf.json");
  Result r = run({"synth", "--env", "Bad Env"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("error: [app/network] environment suffix \"Bad Env\" must be"));
  EXPECT_THAT(r.err, HasSubstr("synthesis failed with 1 error; nothing was written"));
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read_file(work_ / "edustack.out/stacks/data/main.tf.json"), before);

  Result fresh = run({"synth", "--env", "Bad Env", "--out", "never"});
  EXPECT_EQ(fresh.code, 1);
  EXPECT_FALSE(fs::exists(work_ / "never"));
}

TEST_F(CliTest, UnwritableOutputDirectory) {
  write_file(work_ / "a-file", "not a directory\n");
  Result r = run({"synth", "--out", "a-file/out"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("error: cannot create output directory"));
  EXPECT_THAT(r.err, HasSubstr("a-file/out"));
  EXPECT_EQ(r.out, "");
}

TEST_F(CliTest, UnknownStack) {
  for (const char* command : {"synth", "list", "graph", "validate", "plan"}) {
    Result r = run({command, "--stack", "nope"});
    EXPECT_EQ(r.code, 2) << command;
    EXPECT_THAT(r.err, HasSubstr("error: no stack named \"nope\" (stacks: network, data)"))
        << command;
  }
  EXPECT_EQ(terraform_log(), "");
}

TEST_F(CliTest, BadFlagsAreUsageErrors) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  std::vector<Case> cases = {
      {{"synth", "--bogus"}, "error: The following argument was not expected: --bogus"},
      {{"frobnicate"}, "error: unknown command \"frobnicate\" (commands: synth, list,"},
      {{}, "error: A subcommand is required"},
      {{"graph", "--format", "svg"}, "error: --format: svg not in {dot,mermaid}"},
      {{"--log-level", "loud", "list"}, "error: --log-level: loud not in"},
      {{"synth", "--out"}, "error: --out: 1 required DIR missing"},
      // Several --stack run several stacks now; an unknown one is still a usage error.
      {{"plan", "--stack", "data", "--stack", "nope"}, "no stack named \"nope\""},
  };
  for (const auto& c : cases) {
    Result r = run(c.args);
    EXPECT_EQ(r.code, 2) << c.message << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message));
  }
}

TEST_F(CliTest, GlobalOptionsAfterTheCommand) {
  Result r = run({"synth", "--quiet"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");  // --quiet drops warnings too
  Result debug = run({"list", "--log-level", "debug"});
  EXPECT_EQ(debug.code, 0);
  EXPECT_THAT(debug.err, HasSubstr("debug: building the app for environment \"dev\""));
}

TEST_F(CliTest, ListText) {
  Result r = run({"list"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "network  3 resources, 0 data sources\n"
            "  aws_subnet    2\n"
            "  aws_vpc       1\n"
            "data  6 resources, 0 data sources\n"
            "  aws_cloudwatch_log_group                              1\n"
            "  aws_db_instance                                       1\n"
            "  aws_db_subnet_group                                   1\n"
            "  aws_kms_key                                           1\n"
            "  aws_s3_bucket                                         1\n"
            "  aws_s3_bucket_server_side_encryption_configuration    1\n");
  EXPECT_FALSE(fs::exists(work_ / "edustack.out"));  // list writes nothing
}

TEST_F(CliTest, ListJson) {
  Result r = run({"list", "--json", "--stack", "network"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto document = nlohmann::json::parse(r.out);
  ASSERT_EQ(document["stacks"].size(), 1u);
  const auto& stack = document["stacks"][0];
  EXPECT_EQ(stack["name"], "network");
  EXPECT_EQ(stack["path"], "app/network");
  EXPECT_EQ(stack["resources"], 3);
  EXPECT_EQ(stack["data_sources"], 0);
  EXPECT_EQ(stack["resource_types"], (nlohmann::json{{"aws_subnet", 2}, {"aws_vpc", 1}}));
}

TEST_F(CliTest, ColourOnlyWhenAskedAndNeverWithNoColor) {
  EXPECT_THAT(run({"list"}).out, Not(HasSubstr("\033[")));  // not a terminal
  EXPECT_THAT(run({"--color", "always", "list"}).out, HasSubstr("\033[1mnetwork\033[0m"));
  EXPECT_THAT(run({"--color", "always", "list"}, {.env = {{"NO_COLOR", "1"}}}).out,
              Not(HasSubstr("\033[")));
  Result err = run({"--color", "always", "synth", "--env", "Bad Env"});
  EXPECT_THAT(err.err, HasSubstr("\033[1;31merror:\033[0m"));
}

TEST_F(CliTest, GraphDot) {
  Result r = run({"graph", "--stack", "data"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("digraph edustack {\n"));
  EXPECT_THAT(r.out, HasSubstr("subgraph cluster_g0 {\n    label=\"data\";"));
  EXPECT_THAT(r.out, HasSubstr("  subgraph cluster_g1 {\n      label=\"storage\";"));
  EXPECT_THAT(r.out,
              HasSubstr("[label=\"bucket\\naws_s3_bucket\", tooltip=\"app/data/storage/bucket\"]"));
  EXPECT_THAT(r.out, HasSubstr("[label=\"key\\naws_kms_key\", tooltip=\"app/data/key\"]"));
  EXPECT_THAT(r.out, Not(HasSubstr("network")));
  // The encryption configuration refers to the bucket and the key: n3 -> n2, n3 -> n1.
  EXPECT_THAT(r.out, HasSubstr("n2 [label=\"bucket\\naws_s3_bucket\""));
  EXPECT_THAT(r.out, HasSubstr("n3 [label=\"encryption\\n"));
  EXPECT_THAT(r.out, HasSubstr("  n3 -> n2;\n  n3 -> n1;\n"));
  EXPECT_THAT(r.out, HasSubstr("  n6 -> n5;\n  n6 -> n1;\n"));  // db -> subnet group, key
}

TEST_F(CliTest, GraphMermaidAllStacks) {
  Result r = run({"graph", "--format", "mermaid"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("flowchart LR\n  subgraph g0[\"network\"]\n"));
  EXPECT_THAT(r.out, HasSubstr("    n0[\"vpc<br/>aws_vpc\"]\n"));
  EXPECT_THAT(r.out, HasSubstr("    subgraph g1[\"subnets\"]\n"));
  EXPECT_THAT(r.out, HasSubstr("  subgraph g2[\"data\"]\n"));
  EXPECT_THAT(r.out, HasSubstr("  n1 --> n0\n  n2 --> n0\n"));  // both subnets -> vpc
}

TEST_F(CliTest, ValidateWithoutSchemaExplainsHowToGetOne) {
  Result r = run({"validate"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("error: no provider schema: give --provider-schema FILE or set "
                               "EDUSTACK_PROVIDER_SCHEMA"));
  EXPECT_THAT(r.err, HasSubstr("terraform providers schema -json > schema.json"));
}

constexpr const char* tiny_schema = R"({"format_version": "1.0", "provider_schemas": {
  "registry.terraform.io/hashicorp/aws": {
    "provider": {"version": 0, "block": {"attributes": {"region": {"type": "string", "optional": true}}}},
    "resource_schemas": {
      "aws_vpc": {"version": 1, "block": {"attributes": {
        "id": {"type": "string", "computed": true},
        "cidr_block": {"type": "string", "optional": true},
        "enable_dns_hostnames": {"type": "bool", "optional": true},
        "tags": {"type": ["map", "string"], "optional": true}}}},
      "aws_subnet": {"version": 1, "block": {"attributes": {
        "vpc_id": {"type": "string", "required": true},
        "cidr_block": {"type": "string", "optional": true}}}}}}}})";

TEST_F(CliTest, ValidateFindingsOnePerLine) {
  write_file(work_ / "schema.json", tiny_schema);
  Result r = run({"validate", "--provider-schema", "schema.json", "--stack", "network"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(count_lines(r.out), 2u) << r.out;  // the subnets' tags
  EXPECT_THAT(r.out, HasSubstr("[app/network/subnets/private-0] aws_subnet.subnets_private-0_"));
  EXPECT_THAT(r.out, HasSubstr("argument \"tags\": unknown argument"));
  EXPECT_THAT(r.err, HasSubstr("error: 2 findings in 1 stack against schema.json"));
}

TEST_F(CliTest, ValidateSchemaFromTheEnvironment) {
  write_file(work_ / "schema.json", tiny_schema);
  Result r = run({"validate", "--stack", "network"},
                 {.env = {{"EDUSTACK_PROVIDER_SCHEMA", (work_ / "schema.json").string()}}});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(count_lines(r.out), 2u) << r.out;
}

TEST_F(CliTest, ValidateUnreadableSchema) {
  Result r = run({"validate", "--provider-schema", "missing.json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("error: cannot use provider schema missing.json"));
}

TEST_F(CliTest, ValidateAgainstTheAwsProviderSchema) {
  fs::path schema = EDUSTACK_AWS_SCHEMA_PATH;
  if (!fs::exists(schema)) GTEST_SKIP() << "no AWS provider schema at " << schema;
  Result r = run({"validate", "--provider-schema", schema.string()});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "2 stacks valid against " + schema.string() + "\n");
}

}  // namespace
}  // namespace edustack_cli_test
