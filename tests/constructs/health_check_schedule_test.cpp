#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <edustack/constructs/health_check_schedule.hpp>
#include <edustack/edustack.hpp>
#include <edustack/schema/provider_schema.hpp>
#include <edustack/schema/validator.hpp>
#include <edustack/testing.hpp>
#include <filesystem>
#include <memory>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* kHealthKey = "arn:aws:kms:eu-west-2:111122223333:key/health";

HealthCheckScheduleConfig api_check() {
  return {.name = "edu-api-health-dev",
          .health_url = "https://api.example.edu/health",
          .kms_key_arn = kHealthKey,
          .service_name = "assessment-api"};
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

std::filesystem::path health_schema_path() {
  if (const char* env = std::getenv("EDUSTACK_AWS_SCHEMA"); env != nullptr && *env != '\0') {
    return env;
  }
  // tests/constructs/<this file> -> <checkout>/../shared/schemas
  return std::filesystem::path(EDUSTACK_SOURCE_DIR).parent_path() / "shared" / "schemas" /
         "aws-provider-6.47.0.json";
}

}  // namespace

TEST(HealthCheckSchedule, ScheduleRetryPolicyAndDeadLetterQueue) {
  App app;
  Stack stack(app, "s");
  HealthCheckSchedule check(stack, "health", api_check());
  auto synth = synthesize(stack);

  const json& schedule = synth.resource_at("health/schedule");
  EXPECT_EQ(schedule["name"], "edu-api-health-dev");
  EXPECT_EQ(schedule["schedule_expression"], "rate(5 minutes)");
  EXPECT_EQ(schedule["state"], "ENABLED");
  EXPECT_EQ(schedule["kms_key_arn"], kHealthKey);
  EXPECT_EQ(schedule["flexible_time_window"], json::parse(R"([{"mode": "OFF"}])"));
  const json& target = schedule["target"][0];
  EXPECT_EQ(target["arn"], "${" + synth.address_at("health/function/function") + ".arn}");
  EXPECT_EQ(target["role_arn"], "${" + synth.address_at("health/scheduler_role/role") + ".arn}");
  EXPECT_EQ(target["retry_policy"], json::parse(R"([{"maximum_event_age_in_seconds": 3600,
                             "maximum_retry_attempts": 3}])"));
  std::string queue = synth.address_at("health/dead_letter_queue");
  EXPECT_EQ(target["dead_letter_config"], json::array({{{"arn", "${" + queue + ".arn}"}}}));
  EXPECT_THAT(schedule["depends_on"].dump(),
              HasSubstr(synth.address_at("health/scheduler_role/policy")));

  const json& dlq = synth.resource_at("health/dead_letter_queue");
  EXPECT_EQ(dlq["name"], "edu-api-health-dev-dlq");
  EXPECT_EQ(dlq["kms_master_key_id"], kHealthKey);
  EXPECT_EQ(dlq["message_retention_seconds"], 1209600);
  EXPECT_FALSE(dlq.contains("sqs_managed_sse_enabled"));

  const json& queue_policy = synth.resource_at("health/dead_letter_queue_policy");
  EXPECT_EQ(queue_policy["queue_url"], "${" + queue + ".url}");
  std::string policy = queue_policy["policy"];
  EXPECT_EQ(occurrences(policy, "\"sqs:SendMessage\""), 2u);
  EXPECT_THAT(policy, HasSubstr(synth.address_at("health/scheduler_role/role") + ".arn"));
  EXPECT_THAT(policy, HasSubstr("scheduler.amazonaws.com"));
  EXPECT_THAT(policy,
              HasSubstr("\"aws:SourceArn\" = " + synth.address_at("health/schedule") + ".arn"));
  EXPECT_THAT(policy, HasSubstr("\"Effect\" = \"Deny\""));
  EXPECT_THAT(policy, HasSubstr("\"aws:SecureTransport\" = \"false\""));

  EXPECT_EQ(check.schedule_arn().to_string(), "${" + synth.address_at("health/schedule") + ".arn}");
  EXPECT_EQ(check.function_arn().to_string(),
            "${" + synth.address_at("health/function/function") + ".arn}");
  EXPECT_EQ(check.dead_letter_queue_arn().to_string(), "${" + queue + ".arn}");
  EXPECT_EQ(check.dead_letter_queue_url().to_string(), "${" + queue + ".url}");
}

TEST(HealthCheckSchedule, FunctionRunsTheRepositoryHandlerWithXRay) {
  App app;
  Stack stack(app, "s");
  HealthCheckSchedule check(stack, "health", api_check());
  auto synth = synthesize(stack);

  const json& function = synth.resource_at("health/function/function");
  EXPECT_EQ(function["function_name"], "edu-api-health-dev");
  EXPECT_EQ(function["tracing_config"][0]["mode"], "Active");
  EXPECT_EQ(function["timeout"], 20);
  EXPECT_EQ(function["kms_key_arn"], kHealthKey);
  EXPECT_EQ(function["environment"][0]["variables"],
            json::parse(R"({"HEALTH_URL": "https://api.example.edu/health",
                            "METRIC_NAMESPACE": "Edustack/HealthCheck",
                            "SERVICE_NAME": "assessment-api", "TIMEOUT_SECONDS": "10"})"));
  const json& logs = synth.resource_at("health/function/log_group");
  EXPECT_EQ(logs["kms_key_id"], kHealthKey);
  EXPECT_EQ(logs["retention_in_days"], 365);
  ASSERT_EQ(stack.assets().size(), 1u);
  EXPECT_EQ(stack.assets()[0].content,
            reproducible_zip({{"handler.py", std::string(health_check_handler_source())}}));
  EXPECT_THAT(std::string(health_check_handler_source()), HasSubstr("HealthCheckSuccess"));
}

TEST(HealthCheckSchedule, RolesAreLeastPrivilege) {
  App app;
  Stack stack(app, "s");
  HealthCheckSchedule check(stack, "health", api_check());
  auto synth = synthesize(stack);

  // The function: its logs, traces, and metrics in its namespace only.
  std::string function_policy = synth.resource_at("health/function/role/policy")["policy"];
  EXPECT_THAT(function_policy, HasSubstr("\"cloudwatch:PutMetricData\""));
  EXPECT_THAT(function_policy, HasSubstr("\"cloudwatch:namespace\" = \"Edustack/HealthCheck\""));
  EXPECT_EQ(occurrences(function_policy, "\"Sid\""), 3u);
  EXPECT_THAT(function_policy, Not(HasSubstr("lambda:")));
  EXPECT_THAT(function_policy, Not(HasSubstr("sqs:")));

  // The scheduler: trusted by Scheduler for this account; this function, this queue, this key.
  std::string trust = synth.resource_at("health/scheduler_role/role")["assume_role_policy"];
  EXPECT_THAT(trust, HasSubstr("scheduler.amazonaws.com"));
  EXPECT_THAT(trust, HasSubstr("aws:SourceAccount"));
  std::string policy = synth.resource_at("health/scheduler_role/policy")["policy"];
  EXPECT_EQ(occurrences(policy, "\"Sid\""), 3u);
  EXPECT_THAT(policy, HasSubstr("\"Action\" = [\"lambda:InvokeFunction\"], \"Effect\" = \"Allow\", "
                                "\"Resource\" = [" +
                                synth.address_at("health/function/function") + ".arn]"));
  EXPECT_THAT(policy, HasSubstr("\"Action\" = [\"sqs:SendMessage\"], \"Effect\" = \"Allow\", "
                                "\"Resource\" = [" +
                                synth.address_at("health/dead_letter_queue") + ".arn]"));
  EXPECT_THAT(policy, HasSubstr("\"Action\" = [\"kms:Decrypt\", \"kms:GenerateDataKey\"], "
                                "\"Effect\" = \"Allow\", \"Resource\" = [\"" +
                                std::string(kHealthKey) + "\"]"));
  EXPECT_THAT(policy, Not(HasSubstr("\"*\"")));
}

TEST(HealthCheckSchedule, CustomScheduleAndNames) {
  App app;
  Stack stack(app, "s");
  auto config = api_check();
  config.name = "edu.health";
  config.schedule_expression = "cron(0/10 * * * ? *)";
  config.retry_maximum_attempts = 0;
  config.maximum_event_age_seconds = 60;
  config.health_url = core::Expression::raw("aws_lb.web.dns_name").as<std::string>();
  config.service_name.clear();
  HealthCheckSchedule check(stack, "health", config);
  auto synth = synthesize(stack);
  const json& schedule = synth.resource_at("health/schedule");
  EXPECT_EQ(schedule["name"], "edu.health");
  EXPECT_EQ(schedule["schedule_expression"], "cron(0/10 * * * ? *)");
  EXPECT_EQ(schedule["target"][0]["retry_policy"],
            json::parse(R"([{"maximum_event_age_in_seconds": 60, "maximum_retry_attempts": 0}])"));
  EXPECT_EQ(synth.resource_at("health/function/function")["function_name"], "edu-health");
  EXPECT_EQ(synth.resource_at("health/scheduler_role/role")["name"], "edu-health-scheduler");
  EXPECT_EQ(synth.resource_at("health/dead_letter_queue")["name"], "edu-health-dlq");
  const json& variables =
      synth.resource_at("health/function/function")["environment"][0]["variables"];
  EXPECT_EQ(variables["HEALTH_URL"], "${aws_lb.web.dns_name}");
  EXPECT_EQ(variables["SERVICE_NAME"], "edu.health");
}

TEST(HealthCheckSchedule, ScheduleExpressions) {
  for (const char* good :
       {"rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)",
        "rate(7 days)", "cron(0 8 * * ? *)", "cron(0/5 8-17 ? * MON-FRI *)"}) {
    EXPECT_EQ(schedule_expression_problem(good), std::nullopt) << good;
  }
  EXPECT_EQ(schedule_expression_problem("rate(5 minute)"),
            "\"rate(5 minute)\": a rate above 1 takes the plural unit (minutes)");
  EXPECT_EQ(schedule_expression_problem("rate(1 hours)"),
            "\"rate(1 hours)\": a rate of 1 takes the singular unit (hour)");
  EXPECT_EQ(schedule_expression_problem("rate(0 minutes)"),
            "\"rate(0 minutes)\": the value of a rate must be a whole number of at least 1");
  EXPECT_EQ(schedule_expression_problem("rate(-1 minutes)"),
            "\"rate(-1 minutes)\": the value of a rate must be a whole number of at least 1");
  EXPECT_EQ(schedule_expression_problem("rate(5 seconds)"),
            "\"rate(5 seconds)\": the unit of a rate is minute(s), hour(s) or day(s), not "
            "\"seconds\"");
  EXPECT_EQ(schedule_expression_problem("rate(5)"), "\"rate(5)\" is not rate(<N> <unit>)");
  EXPECT_EQ(schedule_expression_problem("cron(0 12 * * ?)"),
            "\"cron(0 12 * * ?)\" has 5 fields; a cron expression has 6 (minutes hours "
            "day-of-month month day-of-week year)");
  EXPECT_EQ(schedule_expression_problem("at(2026-01-01T00:00:00)"),
            "\"at(2026-01-01T00:00:00)\" is neither rate(<N> minute|minutes|hour|hours|day|days) "
            "nor cron(<6 fields>)");
}

TEST(HealthCheckSchedule, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto with = [&](auto change) {
    auto config = api_check();
    change(config);
    return config_error([&] { HealthCheckSchedule h(stack, "health", config); });
  };
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.name = "bad name"; }),
            "[app/s/health] name: \"bad name\" contains ' '; a schedule name allows letters, "
            "digits and \"-_.\"");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.name = std::string(65, 'h'); }),
            "[app/s/health] name: \"" + std::string(65, 'h') +
                "\" is 65 characters; a schedule name has 1 to 64");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.name = std::string(60, 'h'); }),
            "[app/s/health] name: \"" + std::string(60, 'h') +
                "\" is 60 characters; at most 54, so that the scheduler role \"" +
                std::string(60, 'h') + "-scheduler\" fits an IAM role name (64)");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.name = std::string(54, 'h'); }), "no error");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.health_url = "ftp://example.edu"; }),
            "[app/s/health] health_url: \"ftp://example.edu\" is not an http:// or https:// URL");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.health_url = "https://"; }),
            "[app/s/health] health_url: \"https://\" is not an http:// or https:// URL");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.schedule_expression = "rate(5 minute)"; }),
            "[app/s/health] schedule_expression: \"rate(5 minute)\": a rate above 1 takes the "
            "plural unit (minutes)");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.schedule_expression = "cron(0 * * * *)"; }),
            "[app/s/health] schedule_expression: \"cron(0 * * * *)\" has 5 fields; a cron "
            "expression has 6 (minutes hours day-of-month month day-of-week year)");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.schedule_expression = "every 5 minutes"; }),
            "[app/s/health] schedule_expression: \"every 5 minutes\" is neither rate(<N> "
            "minute|minutes|hour|hours|day|days) nor cron(<6 fields>)");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.retry_maximum_attempts = 186; }),
            "[app/s/health] retry_maximum_attempts: 186 is outside 0 to 185");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.retry_maximum_attempts = -1; }),
            "[app/s/health] retry_maximum_attempts: -1 is outside 0 to 185");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.maximum_event_age_seconds = 59; }),
            "[app/s/health] maximum_event_age_seconds: 59 is outside 60 to 86400");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.maximum_event_age_seconds = 86401; }),
            "[app/s/health] maximum_event_age_seconds: 86401 is outside 60 to 86400");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.timeout_seconds = 0; }),
            "[app/s/health] timeout_seconds: 0 is outside 1 to 300");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.metric_namespace = "AWS/Lambda"; }),
            "[app/s/health] metric_namespace: \"AWS/Lambda\": namespaces starting with \"AWS/\" "
            "are AWS's");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.metric_namespace = ""; }),
            "[app/s/health] metric_namespace: \"\" is 0 characters; a CloudWatch metric "
            "namespace has 1 to 255");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.service_name = std::string(256, 's'); }),
            "[app/s/health] service_name: 256 characters; a dimension value has 1 to 255");
  EXPECT_EQ(with([](HealthCheckScheduleConfig& c) { c.log_retention_days = 10; }),
            "[app/s/health] log_retention_days: 10 is not a CloudWatch Logs retention period (1, "
            "3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
            "2922, 3288, 3653)");
}

TEST(HealthCheckSchedule, ValidatesAgainstTheProviderSchema) {
  if (!std::filesystem::exists(health_schema_path())) {
    GTEST_SKIP() << "no AWS provider schema at " << health_schema_path();
  }
  auto aws = schema::ProviderSchema::load(health_schema_path().string());
  App app;
  Stack stack(app, "health");
  HealthCheckSchedule check(stack, "api_health", api_check());
  auto findings = schema::validate(aws, app);
  std::string described;
  for (const auto& finding : findings) described += finding.to_string() + "\n";
  EXPECT_TRUE(findings.empty()) << described;

  // The validator does look: one misspelled argument is one finding.
  GenericResource typo(stack, "typo", "aws_sqs_queue", {{"nmae", "x"}});
  EXPECT_EQ(schema::validate(aws, app).size(), 1u);
}

TEST(HealthCheckSchedule, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  HealthCheckScheduleConfig config = api_check();
  config.health_url = "ftp://api.example.edu/health";
  config.timeout_seconds = 0;
  config.metric_namespace = "AWS/Health";
  config.log_retention_days = 2;
  try {
    HealthCheckSchedule check(stack, "health", config);
    ADD_FAILURE() << "a config with four problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/health");
    EXPECT_EQ(error.field(), "health_url");
    EXPECT_THAT(std::string(error.what()),
                ::testing::StartsWith(
                    "[app/s/health] health_url: \"ftp://api.example.edu/health\" is not an "
                    "http:// or https:// URL\n"
                    "[app/s/health] timeout_seconds: 0 is outside 1 to 300\n"
                    "[app/s/health] metric_namespace: \"AWS/Health\": namespaces starting with "
                    "\"AWS/\" are AWS's\n"
                    "[app/s/health] log_retention_days: 2 is not a CloudWatch Logs retention "
                    "period (1, 3, 5,"));
    EXPECT_EQ(occurrences(error.what(), "\n[app/s/health] "), 3u);
  }
  // Nothing was created: no function, queue, role or schedule.
  EXPECT_EQ(stack.node().children().size(), 0u);
}
