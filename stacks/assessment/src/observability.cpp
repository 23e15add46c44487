// Alarms on ECS CPU, RDS connections and API 5xx; the dashboard; the FIS experiment that takes
// eu-west-2a away; the stack's outputs.
#include "edustack/constructs/analytics_pipeline.hpp"
#include "edustack/constructs/aurora_postgres.hpp"
#include "edustack/constructs/az_failure_experiment.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/constructs/fargate_service.hpp"
#include "edustack/constructs/health_check_schedule.hpp"
#include "edustack/constructs/kms_key.hpp"
#include "edustack/constructs/monitoring.hpp"
#include "edustack/constructs/network.hpp"
#include "edustack/constructs/redis.hpp"
#include "edustack/constructs/rest_api_proxy.hpp"
#include "edustack/core/output.hpp"
#include "parts.hpp"

namespace edustack::stacks {

void build_observability(AssessmentStack& stack, AssessmentStack::Parts& parts) {
  using constructs::Metric;
  const auto& config = stack.config();
  auto& service = *parts.service;
  auto& database = *parts.database;
  auto& api = *parts.api;
  auto& network = *parts.network;

  Metric ecs_cpu{.namespace_ = "AWS/ECS",
                 .metric_name = "CPUUtilization",
                 .dimensions = {{"ClusterName", service.cluster_name()},
                                {"ServiceName", service.service_name()}}};
  Metric ecs_memory = ecs_cpu;
  ecs_memory.metric_name = "MemoryUtilization";
  Metric rds_connections{.namespace_ = "AWS/RDS",
                         .metric_name = "DatabaseConnections",
                         .dimensions = {{"DBClusterIdentifier", database.cluster_identifier()}}};
  Metric api_5xx{.namespace_ = "AWS/ApiGateway",
                 .metric_name = "5XXError",
                 .dimensions = {{"ApiName", api.rest_api_name()}, {"Stage", api.stage_name()}},
                 .statistic = "Sum"};
  Metric api_latency{.namespace_ = "AWS/ApiGateway",
                     .metric_name = "Latency",
                     .dimensions = api_5xx.dimensions,
                     .statistic = "p99"};

  auto& alarms = stack.make<core::Construct>("alarms");
  alarms.make<constructs::MetricAlarm>(
      "ecs_cpu", constructs::MetricAlarmConfig{
                     .name = stack.name("ecs-cpu-high"),
                     .description = "API tasks above 85% CPU for 5 minutes: scaling is behind",
                     .metric = ecs_cpu,
                     .threshold = 85,
                     .evaluation_periods = 5});
  alarms.make<constructs::MetricAlarm>(
      "rds_connections",
      constructs::MetricAlarmConfig{
          .name = stack.name("rds-connections-high"),
          .description = "Aurora connections near what 16 ACUs serve: pool or scale",
          .metric = rds_connections,
          .threshold = 4000,
          .evaluation_periods = 3});
  auto& api_errors = alarms.make<constructs::MetricAlarm>(
      "api_5xx", constructs::MetricAlarmConfig{
                     .name = stack.name("api-5xx"),
                     .description = "More than 50 server errors a minute for 3 minutes",
                     .metric = api_5xx,
                     .threshold = 50,
                     .evaluation_periods = 3});

  stack.make<constructs::Dashboard>(
      "dashboard",
      constructs::DashboardConfig{
          .name = stack.name("assessment"),
          .widgets =
              {constructs::TextWidget{.markdown =
                                          "# Assessment platform (" + config.environment + ")"},
               constructs::MetricWidget{.title = "API tasks: CPU and memory",
                                        .metrics = {ecs_cpu, ecs_memory},
                                        .layout = {.x = 0, .y = 2, .width = 12, .height = 6}},
               constructs::MetricWidget{.title = "Aurora connections",
                                        .metrics = {rds_connections},
                                        .layout = {.x = 12, .y = 2, .width = 12, .height = 6}},
               constructs::MetricWidget{.title = "API 5xx errors",
                                        .metrics = {api_5xx},
                                        .layout = {.x = 0, .y = 8, .width = 12, .height = 6}},
               constructs::MetricWidget{.title = "API p99 latency",
                                        .metrics = {api_latency},
                                        .layout = {.x = 12, .y = 8, .width = 12, .height = 6}}}});

  // The experiment takes the first zone away: its subnets lose connectivity and its tasks stop;
  // the API 5xx alarm stops it if users notice.
  const std::string& zone = config.availability_zones.front();
  core::StringExpr subnet_arn_prefix = "arn:" + constructs::partition(stack) +
                                       ":ec2:" + config.region + ":" +
                                       constructs::account_id(stack) + ":subnet/";
  stack.make<constructs::AzFailureExperiment>(
      "az_failure", constructs::AzFailureExperimentConfig{
                        .name = stack.name("az-failure"),
                        .availability_zone = zone,
                        .region = config.region,
                        .subnet_arns = {subnet_arn_prefix + network.public_subnet_ids().front(),
                                        subnet_arn_prefix + network.private_subnet_ids().front()},
                        .ecs_cluster_name = service.cluster_name(),
                        .ecs_service_name = service.service_name(),
                        .duration = "PT10M",
                        .stop_condition_alarm_arns = {api_errors.arn()}});

  // Every 5 minutes, a Lambda calls /health through API Gateway (the path students take) and
  // publishes the result as a metric; failed invocations are retried, then land in the DLQ.
  stack.make<constructs::HealthCheckSchedule>(
      "health_check",
      constructs::HealthCheckScheduleConfig{.name = stack.name("health"),
                                            .health_url = api.invoke_url() + "/health",
                                            .schedule_expression = "rate(5 minutes)",
                                            .retry_maximum_attempts = 3,
                                            .maximum_event_age_seconds = 3600,
                                            .kms_key_arn = parts.logs_key->arn(),
                                            .service_name = stack.name("api")});

  auto output = [&](const char* id, core::Value value, const char* description) {
    stack.make<core::Output>(
        id, core::OutputConfig{.value = std::move(value), .description = description});
  };
  output("alb_dns_name", service.alb_dns_name(), "DNS name of the API load balancer");
  output("api_url", api.invoke_url(), "Invoke URL of the API Gateway stage");
  output("aurora_writer_endpoint", database.writer_endpoint(), "Aurora writer endpoint");
  output("aurora_reader_endpoint", database.reader_endpoint(), "Aurora reader endpoint");
  output("redis_endpoint", parts.cache->primary_endpoint(), "Redis primary endpoint");
  output("stream_name", parts.analytics->stream_name(), "Kinesis stream of assessment events");
  output("analytics_bucket", parts.analytics->bucket_name(), "Bucket Firehose delivers to");
}

}  // namespace edustack::stacks
