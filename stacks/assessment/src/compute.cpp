// The API on ECS Fargate behind an ALB (4-50 tasks of 1 vCPU / 2 GB, CPU 70% / memory 75%
// target tracking), API Gateway in front (10,000 burst / 5,000 steady), the analytics pipeline
// (Kinesis 10 shards -> Firehose -> S3, GZIP, every 300 s), and least-privilege security groups.
#include "edustack/compliance/suppression.hpp"
#include "edustack/constructs/analytics_pipeline.hpp"
#include "edustack/constructs/audit_trail.hpp"
#include "edustack/constructs/aurora_postgres.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/constructs/fargate_service.hpp"
#include "edustack/constructs/kms_key.hpp"
#include "edustack/constructs/network.hpp"
#include "edustack/constructs/redis.hpp"
#include "edustack/constructs/rest_api_proxy.hpp"
#include "edustack/constructs/rotating_secret.hpp"
#include "parts.hpp"

namespace edustack::stacks {

namespace {
constexpr int kMinTasks = 4;
constexpr int kMaxTasks = 50;
}  // namespace

void build_compute(AssessmentStack& stack, AssessmentStack::Parts& parts) {
  const auto& config = stack.config();
  auto& network = *parts.network;
  auto& database = *parts.database;
  auto& cache = *parts.cache;

  std::vector<core::String> public_subnets(network.public_subnet_ids().begin(),
                                           network.public_subnet_ids().end());
  std::vector<core::String> private_subnets(network.private_subnet_ids().begin(),
                                            network.private_subnet_ids().end());
  core::String image = config.container_image;
  if (config.container_image.empty()) {
    image = constructs::account_id(stack) + ".dkr.ecr." + config.region +
            ".amazonaws.com/assessment-api:" + config.environment;
  }
  core::String certificate;
  if (!config.certificate_arn.empty()) certificate = config.certificate_arn;

  auto& service = stack.make<constructs::FargateService>(
      "api_service",
      constructs::FargateServiceConfig{
          .name = stack.name("api"),
          .vpc_id = network.vpc_id(),
          .public_subnet_ids = public_subnets,
          .private_subnet_ids = private_subnets,
          .image = image,
          .container_port = config.container_port,
          .cpu = 1024,
          .memory = 2048,
          .environment = {{"APP_ENV", config.environment}, {"AWS_REGION", config.region}},
          .secrets = {{"DB_PASSWORD", database.master_secret().key_arn("password")},
                      {"REDIS_AUTH_TOKEN", cache.auth_token_secret().key_arn("password")}},
          .secret_kms_key_arns = {parts.rds_key->arn(), parts.cache_key->arn()},
          .log_kms_key_arn = parts.logs_key->arn(),
          .log_retention_in_days = 90,
          .load_balancer_name = stack.name("alb"),
          .target_group_name = stack.name("tg"),
          .health_check_path = "/health",
          .certificate_arn = certificate,
          // ALB access logs need an SSE-S3 bucket, which the FERPA pack refuses (every bucket
          // SSE-KMS); request logs come from API Gateway access logs instead.
          .access_logs = false,
          .min_tasks = kMinTasks,
          .max_tasks = kMaxTasks,
          .cpu_target = 70,
          .memory_target = 75,
          .https_egress_cidrs = {config.vpc_cidr}});
  parts.service = &service;
  compliance::suppress(
      service, "FERPA-ALB-003",
      "ALB access logs need an SSE-S3 bucket (the ELB log writer cannot use SSE-KMS), which "
      "FERPA-S3-001 forbids; every request reaches the ALB through API Gateway, whose access "
      "logs (JSON, KMS-encrypted) record it");
  if (config.certificate_arn.empty()) {
    compliance::suppress(
        service, "FERPA-ALB-001",
        "no ACM certificate is configured for this non-production environment: clients reach "
        "the API through API Gateway, which terminates TLS 1.2+; the stack carries a warning "
        "annotation, and production refuses to build without certificate_arn");
  }
  // Request and application logs carry no education records (the API logs request metadata
  // only); the platform requirement fixes their retention at 90 days.
  const char* operational_logs =
      "operational logs without education records: the platform requirement sets 90 days for "
      "ECS and API Gateway logs; audit evidence is kept by CloudTrail and 365-day log groups";
  compliance::suppress(service.log_group(), "FERPA-LOG-003", operational_logs);

  // Least privilege between the tiers: only the service reaches the database and the cache,
  // only on their ports; the service reaches AWS APIs through the VPC endpoints.
  database.security_group().allow_from(service.security_group(), 5432, "API to Aurora");
  cache.security_group().allow_from(service.security_group(), 6379, "API to Redis");
  if (auto* endpoints = network.endpoints_security_group()) {
    endpoints->allow_from(service.security_group(), 443, "API to the VPC endpoints");
  }
  service.security_group().allow_to_prefix_list(network.s3_prefix_list_id(), 443,
                                                "ECR image layers from S3");

  std::string scheme = config.certificate_arn.empty() ? "http://" : "https://";
  parts.api = &stack.make<constructs::RestApiProxy>(
      "api", constructs::RestApiProxyConfig{.name = stack.name("api"),
                                            .description = "Assessment platform API",
                                            .backend_url = scheme + service.alb_dns_name(),
                                            .stage_name = "v1",
                                            .throttling_rate_limit = 5000,
                                            .throttling_burst_limit = 10000,
                                            .account_rate_limit = 10000,
                                            .account_burst_limit = 10000,
                                            .xray = true,
                                            .log_kms_key_arn = parts.logs_key->arn(),
                                            .log_retention_in_days = 90});

  compliance::suppress(parts.api->access_log_group(), "FERPA-LOG-003", operational_logs);

  parts.analytics = &stack.make<constructs::AnalyticsPipeline>(
      "analytics",
      constructs::AnalyticsPipelineConfig{.name = stack.name("events"),
                                          .kms_key_arn = parts.stream_key->arn(),
                                          .shard_count = 10,
                                          .bucket_name = stack.name("analytics"),
                                          .compression_format = "GZIP",
                                          .buffering_interval = 300,
                                          .log_retention_in_days = 365,
                                          // The stack's log bucket (CloudTrail's).
                                          .access_log_bucket = &parts.audit->bucket()});
  service.task_role().add_statement(
      {.sid = "PublishAssessmentEvents",
       .actions = {"kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStreamSummary"},
       .resources = {parts.analytics->stream_arn()}});
  service.task_role().add_statement({.sid = "EncryptAssessmentEvents",
                                     .actions = {"kms:GenerateDataKey"},
                                     .resources = {parts.stream_key->arn()}});
}

}  // namespace edustack::stacks
