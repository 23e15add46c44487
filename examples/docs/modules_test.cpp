// The samples of docs/modules-and-iterators.md, compiled and checked: the page's code blocks are
// verbatim parts of this file, between "// [docs]" lines (tests/docs_check.cmake fails when they
// drift). The page shows them without the two spaces of the TEST body.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <edustack/aws/s3_bucket.hpp>
#include <edustack/aws/s3_bucket_lifecycle_configuration.hpp>
#include <edustack/aws/secretsmanager_secret.hpp>
#include <edustack/aws/secretsmanager_secret_version.hpp>
#include <edustack/aws/security_group.hpp>
#include <edustack/aws/subnet.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>
#ifdef EDUSTACK_DOCS_TYPED_MODULE_OUTPUTS
#include <edustack/modules/app_database.hpp>
#endif
#include <filesystem>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

using namespace edustack;
using edustack::testing::synthesize;
using nlohmann::json;

TEST(DocsModules, RegistryModuleWithMetaArgumentsAndTypedOutputs) {
  App app;
  Stack stack(app, "stack");
  // [docs] a registry module
  Provider west(stack, "west", {.name = "aws", .alias = "west"});
  aws::Vpc peer(stack, "peer", {.cidr_block = "10.9.0.0/16"});
  Module vpc(stack, "vpc",
             {.source = ModuleSource::registry("terraform-aws-modules/vpc/aws"),
              .version = "~> 5.0",
              .inputs = {{"name", "main"},
                         {"cidr", "10.0.0.0/16"},
                         {"azs", Value::List{"eu-west-2a", "eu-west-2b"}},
                         {"peer_vpc_id", peer.id()}},
              .providers = {{"aws", west}},  // "providers": {"aws": "aws.west"}
              .depends_on = {peer},
              .count = 2});

  Module single(stack, "single", {.source = ModuleSource::path("../net")});
  StringExpr vpc_id = single.output<StringExpr>("vpc_id");  // ${module.single.vpc_id}
  ListExpr<std::string> subnets = single.output<ListExpr<std::string>>("subnet_ids");
  aws::Vpc other(stack, "other", {.cidr_block = subnets[0]});  // ${module.single.subnet_ids[0]}
  // [docs] end
  auto synth = synthesize(stack);
  const json& doc = synth.document();
  EXPECT_EQ(doc["module"]["vpc"],
            json::parse(R"({"source": "terraform-aws-modules/vpc/aws", "version": "~> 5.0",
              "name": "main", "cidr": "10.0.0.0/16", "azs": ["eu-west-2a", "eu-west-2b"],
              "peer_vpc_id": "${aws_vpc.peer.id}", "providers": {"aws": "aws.west"},
              "depends_on": ["aws_vpc.peer"], "count": 2})"));
  EXPECT_EQ(doc["module"]["single"]["source"], "../net");
  EXPECT_EQ(vpc_id.to_string(), "${module.single.vpc_id}");
  EXPECT_EQ(synth.resource_at("other")["cidr_block"], "${module.single.subnet_ids[0]}");
}

TEST(DocsModules, LocalModuleWithForEach) {
  App app;
  Stack stack(app, "stack");
  Provider aws(stack, "aws", {.name = "aws", .source = "hashicorp/aws"});
  std::filesystem::path modules =
      std::filesystem::path(EDUSTACK_SOURCE_DIR) / "examples/modules/modules";
  // [docs] a local module, once per network
  Variable networks_var(stack, "networks", {.type = "map(string)"});
  auto networks = networks_var.value().as<std::map<std::string, std::string>>();
  auto network_of = Iterator<std::string>::map(networks);  // networks: a MapExpr<std::string>
  Module network(stack, "network",
                 {.source = ModuleSource::local(modules / "network"),
                  .inputs = {{"name", network_of.key()},
                             {"cidr_block", network_of.value()},
                             {"subnet_cidr", fn::cidrsubnet(network_of.value(), 8, 1)}},
                  .providers = {{"aws", aws}},
                  .for_each = network_of});
  // module.network[each.key].vpc_id: the instance of the same key
  aws::SecurityGroup web(
      stack, "web",
      {.description = "Web tier of one network",
       .name = "web-" + network_of.key(),
       .vpc_id = network.instance_output<StringExpr>(network_of.key(), "vpc_id")},
      {.for_each = network_of});
  // [docs] end
  auto synth = synthesize(stack);
  const json& module = synth.document()["module"]["network"];
  EXPECT_EQ(module["source"], "./modules/network");
  EXPECT_EQ(module["for_each"], "${var.networks}");
  EXPECT_EQ(module["subnet_cidr"], "${cidrsubnet(each.value, 8, 1)}");
  EXPECT_EQ(synth.resource_at("web")["vpc_id"], "${module.network[each.key].vpc_id}");
  EXPECT_EQ(synth.resource_at("web")["name"], "web-${each.key}");
  // The module's files travel with the stack: the directory is self-contained.
  const auto& assets = stack.assets();
  EXPECT_TRUE(std::any_of(assets.begin(), assets.end(), [](const StackAsset& asset) {
    return asset.path == "modules/network/main.tf";
  }));
}

TEST(DocsIterators, ForEachOverAMap) {
  App app;
  Stack stack(app, "stack");
  // [docs] for_each
  auto zones = Iterator<std::string>::map({{"a", "10.0.1.0/24"}, {"b", "10.0.2.0/24"}});
  aws::Subnet subnet(stack, "subnet",
                     {.availability_zone = "eu-west-2" + zones.key(),  // "eu-west-2${each.key}"
                      .cidr_block = zones.value(),                     // "${each.value}"
                      .vpc_id = "vpc-1"},
                     {.for_each = zones});
  // [docs] end
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("subnet");
  EXPECT_EQ(body["for_each"], json::parse(R"({"a": "10.0.1.0/24", "b": "10.0.2.0/24"})"));
  EXPECT_EQ(body["availability_zone"], "eu-west-2${each.key}");
  EXPECT_EQ(body["cidr_block"], "${each.value}");
}

TEST(DocsIterators, CountHasATypedIndex) {
  App app;
  Stack stack(app, "stack");
  // [docs] count
  Count three(3);
  GenericResource r(
      stack, "r", "aws_x",
      {{"name", "node-" + fn::tostring(three.index())}},  // "node-${tostring(count.index)}"
      {.count = three});
  // [docs] end
  static_assert(std::is_same_v<decltype(three.index()), NumberExpr>);
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("r")["count"], 3);
  EXPECT_EQ(synth.resource_at("r")["name"], "node-${tostring(count.index)}");
}

TEST(DocsIterators, ForExpressions) {
  App app;
  Stack stack(app, "stack");
  // [docs] for expressions
  Variable names(stack, "names", {.type = "list(string)"});
  Variable cidrs(stack, "cidrs", {.type = "map(string)"});
  auto xs = names.value().as<std::vector<std::string>>();
  auto m = cidrs.value().as<std::map<std::string, std::string>>();

  auto upper = for_list(xs, [](const StringExpr& x) { return fn::upper(x); });
  // ListExpr<std::string>: ${[for x in var.names : upper(x)]}
  auto kept = for_list(
      xs, [](const StringExpr& x) { return x + "-a"; },
      [](const StringExpr& x) {
        return fn::contains(Value::List{"a", "b"}, x);
      });
  // ${[for x in var.names : "${x}-a" if contains(["a", "b"], x)]}
  auto subnets =
      for_map(m, [](const StringExpr&, const StringExpr& v) { return fn::cidrsubnet(v, 8, 1); });
  // MapExpr<std::string>: ${{for k, v in var.cidrs : k => cidrsubnet(v, 8, 1)}}
  auto by_name = for_map(
      xs, [](const StringExpr& x) { return fn::lower(x); },
      [](const StringExpr& x) { return fn::length(x); });
  // MapExpr<double>: ${{for x in var.names : lower(x) => length(x)}}
  // [docs] end
  static_assert(std::is_same_v<decltype(upper), ListExpr<std::string>>);
  static_assert(std::is_same_v<decltype(subnets), MapExpr<std::string>>);
  static_assert(std::is_same_v<decltype(by_name), MapExpr<double>>);
  EXPECT_EQ(upper.to_string(), "${[for x in var.names : upper(x)]}");
  EXPECT_EQ(kept.to_string(),
            "${[for x in var.names : \"${x}-a\" if contains([\"a\", \"b\"], x)]}");
  EXPECT_EQ(subnets.to_string(), "${{for k, v in var.cidrs : k => cidrsubnet(v, 8, 1)}}");
  EXPECT_EQ(by_name.to_string(), "${{for x in var.names : lower(x) => length(x)}}");
}

TEST(DocsDynamicBlocks, OneRulePerEntry) {
  App app;
  Stack stack(app, "stack");
  // [docs] a dynamic block
  aws::S3Bucket logs(stack, "logs", {.bucket = "edu-logs"});
  aws::S3BucketLifecycleConfiguration expiry(stack, "expiry", {.bucket = logs.id()});
  auto rule = Iterator<double>::map({{"logs", 30}, {"tmp", 7}}).named("rule");
  add_dynamic_block(expiry, &aws::S3BucketLifecycleConfigurationConfig::rule, rule,
                    [](const Iterator<double>& r) -> aws::S3BucketLifecycleConfigurationRule {
                      return {.expiration = {{.days = r.value()}},
                              .filter = {{.prefix = r.key() + "/"}},
                              .id = r.key(),
                              .status = "Enabled"};
                    });
  // [docs] end
  auto synth = synthesize(stack);
  // The JSON the page shows.
  EXPECT_EQ(synth.resource_at("expiry")["dynamic"],
            json::parse(R"({"rule": {"for_each": {"logs": 30, "tmp": 7},
                     "content": {"expiration": [{"days": "${rule.value}"}],
                                 "filter": [{"prefix": "${rule.key}/"}],
                                 "id": "${rule.key}", "status": "Enabled"}}})"));
}

TEST(DocsDynamicBlocks, NestedDynamicBlocks) {
  App app;
  Stack stack(app, "stack");
  aws::S3Bucket archive(stack, "archive", {.bucket = "edu-archive"});
  // [docs] nested dynamic blocks
  aws::S3BucketLifecycleConfiguration tiers(stack, "tiers", {.bucket = archive.id()});
  auto prefix =
      Iterator<std::vector<double>>::map({{"reports", {30, 90}}, {"exports", {7}}}).named("rule");
  auto step = Iterator<double>::list(prefix.value()).named("step");
  add_dynamic_block(
      tiers, &aws::S3BucketLifecycleConfigurationConfig::rule, prefix,
      [](const Iterator<std::vector<double>>& r) -> aws::S3BucketLifecycleConfigurationRule {
        return {.filter = {{.prefix = r.key() + "/"}}, .id = r.key(), .status = "Enabled"};
      },
      nested_dynamic_block(
          &aws::S3BucketLifecycleConfigurationRule::transition, step,
          [](const Iterator<double>& t) -> aws::S3BucketLifecycleConfigurationRuleTransition {
            return {.days = t.value(), .storage_class = "GLACIER"};
          }));
  // [docs] end
  auto synth = synthesize(stack);
  const json& rule = synth.resource_at("tiers")["dynamic"]["rule"];
  EXPECT_EQ(rule["for_each"], json::parse(R"({"reports": [30, 90], "exports": [7]})"));
  const json& transition = rule["content"]["dynamic"]["transition"];
  // A list of numbers is keyed by index.
  EXPECT_EQ(transition["for_each"], "${{for i, v in rule.value : tostring(i) => v}}");
  EXPECT_EQ(transition["iterator"], "step");
  EXPECT_EQ(transition["content"],
            json::parse(R"({"days": "${step.value}", "storage_class": "GLACIER"})"));
}

TEST(DocsNewerLanguage, Removed) {
  App app;
  Stack stack(app, "stack");
  // [docs] removed
  Removed logs(stack, "logs", {.from = "aws_s3_bucket.logs"});  // lifecycle { destroy = false }
  Removed net(stack, "net",
              {.from = Removed::address_for_path("aws_vpc", "network/vpc"), .destroy = true});
  // [docs] end
  auto synth = synthesize(stack);
  const json& removed = synth.document()["removed"];
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(removed[0],
            json::parse(R"({"from": "aws_s3_bucket.logs", "lifecycle": {"destroy": false}})"));
  EXPECT_EQ(removed[1]["from"], "aws_vpc." + logical_id_for_path("network/vpc"));
  EXPECT_EQ(removed[1]["lifecycle"]["destroy"], true);
}

TEST(DocsNewerLanguage, ChecksAndConditions) {
  App app;
  Stack stack(app, "stack");
  // [docs] check, precondition, postcondition
  Variable env(stack, "env", {.type = "string"});
  aws::S3Bucket bucket(
      stack, "logs", {.bucket = "logs-" + env.as_string()},
      {.lifecycle = Lifecycle{
           .precondition = {{.condition = fn::contains(Value::List{"dev", "prod"}, env.value()),
                             .error_message = "env must be dev or prod, not " + env.as_string()}},
           .postcondition = {
               {.condition = fn::call<bool>("startswith", {self_attribute("arn"), "arn:aws:s3:::"}),
                .error_message = "not an S3 ARN"}}}});
  Check check(stack, "logs_bucket",
              {.assertions = {{.condition = fn::call<bool>("can", {bucket.arn()}),
                               .error_message = "the logs bucket has no ARN"}}});
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("logs")["lifecycle"], json::parse(R"({
    "precondition": [{"condition": "${contains([\"dev\", \"prod\"], var.env)}",
                      "error_message": "env must be dev or prod, not ${var.env}"}],
    "postcondition": [{"condition": "${startswith(self.arn, \"arn:aws:s3:::\")}",
                       "error_message": "not an S3 ARN"}]})"));
  EXPECT_EQ(synth.document()["check"]["logs_bucket"], json::parse(R"({"assert": [
    {"condition": "${can(aws_s3_bucket.logs.arn)}", "error_message": "the logs bucket has no ARN"}]})"));
}

TEST(DocsNewerLanguage, TerraformData) {
  App app;
  Stack stack(app, "stack");
  // [docs] terraform_data
  Variable version(stack, "app_version", {.type = "string"});
  TerraformData release(
      stack, "release",
      {.input = version.value(), .triggers_replace = Value::List{version.value()}});
  GenericResource server(stack, "server", "aws_instance",
                         {{"user_data", release.output_as<std::string>()}},
                         {.lifecycle = Lifecycle{.replace_triggered_by = {release.id()}}});
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_TRUE(edustack::testing::json_contains(
      synth.resource_at("release"),
      json::parse(
          R"({"input": "${var.app_version}", "triggers_replace": ["${var.app_version}"]})")));
  EXPECT_EQ(synth.resource_at("server")["user_data"], "${terraform_data.release.output}");
  EXPECT_EQ(synth.resource_at("server")["lifecycle"]["replace_triggered_by"],
            json::parse(R"(["terraform_data.release.id"])"));
}

TEST(DocsNewerLanguage, EphemeralValueIntoAWriteOnlyArgument) {
  App app;
  Stack stack(app, "stack");
  // [docs] ephemeral resource, write-only argument
  EphemeralResource password(stack, "db_password", "random_password",
                             {{"length", 24}, {"special", false}});
  aws::SecretsmanagerSecret secret(stack, "db", {.name = "edu-db"});
  aws::SecretsmanagerSecretVersion secret_version(
      stack, "db_version",
      {.secret_id = secret.id(),
       .secret_string_wo = password.attribute_as<std::string>(
           "result"),  // ${ephemeral.random_password.db_password.result}
       .secret_string_wo_version = 1});
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_TRUE(edustack::testing::json_contains(
      synth.document()["ephemeral"]["random_password"]["db_password"],
      {{"length", 24}, {"special", false}}));
  EXPECT_EQ(synth.resource_at("db_version")["secret_string_wo"],
            "${ephemeral.random_password.db_password.result}");
  EXPECT_EQ(synth.resource_at("db_version")["secret_string_wo_version"], 1);
}

// Typed outputs from resource attributes need the provider schema (../shared/schemas).
#ifdef EDUSTACK_DOCS_TYPED_MODULE_OUTPUTS
TEST(DocsModules, TypedBinding) {
  App app;
  Stack stack(app, "stack");
  Variable env(stack, "env", {.type = "string"});
  // [docs] a typed module binding
  modules::AppDatabase db(stack, "db", {.source = "../modules/app_database", .count = 2},
                          {.deletion_protection = false,
                           .name = "assess-" + env.as_string(),
                           .settings = Value::Object{{"engine", "aurora-postgresql"}},
                           .subnet_ids = {"subnet-a", "subnet-b"}});
  StringExpr host = db.endpoint();                  // ${module.db.endpoint}  (schema: string)
  NumberExpr port = db.port();                      // ${module.db.port}      (schema: number)
  ListExpr<std::string> subnets = db.subnet_ids();  // ${module.db.subnet_ids} (var: list(string))
  StringExpr second = db.name(Value(1));            // ${module.db[1].name}
  // [docs] end
  EXPECT_EQ(host.to_string(), "${module.db.endpoint}");
  EXPECT_EQ(port.to_string(), "${module.db.port}");
  EXPECT_EQ(subnets.to_string(), "${module.db.subnet_ids}");
  EXPECT_EQ(second.to_string(), "${module.db[1].name}");
  auto synth = synthesize(stack);
  EXPECT_TRUE(edustack::testing::json_contains(
      synth.document()["module"]["db"],
      json::parse(R"({"source": "../modules/app_database", "count": 2,
    "deletion_protection": false, "name": "assess-${var.env}",
    "settings": {"engine": "aurora-postgresql"}, "subnet_ids": ["subnet-a", "subnet-b"]})")));
}
#else
TEST(DocsModules, TypedBinding) {
  GTEST_SKIP() << "no provider schema at " EDUSTACK_SHARED_DIR
                  "/schemas/aws-provider-6.47.0.json: module outputs are not typed without it";
}
#endif
