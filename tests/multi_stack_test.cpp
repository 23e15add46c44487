// Multi-stack apps: cross-stack references through terraform_remote_state, the stack graph.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/subnet.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/edustack.hpp>
#include <nlohmann/json.hpp>
#include <type_traits>

using namespace edustack;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

json stack_json(const SynthResult& result, const std::string& name) {
  for (const auto& artifact : result.stacks) {
    if (artifact.name == name) return json::parse(artifact.json);
  }
  ADD_FAILURE() << "no stack " << name;
  return {};
}

const StackArtifact& artifact_of(const SynthResult& result, const std::string& name) {
  for (const auto& artifact : result.stacks) {
    if (artifact.name == name) return artifact;
  }
  throw std::runtime_error("no stack " + name);
}

std::string problems_text(const SynthError& error) {
  std::string out;
  for (const auto& problem : error.problems()) out += problem.to_string() + "\n";
  return out;
}

}  // namespace

TEST(MultiStack, ReferenceBecomesOutputAndRemoteState) {
  App app;
  Stack network(app, "network");
  LocalBackend network_state(network, "state");
  aws::Vpc vpc(network, "vpc", {.cidr_block = "10.0.0.0/16"});
  Stack data(app, "data");
  LocalBackend data_state(data, "state", {.path = "state/data.tfstate"});
  // The typed accessor keeps its C++ type across stacks: a StringExpr goes where a String goes.
  static_assert(std::is_same_v<decltype(vpc.id()), StringExpr>);
  aws::Subnet subnet(data, "subnet", {.cidr_block = "10.0.1.0/24", .vpc_id = vpc.id()});

  auto result = app.synth_in_memory();
  json up = stack_json(result, "network");
  json down = stack_json(result, "data");
  EXPECT_EQ(up["output"]["aws_vpc_vpc_id"], json({{"value", "${aws_vpc.vpc.id}"}}));
  EXPECT_EQ(down["resource"]["aws_subnet"]["subnet"]["vpc_id"],
            "${data.terraform_remote_state.network.outputs.aws_vpc_vpc_id}");
  EXPECT_EQ(down["data"]["terraform_remote_state"]["network"],
            json({{"backend", "local"}, {"config", {{"path", "../network/terraform.tfstate"}}}}));
  EXPECT_FALSE(up.contains("data"));
  EXPECT_EQ(artifact_of(result, "data").dependencies, std::vector<std::string>{"network"});
  EXPECT_TRUE(artifact_of(result, "network").dependencies.empty());
  ASSERT_EQ(artifact_of(result, "network").outputs.size(), 1u);
  EXPECT_EQ(artifact_of(result, "network").outputs[0].name, "aws_vpc_vpc_id");
  EXPECT_EQ(artifact_of(result, "network").outputs[0].type, "string");
  EXPECT_FALSE(artifact_of(result, "network").outputs[0].sensitive);
}

TEST(MultiStack, ReferencesInsideFunctionsAndTemplates) {
  App app;
  Stack a(app, "a");
  S3Backend state(a, "state",
                  {.bucket = "tf-state",
                   .key = "a.tfstate",
                   .region = "eu-west-2",
                   .workspace_key_prefix = "envs"});
  GenericResource bucket(a, "bucket", "aws_s3_bucket");
  Stack b(app, "b");
  GenericResource policy(
      b, "policy", "aws_s3_bucket_policy",
      {{"bucket", fn::upper(bucket.attribute_as<std::string>("id"))},
       {"arn", bucket.attribute_as<std::string>("arn") + "/*"},
       {"tags", Value::Object{{"list", Value::List{bucket.attribute_as<std::string>("id")}}}}});

  auto result = app.synth_in_memory();
  json down = stack_json(result, "b");
  const auto& body = down["resource"]["aws_s3_bucket_policy"]["policy"];
  EXPECT_EQ(body["bucket"],
            "${upper(data.terraform_remote_state.a.outputs.aws_s3_bucket_bucket_id)}");
  EXPECT_EQ(body["arn"], "${data.terraform_remote_state.a.outputs.aws_s3_bucket_bucket_arn}/*");
  EXPECT_EQ(body["tags"]["list"][0],
            "${data.terraform_remote_state.a.outputs.aws_s3_bucket_bucket_id}");
  EXPECT_EQ(down["data"]["terraform_remote_state"]["a"],
            json({{"backend", "s3"},
                  {"config",
                   {{"bucket", "tf-state"},
                    {"key", "a.tfstate"},
                    {"region", "eu-west-2"},
                    {"workspace_key_prefix", "envs"}}}}));
  json up = stack_json(result, "a");
  EXPECT_EQ(up["output"].size(), 2u);  // id once, although read three times, and arn
}

TEST(MultiStack, TwoHopsThroughAnOutputAndSensitivity) {
  App app;
  Stack a(app, "a");
  LocalBackend a_state(a, "state");
  Variable secret(a, "secret", {.type = "string", .sensitive = true});
  GenericResource vpc(a, "vpc", "aws_vpc");
  Stack b(app, "b");
  LocalBackend b_state(b, "state");
  Output relayed(b, "vpc_id", {.value = vpc.attribute_as<std::string>("id")});
  GenericResource uses_secret(b, "uses", "aws_thing", {{"password", secret.as_string()}});
  Stack c(app, "c");
  LocalBackend c_state(c, "state");
  GenericResource subnet(c, "subnet", "aws_subnet", {{"vpc_id", relayed.value_as<std::string>()}});

  auto result = app.synth_in_memory();
  json ja = stack_json(result, "a");
  json jb = stack_json(result, "b");
  json jc = stack_json(result, "c");
  EXPECT_EQ(ja["output"]["var_secret"], json({{"value", "${var.secret}"}, {"sensitive", true}}));
  EXPECT_EQ(jb["output"]["vpc_id"]["value"],
            "${data.terraform_remote_state.a.outputs.aws_vpc_vpc_id}");
  EXPECT_EQ(jb["resource"]["aws_thing"]["uses"]["password"],
            "${data.terraform_remote_state.a.outputs.var_secret}");
  // c reads b's own output, not a new one, and only b's state.
  EXPECT_EQ(jc["resource"]["aws_subnet"]["subnet"]["vpc_id"],
            "${data.terraform_remote_state.b.outputs.vpc_id}");
  EXPECT_EQ(jc["data"]["terraform_remote_state"].size(), 1u);
  EXPECT_EQ(jb["output"].size(), 1u);
  EXPECT_EQ(artifact_of(result, "c").dependencies, std::vector<std::string>{"b"});
  EXPECT_EQ(artifact_of(result, "b").dependencies, std::vector<std::string>{"a"});
  const auto& b_outputs = artifact_of(result, "b").outputs;
  ASSERT_EQ(b_outputs.size(), 1u);
  EXPECT_EQ(b_outputs[0].type, "string");
}

TEST(MultiStack, SensitiveResourceAttributeMakesASensitiveOutput) {
  App app;
  Stack a(app, "a");
  LocalBackend a_state(a, "state");
  GenericResource db(a, "db", "aws_db_instance");
  db.mark_sensitive("password");
  Stack b(app, "b");
  GenericResource user(b, "user", "aws_thing",
                       {{"password", db.attribute("password")}, {"host", db.attribute("address")}});
  auto result = app.synth_in_memory();
  json up = stack_json(result, "a");
  EXPECT_EQ(up["output"]["aws_db_instance_db_password"]["sensitive"], true);
  EXPECT_FALSE(up["output"]["aws_db_instance_db_address"].contains("sensitive"));
}

TEST(MultiStack, ReferenceToStackWithoutBackendNamesBothPaths) {
  App app;
  Stack a(app, "a");
  GenericResource vpc(a, "vpc", "aws_vpc");
  Stack b(app, "b");
  LocalBackend b_state(b, "state");
  GenericResource subnet(b, "subnet", "aws_subnet", {{"vpc_id", vpc.attribute("id")}});
  try {
    app.synth_in_memory();
    FAIL() << "expected a SynthError";
  } catch (const SynthError& error) {
    ASSERT_EQ(error.problems().size(), 1u) << problems_text(error);
    const auto& problem = error.problems()[0];
    EXPECT_EQ(problem.rule, "synth.cross_stack_no_backend");
    EXPECT_EQ(problem.path, "app/b/subnet");
    EXPECT_THAT(problem.message, HasSubstr("app/a/vpc"));
    EXPECT_THAT(problem.message, HasSubstr("no backend"));
  }
}

TEST(MultiStack, CycleNamesTheStacks) {
  App app;
  Stack a(app, "a");
  LocalBackend a_state(a, "state");
  Stack b(app, "b");
  LocalBackend b_state(b, "state");
  Stack c(app, "c");
  GenericResource in_a(a, "x", "aws_x");
  GenericResource in_b(b, "y", "aws_y", {{"x", in_a.attribute("id")}});
  GenericResource in_a2(a, "z", "aws_z", {{"y", in_b.attribute("id")}});
  c.add_dependency(a);
  try {
    app.synth_in_memory();
    FAIL() << "expected a SynthError";
  } catch (const SynthError& error) {
    ASSERT_EQ(error.problems().size(), 1u) << problems_text(error);
    EXPECT_EQ(error.problems()[0].rule, "synth.stack_cycle");
    EXPECT_THAT(error.problems()[0].message, HasSubstr("a -> b -> a"));
  }
}

TEST(MultiStack, ExplicitDependencyAndManifest) {
  App app;
  Stack a(app, "a");
  Stack b(app, "b");
  b.add_dependency(a);
  EXPECT_THROW(b.add_dependency(b), ConfigError);
  auto result = app.synth_in_memory();
  EXPECT_EQ(artifact_of(result, "b").dependencies, std::vector<std::string>{"a"});
  // No references: nothing generated in either document.
  EXPECT_FALSE(stack_json(result, "b").contains("data"));
  EXPECT_FALSE(stack_json(result, "a").contains("output"));
}

TEST(MultiStack, DependsOnAcrossStacksIsAnError) {
  App app;
  Stack a(app, "a");
  LocalBackend a_state(a, "state");
  GenericResource x(a, "x", "aws_x");
  Stack b(app, "b");
  GenericResource y(b, "y", "aws_y", {}, {.depends_on = {x}});
  try {
    app.synth_in_memory();
    FAIL() << "expected a SynthError";
  } catch (const SynthError& error) {
    ASSERT_EQ(error.problems().size(), 1u) << problems_text(error);
    EXPECT_EQ(error.problems()[0].rule, "synth.cross_stack_depends_on");
  }
}

// HCP Terraform / Terraform Enterprise: the cloud block (not a backend block), the remote backend,
// and readers of either through terraform_remote_state's remote backend, by workspace name.
TEST(MultiStack, CloudAndRemoteBackendsAndTheirReaders) {
  App app;
  Stack network(app, "network");
  CloudBackend network_state(network, "state",
                             {.organization = "acme",
                              .hostname = "tfe.example.com",
                              .workspace = "network-prod",
                              .project = "platform"});
  aws::Vpc vpc(network, "vpc", {.cidr_block = "10.0.0.0/16"});
  Stack data(app, "data");
  RemoteBackend data_state(data, "state", {.organization = "acme", .workspace = "data-prod"});
  aws::Subnet subnet(data, "subnet", {.cidr_block = "10.0.1.0/24", .vpc_id = vpc.id()});

  auto result = app.synth_in_memory();
  json up = stack_json(result, "network");
  json down = stack_json(result, "data");
  EXPECT_EQ(up["terraform"]["cloud"],
            json({{"organization", "acme"},
                  {"hostname", "tfe.example.com"},
                  {"workspaces", {{"name", "network-prod"}, {"project", "platform"}}}}));
  EXPECT_FALSE(up["terraform"].contains("backend")) << up["terraform"].dump();
  EXPECT_EQ(down["terraform"]["backend"]["remote"],
            json({{"organization", "acme"}, {"workspaces", {{"name", "data-prod"}}}}));
  // The reader reads the workspace by name; project is no argument of the remote backend.
  EXPECT_EQ(down["data"]["terraform_remote_state"]["network"],
            json({{"backend", "remote"},
                  {"config",
                   {{"hostname", "tfe.example.com"},
                    {"organization", "acme"},
                    {"workspaces", {{"name", "network-prod"}}}}}}));
  EXPECT_EQ(down["resource"]["aws_subnet"]["subnet"]["vpc_id"],
            "${data.terraform_remote_state.network.outputs.aws_vpc_vpc_id}");
}

TEST(MultiStack, CloudWorkspaceTagsSynthesizeButCannotBeRead) {
  App app;
  Stack network(app, "network");
  CloudBackend state(network, "state",
                     {.organization = "acme", .workspace_tags = {"network", "prod"}});
  aws::Vpc vpc(network, "vpc", {.cidr_block = "10.0.0.0/16"});
  {
    auto alone = app.synth_in_memory();
    EXPECT_EQ(stack_json(alone, "network")["terraform"]["cloud"]["workspaces"],
              json({{"tags", {"network", "prod"}}}));
  }
  Stack data(app, "data");
  LocalBackend data_state(data, "state");
  aws::Subnet subnet(data, "subnet", {.cidr_block = "10.0.1.0/24", .vpc_id = vpc.id()});
  try {
    app.synth_in_memory();
    FAIL() << "expected a SynthError";
  } catch (const SynthError& error) {
    ASSERT_EQ(error.problems().size(), 1u) << problems_text(error);
    const auto& problem = error.problems()[0];
    EXPECT_EQ(problem.rule, "synth.cross_stack_no_workspace");
    EXPECT_EQ(problem.path, "app/data/subnet");
    EXPECT_THAT(problem.message, HasSubstr("app/network/vpc"));
    EXPECT_THAT(problem.message, HasSubstr("give the backend a workspace name"));
  }
}

TEST(MultiStack, CloudAndRemoteBackendConfigErrorsNameTheField) {
  App app;
  Stack stack(app, "s");
  auto field_of = [](auto make) -> std::string {
    try {
      make();
    } catch (const ConfigError& error) {
      EXPECT_EQ(error.path(), "app/s/state");
      return error.field();
    }
    return "(no error)";
  };
  EXPECT_EQ(field_of([&] { CloudBackend b(stack, "state", {.workspace = "w"}); }), "organization");
  EXPECT_EQ(field_of([&] { CloudBackend b(stack, "state", {.organization = "acme"}); }),
            "workspace");
  EXPECT_EQ(field_of([&] {
              CloudBackend b(stack, "state",
                             {.organization = "acme", .workspace = "w", .workspace_tags = {"t"}});
            }),
            "workspace");
  EXPECT_EQ(field_of([&] {
              CloudBackend b(stack, "state", {.organization = "acme", .workspace_tags = {""}});
            }),
            "workspace_tags");
  EXPECT_EQ(field_of([&] { RemoteBackend b(stack, "state", {.organization = "acme"}); }),
            "workspace");
  EXPECT_EQ(field_of([&] {
              RemoteBackend b(stack, "state",
                              {.organization = "acme", .workspace = "w", .workspace_prefix = "p-"});
            }),
            "workspace");
  EXPECT_EQ(field_of([&] { RemoteBackend b(stack, "state", {.workspace_prefix = "p-"}); }),
            "organization");
}
