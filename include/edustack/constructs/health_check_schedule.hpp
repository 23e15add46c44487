#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "edustack/constructs/iam.hpp"
#include "edustack/constructs/lambda_function.hpp"
#include "edustack/constructs/required.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class SchedulerSchedule;
class SqsQueue;
class SqsQueuePolicy;
}  // namespace edustack::aws

namespace edustack::constructs {

struct HealthCheckScheduleConfig {
  // Required: the schedule's name, 1-64 of letters, digits and "-_." ("edu-api-health-dev").
  // With '.' as '-' it also names the function and its role ("<name>"), the scheduler role
  // ("<name>-scheduler", at most 64) and the dead-letter queue ("<name>-dlq").
  std::string name;
  // Required: what the function GETs: an http:// or https:// URL, or an expression (a load
  // balancer's or an API stage's URL).
  core::Required<core::String, required::health_url> health_url;
  // How often: rate(N minute|minutes|hour|hours|day|days) (singular only for 1) or
  // cron(<6 fields>), as EventBridge Scheduler reads them.
  std::string schedule_expression = "rate(5 minutes)";
  // Scheduler's retries of a failed invocation (0 to 185) and how long it keeps trying (60 to
  // 86400 seconds); then the event goes to the dead-letter queue.
  int retry_maximum_attempts = 3;
  int maximum_event_age_seconds = 3600;
  // Required: the customer-managed KMS key of the dead-letter queue, the schedule, the
  // function's environment and its log group (whose key policy must admit
  // logs.<region>.amazonaws.com).
  core::Required<core::String, required::kms_key_arn> kms_key_arn;
  // The HTTP request's timeout, 1 to 300 seconds; the function gets 10 seconds more.
  int timeout_seconds = 10;
  // Where the metrics go (HealthCheckSuccess, HealthCheckLatency): 1-255 characters, not "AWS/".
  std::string metric_namespace = "Edustack/HealthCheck";
  // The value of the metrics' Service dimension, 1-255 characters; default: name.
  std::string service_name;
  // The function's log group retention (a CloudWatch Logs value).
  int log_retention_days = 365;
};

// A health check that runs on a schedule: an EventBridge Scheduler schedule invokes a Lambda
// function (lambda/health_check/handler.py, embedded at build time, X-Ray active) that GETs the
// URL and publishes HealthCheckSuccess (1/0) and HealthCheckLatency (ms) under the namespace
// with the dimension Service, failing the invocation when the check fails. Scheduler retries per
// the retry policy, then sends the event to an SQS dead-letter queue encrypted with the key.
//
// Least privilege: the function's role may only put metrics into its namespace (besides its
// own logs and traces); the scheduler role, trusted by scheduler.amazonaws.com for this account
// only, may invoke this function, send to this queue and use this key, nothing else; the queue
// accepts messages only from the scheduler role and from Scheduler for this schedule, over TLS.
class HealthCheckSchedule : public core::Construct {
 public:
  HealthCheckSchedule(core::Construct& scope, std::string_view id,
                      HealthCheckScheduleConfig config);

  core::StringExpr schedule_arn() const;
  core::StringExpr function_arn() const;
  core::StringExpr dead_letter_queue_arn() const;
  core::StringExpr dead_letter_queue_url() const;

  LambdaFunction& function() noexcept { return *function_; }
  Role& scheduler_role() noexcept { return *scheduler_role_; }
  const aws::SchedulerSchedule& schedule() const noexcept { return *schedule_; }
  const aws::SqsQueue& dead_letter_queue() const noexcept { return *queue_; }

 private:
  LambdaFunction* function_ = nullptr;
  aws::SqsQueue* queue_ = nullptr;
  Role* scheduler_role_ = nullptr;
  aws::SchedulerSchedule* schedule_ = nullptr;
  aws::SqsQueuePolicy* queue_policy_ = nullptr;
};

// lambda/health_check/handler.py, as embedded in the library at build time.
std::string_view health_check_handler_source();

// Why an EventBridge Scheduler rate() or cron() expression is not one; nothing when it is.
std::optional<std::string> schedule_expression_problem(std::string_view expression);

}  // namespace edustack::constructs
