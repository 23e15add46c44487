#include "edustack/constructs/health_check_schedule.hpp"

#include <charconv>
#include <vector>

#include "edustack/aws/iam_role_policy.hpp"
#include "edustack/aws/scheduler_schedule.hpp"
#include "edustack/aws/sqs_queue.hpp"
#include "edustack/aws/sqs_queue_policy.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/error.hpp"
#include "embedded.hpp"

namespace edustack::constructs {

std::string_view health_check_handler_source() { return embedded::health_check_handler_py; }

namespace {

constexpr int kDeadLetterRetentionSeconds = 14 * 24 * 60 * 60;  // the SQS maximum
constexpr NameRule kMetricNamespace{"CloudWatch metric namespace", 1, 255, ".-_/#: "};

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::vector<std::string_view> fields_of(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t position = 0;
  while (position < text.size()) {
    while (position < text.size() && text[position] == ' ') ++position;
    std::size_t end = position;
    while (end < text.size() && text[end] != ' ') ++end;
    if (end > position) fields.push_back(text.substr(position, end - position));
    position = end;
  }
  return fields;
}

std::optional<std::string> rate_problem(std::string_view expression, std::string_view body) {
  auto fields = fields_of(body);
  if (fields.size() != 2) {
    return quoted(expression) + " is not rate(<N> <unit>)";
  }
  long long value = 0;
  const char* begin = fields[0].data();
  const char* end = begin + fields[0].size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || value < 1) {
    return quoted(expression) + ": the value of a rate must be a whole number of at least 1";
  }
  std::string_view unit = fields[1];
  bool singular = unit == "minute" || unit == "hour" || unit == "day";
  bool plural = unit == "minutes" || unit == "hours" || unit == "days";
  if (!singular && !plural) {
    return quoted(expression) + ": the unit of a rate is minute(s), hour(s) or day(s), not " +
           quoted(unit);
  }
  if (value == 1 && plural) {
    return quoted(expression) + ": a rate of 1 takes the singular unit (" +
           std::string(unit.substr(0, unit.size() - 1)) + ")";
  }
  if (value != 1 && singular) {
    return quoted(expression) + ": a rate above 1 takes the plural unit (" + std::string(unit) +
           "s)";
  }
  return std::nullopt;
}

// The schedule name with '.' replaced: the name of the function, the role and the queue.
std::string name_base(const std::string& name) {
  std::string base = name;
  for (char& c : base) {
    if (c == '.') c = '-';
  }
  return base;
}

std::optional<std::string> health_url_problem(const core::Value& url) {
  if (url.is_string()) {
    const std::string& text = url.as_string();
    std::string_view rest = text;
    if (rest.rfind("https://", 0) == 0) {
      rest.remove_prefix(8);
    } else if (rest.rfind("http://", 0) == 0) {
      rest.remove_prefix(7);
    } else {
      rest = {};
    }
    if (rest.empty() || rest.front() == '/' || text.find(' ') != std::string::npos) {
      return quoted(text) + " is not an http:// or https:// URL";
    }
  } else if (!url.is_expression()) {
    return "must be a URL or an expression";
  }
  return std::nullopt;
}

void check_config(HealthCheckScheduleConfig& config, ConfigProblems& problems) {
  if (problems.name("name", config.name, kScheduleName)) {
    const std::string base = name_base(config.name);
    // The schedule name's characters are a subset of both; only the length can fail.
    if (name_problem(base + "-scheduler", kIamRoleName) ||
        name_problem(base + "-dlq", kSqsQueueName)) {
      problems.add("name", quoted(config.name) + " is " + std::to_string(config.name.size()) +
                               " characters; at most 54, so that the scheduler role \"" + base +
                               "-scheduler\" fits an IAM role name (64)");
    }
  }
  problems.add_if("health_url", health_url_problem(config.health_url.value()));
  problems.add_if("schedule_expression", schedule_expression_problem(config.schedule_expression));
  problems.range("retry_maximum_attempts", config.retry_maximum_attempts, 0, 185, 1);
  problems.range("maximum_event_age_seconds", config.maximum_event_age_seconds, 60, 86400, 1);
  problems.range("timeout_seconds", config.timeout_seconds, 1, 300, 1);
  if (problems.name("metric_namespace", config.metric_namespace, kMetricNamespace) &&
      config.metric_namespace.rfind("AWS/", 0) == 0) {
    problems.add("metric_namespace",
                 quoted(config.metric_namespace) + ": namespaces starting with \"AWS/\" are AWS's");
  }
  if (config.service_name.empty()) config.service_name = config.name;
  if (config.service_name.size() > 255) {
    problems.add("service_name", std::to_string(config.service_name.size()) +
                                     " characters; a dimension value has 1 to 255");
  }
  problems.log_retention("log_retention_days", config.log_retention_days);
}

}  // namespace

std::optional<std::string> schedule_expression_problem(std::string_view expression) {
  auto inside = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (expression.size() < prefix.size() + 1 || expression.substr(0, prefix.size()) != prefix ||
        expression.back() != ')') {
      return std::nullopt;
    }
    return expression.substr(prefix.size(), expression.size() - prefix.size() - 1);
  };
  if (auto body = inside("rate(")) return rate_problem(expression, *body);
  if (auto body = inside("cron(")) {
    auto count = fields_of(*body).size();
    if (count == 6) return std::nullopt;
    return quoted(expression) + " has " + std::to_string(count) +
           " fields; a cron expression has 6 (minutes hours day-of-month month day-of-week "
           "year)";
  }
  return quoted(expression) +
         " is neither rate(<N> minute|minutes|hour|hours|day|days) nor cron(<6 fields>)";
}

HealthCheckSchedule::HealthCheckSchedule(core::Construct& scope, std::string_view id,
                                         HealthCheckScheduleConfig config)
    : core::Construct(scope, id) {
  // Every config problem is reported (all of them, in one ConfigError) before any part is created.
  ConfigProblems problems(*this);
  check_config(config, problems);
  problems.throw_if_any();
  const std::string base = name_base(config.name);
  const std::string function_name = base;
  const std::string scheduler_role_name = base + "-scheduler";
  const std::string queue_name = base + "-dlq";

  // --- the function --------------------------------------------------------------------------
  function_ = &make<LambdaFunction>(
      "function",
      LambdaFunctionConfig{
          .function_name = function_name,
          .description = "Health check of " + config.service_name + " (" + config.name + ")",
          .files = {{.path = "handler.py", .content = std::string(health_check_handler_source())}},
          .timeout = config.timeout_seconds + 10,
          .environment = {{"HEALTH_URL", config.health_url},
                          {"METRIC_NAMESPACE", config.metric_namespace},
                          {"SERVICE_NAME", config.service_name},
                          {"TIMEOUT_SECONDS", std::to_string(config.timeout_seconds)}},
          .kms_key_arn = config.kms_key_arn,
          // PutMetricData has no resource-level permissions: "*", narrowed to the namespace.
          .statements = {{.sid = "PutHealthMetrics",
                          .actions = {"cloudwatch:PutMetricData"},
                          .resources = {"*"},
                          .conditions = core::Value::Object{{"StringEquals",
                                                             core::Value::Object{
                                                                 {"cloudwatch:namespace",
                                                                  config.metric_namespace}}}}}},
          .log_retention_days = config.log_retention_days,
          .log_kms_key_arn = config.kms_key_arn});

  // --- the dead-letter queue -----------------------------------------------------------------
  queue_ = &make<aws::SqsQueue>(
      "dead_letter_queue",
      aws::SqsQueueConfig{.kms_master_key_id = config.kms_key_arn,
                          .message_retention_seconds = kDeadLetterRetentionSeconds,
                          .name = queue_name});

  // --- the scheduler role and the schedule ---------------------------------------------------
  scheduler_role_ = &make<Role>(
      "scheduler_role",
      RoleConfig{
          .name = scheduler_role_name,
          .assumed_by = {"scheduler.amazonaws.com"},
          .trust_conditions =
              core::Value::Object{
                  {"StringEquals", core::Value::Object{{"aws:SourceAccount", account_id(*this)}}}},
          .statements = {{.sid = "InvokeTheHealthCheck",
                          .actions = {"lambda:InvokeFunction"},
                          .resources = {function_->arn()}},
                         {.sid = "SendToTheDeadLetterQueue",
                          .actions = {"sqs:SendMessage"},
                          .resources = {queue_->arn()}},
                         {.sid = "UseTheKey",
                          .actions = {"kms:Decrypt", "kms:GenerateDataKey"},
                          .resources = {config.kms_key_arn}}},
          .description = "EventBridge Scheduler role of the health check " + config.name});

  schedule_ = &make<aws::SchedulerSchedule>(
      "schedule",
      aws::SchedulerScheduleConfig{
          .description = "Health check of " + config.service_name,
          .flexible_time_window = aws::SchedulerScheduleFlexibleTimeWindow{.mode = "OFF"},
          .kms_key_arn = config.kms_key_arn,
          .name = config.name,
          .schedule_expression = config.schedule_expression,
          .state = "ENABLED",
          .target = aws::SchedulerScheduleTarget{
              .arn = function_->arn(),
              .dead_letter_config = {{.arn = queue_->arn()}},
              .retry_policy = {{.maximum_event_age_in_seconds = config.maximum_event_age_seconds,
                                .maximum_retry_attempts = config.retry_maximum_attempts}},
              .role_arn = scheduler_role_->arn()}});
  // Scheduler checks nothing at creation, but the first run needs the role's permissions.
  if (const auto* policy = scheduler_role_->policy()) schedule_->add_dependency(*policy);

  // --- the queue's policy ----------------------------------------------------------------------
  core::StringExpr queue_arn = queue_->arn();
  std::vector<PolicyStatement> queue_statements{
      {.sid = "AllowTheSchedulerRole",
       .actions = {"sqs:SendMessage"},
       .resources = {queue_arn},
       .principals = core::Value::Object{{"AWS", core::Value::List{scheduler_role_->arn()}}}},
      {.sid = "AllowSchedulerForThisSchedule",
       .actions = {"sqs:SendMessage"},
       .resources = {queue_arn},
       .principals = service_principals({"scheduler.amazonaws.com"}),
       .conditions = core::Value::Object{{"ArnEquals", core::Value::Object{{"aws:SourceArn",
                                                                            schedule_->arn()}}}}},
      {.sid = "DenyInsecureTransport",
       .effect = "Deny",
       .actions = {"sqs:*"},
       .resources = {queue_arn},
       .principals = core::Value::Object{{"AWS", "*"}},
       .conditions =
           core::Value::Object{{"Bool", core::Value::Object{{"aws:SecureTransport", "false"}}}}}};
  check_statements(*this, "queue policy", queue_statements, false);
  queue_policy_ = &make<aws::SqsQueuePolicy>(
      "dead_letter_queue_policy", aws::SqsQueuePolicyConfig{.policy = policy_json(queue_statements),
                                                            .queue_url = queue_->url()});
}

core::StringExpr HealthCheckSchedule::schedule_arn() const { return schedule_->arn(); }
core::StringExpr HealthCheckSchedule::function_arn() const { return function_->arn(); }
core::StringExpr HealthCheckSchedule::dead_letter_queue_arn() const { return queue_->arn(); }
core::StringExpr HealthCheckSchedule::dead_letter_queue_url() const { return queue_->url(); }

}  // namespace edustack::constructs
