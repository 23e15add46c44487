#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/constructs/checks.hpp>
#include <edustack/constructs/monitoring.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {}  // namespace

TEST(LogGroup, EncryptedWithRetention) {
  App app;
  Stack stack(app, "s");
  LogGroup logs(stack, "logs", {.name = "/aws/api/edu", .kms_key_arn = "arn:aws:kms:k"});
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("logs/group"),
            json::parse(R"({"name": "/aws/api/edu", "kms_key_id": "arn:aws:kms:k",
                            "retention_in_days": 90,
                            "//": {"metadata": {"path": "app/s/logs/group"}}})"));
  EXPECT_EQ(logs.name().to_string(), "${" + synth.address_at("logs/group") + ".name}");
  EXPECT_EQ(config_error([&] {
              LogGroup bad(stack, "forever",
                           {.name = "x", .kms_key_arn = "k", .retention_in_days = 0});
            }),
            "[app/s/forever] retention_in_days: 0 is not a CloudWatch Logs retention period (1, 3, "
            "5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
            "2922, 3288, 3653)");
  EXPECT_EQ(config_error([&] { LogGroup bad(stack, "bad", {.name = "a b", .kms_key_arn = "k"}); }),
            "[app/s/bad] name: \"a b\" contains ' '; a log group name allows letters, digits and "
            "\"_-/.#\"");
}

TEST(MetricAlarm, TypedMetricThresholdAndActions) {
  App app;
  Stack stack(app, "s");
  MetricAlarm cpu(stack, "cpu",
                  {.name = "edu-ecs-cpu-high",
                   .description = "ECS CPU above 85%",
                   .metric = {.namespace_ = "AWS/ECS",
                              .metric_name = "CPUUtilization",
                              .dimensions = {{"ClusterName", "edu"}, {"ServiceName", "web"}}},
                   .threshold = 85,
                   .evaluation_periods = 3,
                   .datapoints_to_alarm = 2,
                   .alarm_actions = {"arn:aws:sns:eu-west-2:1:alerts"}});
  MetricAlarm latency(stack, "latency",
                      {.name = "edu-latency",
                       .metric = {.namespace_ = "AWS/ApiGateway",
                                  .metric_name = "Latency",
                                  .statistic = "p99",
                                  .period = 300},
                       .threshold = 1000,
                       .comparison = Comparison::greater_than_or_equal_to_threshold});
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("cpu/alarm");
  EXPECT_EQ(body["alarm_name"], "edu-ecs-cpu-high");
  EXPECT_EQ(body["namespace"], "AWS/ECS");
  EXPECT_EQ(body["metric_name"], "CPUUtilization");
  EXPECT_EQ(body["dimensions"], json::parse(R"({"ClusterName": "edu", "ServiceName": "web"})"));
  EXPECT_EQ(body["statistic"], "Average");
  EXPECT_EQ(body["period"], 60);
  EXPECT_EQ(body["threshold"], 85);
  EXPECT_EQ(body["comparison_operator"], "GreaterThanThreshold");
  EXPECT_EQ(body["evaluation_periods"], 3);
  EXPECT_EQ(body["datapoints_to_alarm"], 2);
  EXPECT_EQ(body["treat_missing_data"], "notBreaching");
  EXPECT_EQ(body["alarm_actions"], json::parse(R"(["arn:aws:sns:eu-west-2:1:alerts"])"));
  const json& p99 = synth.resource_at("latency/alarm");
  EXPECT_EQ(p99["extended_statistic"], "p99");
  EXPECT_FALSE(p99.contains("statistic"));
  EXPECT_EQ(p99["comparison_operator"], "GreaterThanOrEqualToThreshold");
}

TEST(MetricAlarm, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto build = [&](auto change) {
    return config_error([&] {
      MetricAlarmConfig config{.name = "edu-alarm",
                               .metric = {.namespace_ = "AWS/ECS", .metric_name = "CPUUtilization"},
                               .threshold = 1};
      change(config);
      MetricAlarm alarm(stack, "bad", config);
    });
  };
  EXPECT_EQ(build([](auto& c) { c.metric.statistic = "Mean"; }),
            "[app/s/bad] metric.statistic: \"Mean\" is not Average, Sum, Minimum, Maximum, "
            "SampleCount or a percentile (p0 to p100)");
  EXPECT_EQ(build([](auto& c) { c.metric.statistic = "p101"; }),
            "[app/s/bad] metric.statistic: \"p101\" is not Average, Sum, Minimum, Maximum, "
            "SampleCount or a percentile (p0 to p100)");
  EXPECT_EQ(build([](auto& c) { c.metric.period = 90; }),
            "[app/s/bad] metric.period: 90 seconds is not a CloudWatch period (10, 20, 30 or a "
            "multiple of 60)");
  EXPECT_EQ(build([](auto& c) { c.metric.namespace_ = ""; }),
            "[app/s/bad] metric.namespace_: a metric needs a namespace");
  EXPECT_EQ(build([](auto& c) { c.metric.metric_name = ""; }),
            "[app/s/bad] metric.metric_name: a metric needs a name");
  EXPECT_EQ(build([](auto& c) { c.evaluation_periods = 0; }),
            "[app/s/bad] evaluation_periods: 0 is outside 1 to 100000");
  EXPECT_EQ(build([](auto& c) { c.datapoints_to_alarm = 5; }),
            "[app/s/bad] datapoints_to_alarm: 5 is outside 1 to 3");
  EXPECT_EQ(build([](auto& c) { c.treat_missing_data = "zero"; }),
            "[app/s/bad] treat_missing_data: \"zero\" is not missing, notBreaching, breaching or "
            "ignore");
  EXPECT_EQ(build([](auto& c) { c.name = ""; }),
            "[app/s/bad] name: \"\" is 0 characters; a alarm name has 1 to 255");
}

TEST(Dashboard, BodyBuiltFromTypedWidgets) {
  App app;
  Stack stack(app, "s");
  GenericResource alb(stack, "alb", "aws_lb");
  Dashboard dashboard(
      stack, "dashboard",
      {.name = "edu-assessment-dev",
       .widgets = {
           TextWidget{.markdown = "# Assessment platform"},
           MetricWidget{.title = "ALB 5xx",
                        .metrics = {{.namespace_ = "AWS/ApplicationELB",
                                     .metric_name = "HTTPCode_ELB_5XX_Count",
                                     .dimensions = {{"LoadBalancer",
                                                     alb.attribute_as<std::string>("arn_suffix")}},
                                     .statistic = "Sum",
                                     .label = "5xx"}},
                        .layout = {.x = 0, .y = 2, .width = 12, .height = 6}}}});
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("dashboard/dashboard")["dashboard_name"], "edu-assessment-dev");
  std::string body = synth.resource_at("dashboard/dashboard")["dashboard_body"];
  EXPECT_EQ(body,
            "${jsonencode({\"widgets\" = [{\"height\" = 2, \"properties\" = {\"markdown\" = \"# "
            "Assessment platform\"}, \"type\" = \"text\", \"width\" = 24, \"x\" = 0, \"y\" = 0}, "
            "{\"height\" = 6, \"properties\" = {\"metrics\" = [[\"AWS/ApplicationELB\", "
            "\"HTTPCode_ELB_5XX_Count\", \"LoadBalancer\", aws_lb.alb.arn_suffix, {\"label\" = "
            "\"5xx\", \"period\" = 60, \"stat\" = \"Sum\"}]], \"period\" = 300, \"region\" = "
            "data.aws_region.region.region, \"stacked\" = false, \"title\" = \"ALB 5xx\", "
            "\"view\" = \"timeSeries\"}, \"type\" = \"metric\", \"width\" = 12, \"x\" = 0, \"y\" = "
            "2}]})}");
}

TEST(Dashboard, InputChecks) {
  App app;
  Stack stack(app, "s");
  Metric cpu{.namespace_ = "AWS/ECS", .metric_name = "CPUUtilization"};
  EXPECT_EQ(config_error([&] { Dashboard d(stack, "empty", {.name = "edu"}); }),
            "[app/s/empty] widgets: a dashboard needs at least one widget");
  EXPECT_EQ(config_error([&] {
              Dashboard d(
                  stack, "wide",
                  {.name = "edu",
                   .widgets = {MetricWidget{.metrics = {cpu}, .layout = {.x = 18, .width = 12}}}});
            }),
            "[app/s/wide] widgets[0].layout.width: x 18 + width 12 is wider than the 24-column "
            "grid");
  EXPECT_EQ(config_error([&] {
              Dashboard d(stack, "nometrics", {.name = "edu", .widgets = {MetricWidget{}}});
            }),
            "[app/s/nometrics] widgets[0].metrics: a metric widget needs at least one metric");
  EXPECT_EQ(config_error([&] {
              Dashboard d(stack, "view",
                          {.name = "edu",
                           .widgets = {TextWidget{.markdown = "x"},
                                       MetricWidget{.metrics = {cpu}, .view = "line"}}});
            }),
            "[app/s/view] widgets[1].view: \"line\" is not timeSeries, singleValue, bar or pie");
  EXPECT_EQ(
      config_error([&] { Dashboard d(stack, "text", {.name = "edu", .widgets = {TextWidget{}}}); }),
      "[app/s/text] widgets[0].markdown: a text widget needs markdown");
  EXPECT_EQ(config_error([&] {
              Dashboard d(stack, "height",
                          {.name = "edu",
                           .widgets = {TextWidget{.markdown = "x", .layout = {.height = 0}}}});
            }),
            "[app/s/height] widgets[0].layout.height: 0 is outside 1 to 1000");
  EXPECT_EQ(config_error([&] {
              Dashboard d(stack, "name",
                          {.name = "edu dash", .widgets = {TextWidget{.markdown = "x"}}});
            }),
            "[app/s/name] name: \"edu dash\" contains ' '; a dashboard name allows letters, "
            "digits and \"-_\"");
}

TEST(LogGroup, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  try {
    LogGroup g(stack, "logs",
               {.name = "edu logs",
                .kms_key_arn = "arn:aws:kms:eu-west-2:111122223333:key/logs",
                .retention_in_days = 2});
    ADD_FAILURE() << "a config with two problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/logs");
    EXPECT_EQ(error.field(), "name");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/logs] name: " + *name_problem("edu logs", kLogGroupName) +
                  "\n[app/s/logs] retention_in_days: " + *log_retention_problem(2));
  }
  // Nothing was created: no log group.
  EXPECT_EQ(stack.node().children().size(), 0u);
}

TEST(MetricAlarm, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  MetricAlarmConfig config{.name = "edu-alarm",
                           .metric = {.namespace_ = "", .metric_name = "CPUUtilization"},
                           .threshold = 1};
  config.metric.period = 90;
  config.evaluation_periods = 0;  // invalid: datapoints_to_alarm is not also checked against it
  config.datapoints_to_alarm = 5;
  config.treat_missing_data = "zero";
  try {
    MetricAlarm alarm(stack, "bad", config);
    ADD_FAILURE() << "a config with four problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/bad");
    EXPECT_EQ(error.field(), "metric.namespace_");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/bad] metric.namespace_: a metric needs a namespace\n"
              "[app/s/bad] metric.period: 90 seconds is not a CloudWatch period (10, 20, 30 or a "
              "multiple of 60)\n"
              "[app/s/bad] evaluation_periods: 0 is outside 1 to 100000\n"
              "[app/s/bad] treat_missing_data: \"zero\" is not missing, notBreaching, breaching "
              "or ignore");
  }
  // Nothing was created: no alarm.
  EXPECT_EQ(stack.node().children().size(), 0u);
}

TEST(Dashboard, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  Metric cpu{.namespace_ = "AWS/ECS", .metric_name = "CPUUtilization"};
  try {
    Dashboard d(
        stack, "bad",
        {.name = "edu dash",
         .widgets = {
             TextWidget{.layout = {.height = 0}},
             MetricWidget{.metrics = {cpu}, .layout = {.x = 18, .width = 12}, .view = "line"}}});
    ADD_FAILURE() << "a config with five problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/bad");
    EXPECT_EQ(error.field(), "name");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/bad] name: \"edu dash\" contains ' '; a dashboard name allows letters, "
              "digits and \"-_\"\n"
              "[app/s/bad] widgets[0].layout.height: 0 is outside 1 to 1000\n"
              "[app/s/bad] widgets[0].markdown: a text widget needs markdown\n"
              "[app/s/bad] widgets[1].layout.width: x 18 + width 12 is wider than the 24-column "
              "grid\n"
              "[app/s/bad] widgets[1].view: \"line\" is not timeSeries, singleValue, bar or pie");
  }
  // Nothing was created: no dashboard.
  EXPECT_EQ(stack.node().children().size(), 0u);
}
