// The compute and observability constructs, synthesized together and checked against the real
// AWS provider schema (../shared/schemas beside the checkout, or EDUSTACK_AWS_SCHEMA).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <edustack/constructs/analytics_pipeline.hpp>
#include <edustack/constructs/az_failure_experiment.hpp>
#include <edustack/constructs/fargate_service.hpp>
#include <edustack/constructs/monitoring.hpp>
#include <edustack/constructs/rest_api_proxy.hpp>
#include <edustack/edustack.hpp>
#include <edustack/schema/provider_schema.hpp>
#include <edustack/schema/validator.hpp>
#include <filesystem>
#include <memory>
#include <string>

using namespace edustack;
using namespace edustack::constructs;

namespace {

std::filesystem::path schema_path() {
  if (const char* env = std::getenv("EDUSTACK_AWS_SCHEMA"); env != nullptr && *env != '\0') {
    return env;
  }
  // tests/constructs/<this file> -> <checkout>/../shared/schemas
  return std::filesystem::path(EDUSTACK_SOURCE_DIR).parent_path() / "shared" / "schemas" /
         "aws-provider-6.47.0.json";
}

const schema::ProviderSchema* provider_schema() {
  static const std::unique_ptr<schema::ProviderSchema> loaded =
      []() -> std::unique_ptr<schema::ProviderSchema> {
    if (!std::filesystem::exists(schema_path())) return nullptr;
    return std::make_unique<schema::ProviderSchema>(
        schema::ProviderSchema::load(schema_path().string()));
  }();
  return loaded.get();
}

std::string describe(const std::vector<schema::Finding>& findings) {
  std::string out;
  for (const auto& finding : findings) out += finding.to_string() + "\n";
  return out;
}

}  // namespace

TEST(ComputeSchema, FargateServiceAndMonitoringValidate) {
  const auto* aws = provider_schema();
  if (aws == nullptr) GTEST_SKIP() << "no AWS provider schema at " << schema_path();
  App app;
  Stack stack(app, "compute");
  FargateService web(stack, "web",
                     {.name = "edu-web-dev",
                      .vpc_id = "vpc-1",
                      .public_subnet_ids = {"subnet-a", "subnet-c"},
                      .private_subnet_ids = {"subnet-d", "subnet-e"},
                      .image = "web:1",
                      .secrets = {{"DB_PASSWORD", "arn:aws:secretsmanager:eu-west-2:1:secret:db"}},
                      .ecr_repository_arns = {"arn:aws:ecr:eu-west-2:1:repository/web"},
                      .log_kms_key_arn = "arn:aws:kms:eu-west-2:1:key/logs",
                      .certificate_arn = "arn:aws:acm:eu-west-2:1:certificate/c",
                      .spot_weight = 1});
  FargateService plain(stack, "plain",
                       {.name = "edu-plain-dev",
                        .vpc_id = "vpc-1",
                        .public_subnet_ids = {"subnet-a", "subnet-c"},
                        .private_subnet_ids = {"subnet-d"},
                        .image = "plain:1",
                        .log_kms_key_arn = "arn:aws:kms:eu-west-2:1:key/logs",
                        .xray = false});
  MetricAlarm cpu(stack, "cpu_alarm",
                  {.name = "edu-cpu",
                   .metric = {.namespace_ = "AWS/ECS",
                              .metric_name = "CPUUtilization",
                              .dimensions = {{"ClusterName", web.cluster_name()},
                                             {"ServiceName", web.service_name()}}},
                   .threshold = 85});
  MetricAlarm latency(stack, "latency_alarm",
                      {.name = "edu-latency",
                       .metric = {.namespace_ = "AWS/ApplicationELB",
                                  .metric_name = "TargetResponseTime",
                                  .dimensions = {{"LoadBalancer", web.alb_arn_suffix()}},
                                  .statistic = "p99"},
                       .threshold = 2});
  Dashboard dashboard(
      stack, "dashboard",
      {.name = "edu-dev",
       .widgets = {TextWidget{.markdown = "# edu"},
                   MetricWidget{.title = "Requests",
                                .metrics = {{.namespace_ = "AWS/ApplicationELB",
                                             .metric_name = "RequestCount",
                                             .dimensions = {{"LoadBalancer", web.alb_arn_suffix()}},
                                             .statistic = "Sum"}},
                                .layout = {.y = 2}}}});
  RestApiProxy api(stack, "api",
                   {.name = "edu-api-dev",
                    .backend_url = plain.url(),
                    .log_kms_key_arn = "arn:aws:kms:eu-west-2:1:key/logs"});
  AnalyticsPipeline analytics(stack, "analytics",
                              {.name = "edu-events-dev",
                               .kms_key_arn = "arn:aws:kms:eu-west-2:1:key/data",
                               .shard_count = 10,
                               .bucket_name = "edu-analytics-dev"});
  AzFailureExperiment az(stack, "az_failure",
                         {.name = "edu-az-dev",
                          .availability_zone = "eu-west-2a",
                          .region = "eu-west-2",
                          .subnet_arns = {"arn:aws:ec2:eu-west-2:1:subnet/subnet-a"},
                          .ecs_cluster_name = web.cluster_name(),
                          .ecs_service_name = web.service_name(),
                          .stop_condition_alarm_arns = {latency.arn()},
                          .log_group_arn = web.log_group().arn()});
  auto findings = schema::validate(*aws, app);
  EXPECT_TRUE(findings.empty()) << describe(findings);

  // The validator does look: one misspelled argument is one finding.
  GenericResource typo(stack, "typo", "aws_lb", {{"nmae", "x"}});
  EXPECT_EQ(schema::validate(*aws, app).size(), 1u);
}
