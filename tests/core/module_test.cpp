#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/vpc.hpp>
#include <edustack/edustack.hpp>
#include <filesystem>

#include "test_support.hpp"

using namespace edustack;
using namespace edustack::test;
using nlohmann::json;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

TEST(Module, RegistrySourceWithVersionInputsProvidersAndMetaArguments) {
  App app;
  Stack stack(app, "stack");
  Provider west(stack, "west", {.name = "aws", .alias = "west"});
  aws::Vpc peer(stack, "peer", {.cidr_block = "10.9.0.0/16"});
  Module vpc(stack, "vpc",
             {.source = ModuleSource::registry("terraform-aws-modules/vpc/aws"),
              .version = "~> 5.0",
              .inputs = {{"name", "main"},
                         {"cidr", "10.0.0.0/16"},
                         {"azs", Value::List{"eu-west-2a", "eu-west-2b"}},
                         {"peer_vpc_id", peer.id()},
                         {"note", "literal ${not} interpolated"}},
              .providers = {{"aws", west}},
              .depends_on = {peer},
              .count = 2});
  json doc = synth_json(app);
  EXPECT_EQ(doc["module"]["vpc"],
            json::parse(R"({"source": "terraform-aws-modules/vpc/aws", "version": "~> 5.0",
              "name": "main", "cidr": "10.0.0.0/16", "azs": ["eu-west-2a", "eu-west-2b"],
              "peer_vpc_id": "${aws_vpc.peer.id}", "note": "literal $${not} interpolated",
              "providers": {"aws": "aws.west"}, "depends_on": ["aws_vpc.peer"], "count": 2})"));
  EXPECT_EQ(vpc.address(), "module.vpc");
  // The provider and the dependency are what the graph draws.
  EXPECT_EQ(vpc.references(), (std::vector<const Element*>{&peer, &west}));
}

TEST(Module, GitAndVerbatimSources) {
  EXPECT_EQ(ModuleSource::git("https://example.com/vpc.git", "v1.2.0", "modules/vpc").text(),
            "git::https://example.com/vpc.git//modules/vpc?ref=v1.2.0");
  EXPECT_EQ(ModuleSource::git("git@github.com:org/vpc.git").text(), "git@github.com:org/vpc.git");
  EXPECT_EQ(ModuleSource("hashicorp/consul/aws").kind(), ModuleSource::Kind::registry);
  EXPECT_EQ(ModuleSource("../shared/vpc").kind(), ModuleSource::Kind::path);
  EXPECT_EQ(ModuleSource("git::https://x/y.git").kind(), ModuleSource::Kind::git);
  EXPECT_EQ(ModuleSource("s3::https://bucket/vpc.zip").kind(), ModuleSource::Kind::other);
  EXPECT_EQ(ModuleSource("github.com/org/vpc").kind(), ModuleSource::Kind::other);

  App app;
  Stack stack(app, "stack");
  Module net(stack, "net", {.source = ModuleSource::git("https://example.com/net.git", "v2")});
  Module path(stack, "path", {.source = "../../shared/net"});
  json doc = synth_json(app);
  EXPECT_EQ(doc["module"]["net"]["source"], "git::https://example.com/net.git?ref=v2");
  EXPECT_EQ(doc["module"]["path"]["source"], "../../shared/net");
  EXPECT_FALSE(doc["module"]["net"].contains("version"));
}

TEST(Module, TypedOutputsAndInstanceOutputs) {
  App app;
  Stack stack(app, "stack");
  auto zones = Iterator<std::string>::map({{"a", "10.0.1.0/24"}, {"b", "10.0.2.0/24"}});
  Module network(stack, "network",
                 {.source = "./net", .inputs = {{"cidr", zones.value()}}, .for_each = zones});
  Module single(stack, "single", {.source = "./net"});
  StringExpr vpc_id = single.output<StringExpr>("vpc_id");
  ListExpr<std::string> subnets = single.output<ListExpr<std::string>>("subnet_ids");
  aws::Vpc vpc(stack, "vpc", {.cidr_block = subnets[0], .tags = {{"Vpc", vpc_id}}});
  GenericResource per_zone(stack, "per_zone", "aws_x",
                           {{"vpc_id", network.instance_output<StringExpr>(zones.key(), "vpc_id")},
                            {"all", network.all()}},
                           {.for_each = zones});
  json doc = synth_json(app);
  EXPECT_EQ(doc["module"]["network"]["for_each"],
            json::parse(R"({"a": "10.0.1.0/24", "b": "10.0.2.0/24"})"));
  EXPECT_EQ(doc["module"]["network"]["cidr"], "${each.value}");
  EXPECT_EQ(doc["resource"]["aws_vpc"]["vpc"]["cidr_block"], "${module.single.subnet_ids[0]}");
  EXPECT_EQ(doc["resource"]["aws_vpc"]["vpc"]["tags"]["Vpc"], "${module.single.vpc_id}");
  EXPECT_EQ(doc["resource"]["aws_x"]["per_zone"]["vpc_id"], "${module.network[each.key].vpc_id}");
  EXPECT_EQ(doc["resource"]["aws_x"]["per_zone"]["all"], "${module.network}");
  // A module output referenced from another stack is a cross-stack reference like any other.
  Stack other(app, "other");
  GenericResource stray(other, "stray", "aws_x", {{"vpc_id", single.output("vpc_id")}});
  try {
    app.synth_in_memory();
    FAIL() << "expected a SynthError";
  } catch (const SynthError& error) {
    ASSERT_EQ(error.problems().size(), 1u);
    EXPECT_EQ(error.problems()[0].path, "app/other/stray");
    // Cross-stack references go through the upstream's state: without a backend to read it
    // from, the reference is an error naming both stacks.
    EXPECT_EQ(error.problems()[0].rule, "synth.cross_stack_no_backend");
    EXPECT_THAT(error.problems()[0].message, HasSubstr("app/stack"));
  }
}

TEST(Module, MisuseIsAConfigErrorNamingPathAndField) {
  App app;
  Stack stack(app, "stack");
  try {
    Module m(stack, "m", {.source = "./local", .version = "1.0"});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/stack/m");
    EXPECT_EQ(error.field(), "version");
  }
  try {
    Module m(stack, "n", {.source = "org/x/aws", .count = 2, .for_each = Value::Object{{"a", 1}}});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.field(), "for_each");
  }
  try {
    Module m(stack, "o", {.source = "org/x/aws", .inputs = {{"depends_on", 1}}});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.field(), "inputs.depends_on");
  }
  try {
    Module m(stack, "p", {.source = ModuleSource::local("/nonexistent/edustack/module")});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.field(), "source");
    EXPECT_THAT(error.what(), HasSubstr("/nonexistent/edustack/module\" does not exist"));
  }
}

TEST(Module, LocalModuleIsCopiedIntoTheStackDirectory) {
  TempDir temp;
  fs::path module = temp.path / "src" / "network";
  write_file(module / "main.tf", "variable \"name\" {}\n");
  write_file(module / "outputs.tf.json", R"({"output": {"id": {"value": "x"}}})");
  write_file(module / "templates" / "policy.json", "{}");
  // Terraform's working files and hidden files are left behind.
  write_file(module / ".terraform" / "modules" / "modules.json", "{}");
  write_file(module / ".terraform.lock.hcl", "# lock");
  write_file(module / "terraform.tfstate", "{}");
  write_file(module / ".hidden", "x");

  App app;
  Stack stack(app, "stack");
  Module a(stack, "a", {.source = ModuleSource::local(module), .inputs = {{"name", "a"}}});
  Module b(stack, "b",
           {.source = ModuleSource::local(module.string() + "/"), .inputs = {{"name", "b"}}});
  EXPECT_EQ(a.source(), "./modules/network");
  EXPECT_EQ(b.source(), "./modules/network");

  fs::path out = temp.path / "out";
  app.synth(out);
  fs::path stack_dir = out / "stacks" / "stack";
  json doc = json::parse(read_file(stack_dir / "main.tf.json"));
  EXPECT_EQ(doc["module"]["a"]["source"], "./modules/network");
  EXPECT_EQ(read_file(stack_dir / "modules/network/main.tf"), "variable \"name\" {}\n");
  EXPECT_TRUE(fs::exists(stack_dir / "modules/network/outputs.tf.json"));
  EXPECT_TRUE(fs::exists(stack_dir / "modules/network/templates/policy.json"));
  EXPECT_FALSE(fs::exists(stack_dir / "modules/network/.terraform"));
  EXPECT_FALSE(fs::exists(stack_dir / "modules/network/.terraform.lock.hcl"));
  EXPECT_FALSE(fs::exists(stack_dir / "modules/network/terraform.tfstate"));
  EXPECT_FALSE(fs::exists(stack_dir / "modules/network/.hidden"));
  EXPECT_EQ(stack.assets().size(), 3u);  // the same directory twice is copied once
}

TEST(Module, LocalModulesWithTheSameNameAndOtherContentCollide) {
  TempDir temp;
  write_file(temp.path / "one" / "network" / "main.tf", "# one\n");
  write_file(temp.path / "two" / "network" / "main.tf", "# two\n");
  write_file(temp.path / "empty" / "README.md", "no configuration here");
  App app;
  Stack stack(app, "stack");
  Module a(stack, "a", {.source = ModuleSource::local(temp.path / "one" / "network")});
  write_file(temp.path / "two" / "network" / "a_first.tf", "# sorts first, added nowhere\n");
  try {
    Module b(stack, "b", {.source = ModuleSource::local(temp.path / "two" / "network")});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/stack/b");
    EXPECT_EQ(error.field(), "source");
    EXPECT_THAT(error.what(), HasSubstr("\"modules/network/main.tf\" is already in stack"));
  }
  // Nothing of the conflicting directory was added.
  ASSERT_EQ(stack.assets().size(), 1u);
  EXPECT_EQ(stack.assets()[0].content, "# one\n");
  try {
    Module c(stack, "c", {.source = ModuleSource::local(temp.path / "empty")});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_THAT(error.what(), HasSubstr("has no .tf or .tf.json file"));
  }
}

TEST(Module, ResourcesMayDependOnAModule) {
  App app;
  Stack stack(app, "stack");
  Module net(stack, "net", {.source = "./net"});
  GenericResource app_server(stack, "server", "aws_instance", {}, {.depends_on = {net}});
  json doc = synth_json(app);
  EXPECT_EQ(doc["resource"]["aws_instance"]["server"]["depends_on"],
            json::parse(R"(["module.net"])"));
}
