#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/rds_cluster.hpp>
#include <edustack/aws/s3_bucket.hpp>
#include <edustack/edustack.hpp>

#include "test_support.hpp"

using namespace edustack;
using namespace edustack::test;
using nlohmann::json;
using ::testing::HasSubstr;

TEST(Removed, ForgetsWithoutDestroyByDefault) {
  App app;
  Stack stack(app, "stack");
  Removed logs(stack, "logs", {.from = "aws_s3_bucket.logs"});
  Removed net(stack, "net",
              {.from = Removed::address_for_path("aws_vpc", "network/vpc"), .destroy = true});
  Removed mod(stack, "mod", {.from = "module.legacy"});
  json doc = synth_json(app);
  ASSERT_EQ(doc["removed"].size(), 3u);
  EXPECT_EQ(doc["removed"][0],
            json::parse(R"({"from": "aws_s3_bucket.logs", "lifecycle": {"destroy": false}})"));
  EXPECT_EQ(doc["removed"][1]["from"], "aws_vpc." + logical_id_for_path("network/vpc"));
  EXPECT_EQ(doc["removed"][1]["lifecycle"]["destroy"], true);
  EXPECT_EQ(doc["removed"][2]["from"], "module.legacy");
}

TEST(Removed, BadAddressesAndDuplicatesAreErrors) {
  App app;
  Stack stack(app, "stack");
  for (std::string bad : {"", "logs", "aws_s3_bucket.logs[0]", "${aws_s3_bucket.logs}"}) {
    try {
      Removed r(stack, "r", {.from = bad});
      FAIL() << "expected ConfigError for \"" << bad << "\"";
    } catch (const ConfigError& error) {
      EXPECT_EQ(error.path(), "app/stack/r");
      EXPECT_EQ(error.field(), "from");
    }
  }
  Removed a(stack, "a", {.from = "aws_s3_bucket.logs"});
  Removed b(stack, "b", {.from = "aws_s3_bucket.logs"});
  try {
    app.synth_in_memory();
    FAIL() << "expected SynthError";
  } catch (const SynthError& error) {
    ASSERT_EQ(error.problems().size(), 1u);
    EXPECT_EQ(error.problems()[0].path, "app/stack/b");
    EXPECT_EQ(error.problems()[0].rule, "synth.id_collision");
    EXPECT_THAT(error.problems()[0].message,
                HasSubstr("\"aws_s3_bucket.logs\" (removed) is also the name of app/stack/a"));
  }
}

TEST(Check, AssertionsAndLifecycleConditions) {
  App app;
  Stack stack(app, "stack");
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
  json doc = synth_json(app);
  EXPECT_EQ(doc["resource"]["aws_s3_bucket"]["logs"]["lifecycle"], json::parse(R"({
    "precondition": [{"condition": "${contains([\"dev\", \"prod\"], var.env)}",
                      "error_message": "env must be dev or prod, not ${var.env}"}],
    "postcondition": [{"condition": "${startswith(self.arn, \"arn:aws:s3:::\")}",
                       "error_message": "not an S3 ARN"}]})"));
  EXPECT_EQ(doc["check"]["logs_bucket"], json::parse(R"({"assert": [
    {"condition": "${can(aws_s3_bucket.logs.arn)}", "error_message": "the logs bucket has no ARN"}]})"));
  EXPECT_EQ(check.references(), (std::vector<const Element*>{&bucket}));
  EXPECT_THROW(Check(stack, "empty", {}), ConfigError);
}

TEST(TerraformData, InputTriggersAndOutput) {
  App app;
  Stack stack(app, "stack");
  Variable version(stack, "app_version", {.type = "string"});
  TerraformData release(
      stack, "release",
      {.input = version.value(), .triggers_replace = Value::List{version.value()}});
  GenericResource server(stack, "server", "aws_instance",
                         {{"user_data", release.output_as<std::string>()}},
                         {.lifecycle = Lifecycle{.replace_triggered_by = {release.id()}}});
  json doc = synth_json(app);
  EXPECT_EQ(doc["resource"]["terraform_data"]["release"],
            json::parse(
                R"({"input": "${var.app_version}", "triggers_replace": ["${var.app_version}"]})"));
  EXPECT_EQ(doc["resource"]["aws_instance"]["server"]["user_data"],
            "${terraform_data.release.output}");
  EXPECT_EQ(doc["resource"]["aws_instance"]["server"]["lifecycle"]["replace_triggered_by"],
            json::parse(R"(["terraform_data.release.id"])"));
  EXPECT_EQ(app.synth_in_memory().stacks.at(0).resource_count, 2u);
  // No provider is needed: none is required.
  EXPECT_FALSE(doc["terraform"].contains("required_providers"));
}

TEST(Ephemeral, EphemeralResourceVariableAndWriteOnlyArgument) {
  App app;
  Stack stack(app, "stack");
  Variable token(stack, "token", {.type = "string", .sensitive = true, .ephemeral = true});
  EphemeralResource password(stack, "master", "random_password", {{"length", 32}});
  aws::RdsCluster db(stack, "db",
                     {.engine = "aurora-postgresql",
                      .master_password_wo = password.attribute_as<std::string>("result"),
                      .master_password_wo_version = 1,
                      .master_username = "app"});
  json doc = synth_json(app);
  EXPECT_EQ(doc["ephemeral"]["random_password"]["master"], json::parse(R"({"length": 32})"));
  EXPECT_EQ(doc["variable"]["token"]["ephemeral"], true);
  const json& body = doc["resource"]["aws_rds_cluster"]["db"];
  EXPECT_EQ(body["master_password_wo"], "${ephemeral.random_password.master.result}");
  EXPECT_EQ(body["master_password_wo_version"], 1);
  EXPECT_FALSE(body.contains("master_password"));
  EXPECT_EQ(password.address(), "ephemeral.random_password.master");
  EXPECT_EQ(app.synth_in_memory().stacks.at(0).resource_count, 1u);  // ephemeral ones are not
}

TEST(Variable, ValidationBlocksStillWork) {
  App app;
  Stack stack(app, "stack");
  Variable env(stack, "env", {.type = "string"});
  env.add_validation_rule(fn::contains(Value::List{"dev", "prod"}, env.value()), "dev or prod");
  json doc = synth_json(app);
  EXPECT_EQ(doc["variable"]["env"]["validation"][0]["error_message"], "dev or prod");
}
