#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/constructs/az_failure_experiment.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

AzFailureExperimentConfig experiment_config() {
  return {.name = "edu-az-failure-dev",
          .availability_zone = "eu-west-2a",
          .region = "eu-west-2",
          .subnet_arns = {"arn:aws:ec2:eu-west-2:1:subnet/subnet-pub-a",
                          "arn:aws:ec2:eu-west-2:1:subnet/subnet-priv-a"},
          .ecs_cluster_name = "edu-web-dev",
          .ecs_service_name = "edu-web-dev",
          .duration = "PT5M",
          .stop_condition_alarm_arns = {"arn:aws:cloudwatch:eu-west-2:1:alarm:edu-5xx"},
          .log_group_arn = "arn:aws:logs:eu-west-2:1:log-group:/aws/fis/edu"};
}

}  // namespace

TEST(AzFailureExperiment, DisruptsTheZoneNetworkAndTasks) {
  App app;
  Stack stack(app, "s");
  AzFailureExperiment experiment(stack, "az_failure", experiment_config());
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("az_failure/template");
  EXPECT_EQ(body["description"], "Simulate the loss of eu-west-2a");
  EXPECT_EQ(body["role_arn"], "${" + synth.address_at("az_failure/role/role") + ".arn}");
  EXPECT_EQ(body["stop_condition"], json::parse(R"([{"source": "aws:cloudwatch:alarm",
                             "value": "arn:aws:cloudwatch:eu-west-2:1:alarm:edu-5xx"}])"));
  EXPECT_EQ(body["action"][0], json::parse(R"({
    "action_id": "aws:network:disrupt-connectivity",
    "description": "Cut the network of eu-west-2a",
    "name": "disrupt-zone-network",
    "parameter": [{"key": "duration", "value": "PT5M"}, {"key": "scope", "value": "all"}],
    "target": [{"key": "Subnets", "value": "zone-subnets"}]})"));
  EXPECT_EQ(body["action"][1]["action_id"], "aws:ecs:stop-task");
  EXPECT_EQ(body["action"][1]["target"],
            json::parse(R"([{"key": "Tasks", "value": "zone-tasks"}])"));
  EXPECT_EQ(body["target"][0], json::parse(R"({
    "name": "zone-subnets",
    "resource_arns": ["arn:aws:ec2:eu-west-2:1:subnet/subnet-pub-a",
                      "arn:aws:ec2:eu-west-2:1:subnet/subnet-priv-a"],
    "resource_type": "aws:ec2:subnet",
    "selection_mode": "ALL"})"));
  EXPECT_EQ(body["target"][1], json::parse(R"({
    "filter": [{"path": "AvailabilityZone", "values": ["eu-west-2a"]}],
    "name": "zone-tasks",
    "parameters": {"cluster": "edu-web-dev", "service": "edu-web-dev"},
    "resource_type": "aws:ecs:task",
    "selection_mode": "ALL"})"));
  EXPECT_EQ(body["log_configuration"], json::parse(R"([{
    "cloudwatch_logs_configuration": [{"log_group_arn":
      "arn:aws:logs:eu-west-2:1:log-group:/aws/fis/edu:*"}],
    "log_schema_version": 2}])"));
}

TEST(AzFailureExperiment, RoleIsLeastPrivilege) {
  App app;
  Stack stack(app, "s");
  AzFailureExperiment experiment(stack, "az_failure", experiment_config());
  auto synth = synthesize(stack);
  std::string trust = synth.resource_at("az_failure/role/role")["assume_role_policy"];
  EXPECT_THAT(trust, HasSubstr("fis.amazonaws.com"));
  EXPECT_THAT(trust, HasSubstr("aws:SourceAccount"));
  std::string policy = synth.resource_at("az_failure/role/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("\"aws:RequestTag/managedByFIS\" = \"true\""));
  EXPECT_THAT(policy, HasSubstr("\"ec2:ResourceTag/managedByFIS\" = \"true\""));
  EXPECT_THAT(policy, HasSubstr("\"arn:aws:ec2:eu-west-2:1:subnet/subnet-priv-a\""));
  EXPECT_THAT(policy, HasSubstr(":task/edu-web-dev/*"));
  EXPECT_THAT(policy, HasSubstr(":prefix-list/*"));
  EXPECT_THAT(policy, Not(HasSubstr("\"ec2:*\"")));
  EXPECT_THAT(policy, Not(HasSubstr("\"ecs:*\"")));
}

TEST(AzFailureExperiment, NetworkOnlyWithoutLogs) {
  App app;
  Stack stack(app, "s");
  auto config = experiment_config();
  config.ecs_cluster_name = {};
  config.ecs_service_name = {};
  config.log_group_arn = {};
  AzFailureExperiment experiment(stack, "az_failure", config);
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("az_failure/template");
  EXPECT_EQ(body["action"].size(), 1u);
  EXPECT_EQ(body["target"].size(), 1u);
  EXPECT_FALSE(body.contains("log_configuration"));
  std::string policy = synth.resource_at("az_failure/role/policy")["policy"];
  EXPECT_THAT(policy, Not(HasSubstr("ecs:")));
  EXPECT_THAT(policy, Not(HasSubstr("logs:")));
}

TEST(AzFailureExperiment, Iso8601Durations) {
  EXPECT_EQ(iso8601_duration_seconds("PT5M"), 300);
  EXPECT_EQ(iso8601_duration_seconds("PT1H30M"), 5400);
  EXPECT_EQ(iso8601_duration_seconds("PT90S"), 90);
  EXPECT_EQ(iso8601_duration_seconds("PT1H2M3S"), 3723);
  EXPECT_EQ(iso8601_duration_seconds("5M"), -1);
  EXPECT_EQ(iso8601_duration_seconds("PT"), -1);
  EXPECT_EQ(iso8601_duration_seconds("PTM"), -1);
  EXPECT_EQ(iso8601_duration_seconds("PT5"), -1);
  EXPECT_EQ(iso8601_duration_seconds("PT5M1H"), -1);
  EXPECT_EQ(iso8601_duration_seconds("P1D"), -1);
}

TEST(AzFailureExperiment, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto build = [&](auto change) {
    return config_error([&] {
      auto config = experiment_config();
      change(config);
      AzFailureExperiment experiment(stack, "bad", config);
    });
  };
  EXPECT_EQ(build([](auto& c) { c.duration = "5 minutes"; }),
            "[app/s/bad] duration: \"5 minutes\" is not an ISO-8601 duration of hours, minutes "
            "and seconds (PT10M)");
  EXPECT_EQ(build([](auto& c) { c.duration = "PT30S"; }),
            "[app/s/bad] duration: \"PT30S\" is outside 1 minute to 12 hours");
  EXPECT_EQ(build([](auto& c) { c.duration = "PT13H"; }),
            "[app/s/bad] duration: \"PT13H\" is outside 1 minute to 12 hours");
  EXPECT_EQ(build([](auto& c) { c.availability_zone = "us-east-1a"; }),
            "[app/s/bad] availability_zone: \"us-east-1a\" is not an availability zone of "
            "eu-west-2");
  EXPECT_EQ(build([](auto& c) { c.availability_zone = ""; }),
            "[app/s/bad] availability_zone: name the availability zone to fail");
  EXPECT_EQ(build([](auto& c) { c.stop_condition_alarm_arns = {}; }),
            "[app/s/bad] stop_condition_alarm_arns: an experiment needs at least one CloudWatch "
            "alarm that stops it");
  EXPECT_EQ(build([](auto& c) { c.ecs_service_name = {}; }),
            "[app/s/bad] ecs_service_name: give both ecs_cluster_name and ecs_service_name, or "
            "neither");
  EXPECT_EQ(build([](auto& c) {
              c.subnet_arns = {};
              c.ecs_cluster_name = {};
              c.ecs_service_name = {};
            }),
            "[app/s/bad] subnet_arns: nothing to disrupt: give the zone's subnets, an ECS "
            "service, or both");
  EXPECT_EQ(build([](auto& c) { c.disruption_scope = "vpc"; }),
            "[app/s/bad] disruption_scope: \"vpc\" is not all, availability-zone, dynamodb, "
            "prefix-list or s3");
  EXPECT_EQ(build([](auto& c) { c.description = std::string(513, 'd'); }),
            "[app/s/bad] description: 513 characters; 512 at most");
  EXPECT_EQ(build([](auto& c) { c.name = "edu az"; }),
            "[app/s/bad/role] name: \"edu az-fis\" contains ' '; a IAM role name allows letters, "
            "digits and \"+=,.@-_\"");
}

TEST(AzFailureExperiment, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  AzFailureExperimentConfig config = experiment_config();
  config.availability_zone = "eu-west-1a";
  config.duration = "PT13H";
  config.disruption_scope = "region";
  config.stop_condition_alarm_arns = {};
  try {
    AzFailureExperiment experiment(stack, "az", config);
    ADD_FAILURE() << "a config with four problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/az");
    EXPECT_EQ(error.field(), "availability_zone");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/az] availability_zone: \"eu-west-1a\" is not an availability zone of "
              "eu-west-2\n"
              "[app/s/az] duration: \"PT13H\" is outside 1 minute to 12 hours\n"
              "[app/s/az] disruption_scope: \"region\" is not all, availability-zone, dynamodb, "
              "prefix-list or s3\n"
              "[app/s/az] stop_condition_alarm_arns: an experiment needs at least one "
              "CloudWatch alarm that stops it");
  }
  // Nothing was created: no role, log group or experiment template.
  EXPECT_EQ(stack.node().children().size(), 0u);
}
