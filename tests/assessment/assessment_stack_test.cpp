// The assessment stack's requirements, asserted on its synthesized configuration.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/compliance/check.hpp>
#include <edustack/compliance/report.hpp>
#include <edustack/edustack.hpp>
#include <edustack/schema/provider_schema.hpp>
#include <edustack/schema/validator.hpp>
#include <edustack/stacks/assessment.hpp>
#include <edustack/testing.hpp>
#include <filesystem>
#include <functional>
#include <set>

using namespace edustack;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {
struct AssessmentTest : ::testing::Test {
  App app;
  stacks::AssessmentStack stack{app, "assessment", {.environment = "test"}};
  SynthesizedStack synth = synthesize(stack);
};
}  // namespace

TEST(AssessmentConfig, RejectsSuffixesThatMakeInvalidAwsNames) {
  EXPECT_EQ(stacks::environment_suffix_problem("dev"), "");
  EXPECT_EQ(stacks::environment_suffix_problem("pr-1234"), "");
  EXPECT_THAT(stacks::environment_suffix_problem("Prod"), HasSubstr("only lowercase letters"));
  EXPECT_THAT(stacks::environment_suffix_problem("much-too-long-suffix"),
              HasSubstr("must be 1 to 12 characters"));
  EXPECT_THAT(stacks::environment_suffix_problem("dev-"), HasSubstr("must not start or end"));
  App app;
  try {
    stacks::AssessmentStack bad(app, "assessment", {.environment = "UAT_1"});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.path(), "app/assessment");
    EXPECT_EQ(e.field(), "environment");
  }
}

TEST_F(AssessmentTest, RegionDefaultTagsAndStateBackend) {
  EXPECT_EQ(synth.document()["provider"]["aws"][0]["region"], "eu-west-2");
  EXPECT_EQ(synth.document()["provider"]["aws"][0]["default_tags"][0]["tags"],
            json::parse(R"({"Project": "edu-assessment", "Environment": "test",
              "DataClassification": "ferpa-confidential", "Compliance": "FERPA"})"));
  EXPECT_EQ(synth.document()["terraform"]["backend"]["s3"],
            json::parse(R"({"bucket": "edu-assessment-terraform-state", "key":
              "assessment/test/terraform.tfstate", "region": "eu-west-2", "encrypt": true,
              "use_lockfile": true})"));
}

TEST_F(AssessmentTest, CustomerManagedKeysWithRotation) {
  EXPECT_THAT(synth, HasResourceCount("aws_kms_key", 6));
  for (const auto& key : synth.resource_bodies("aws_kms_key")) {
    EXPECT_EQ(key["enable_key_rotation"], true);
  }
  EXPECT_EQ(synth.resource_at("keys/rds/alias")["name"], "alias/edu-rds-key-test");
}

TEST_F(AssessmentTest, NetworkTwoPublicAndTwoPrivateSubnetsInTwoZones) {
  EXPECT_THAT(synth, HasResourceWithProperties("aws_vpc", {{"cidr_block", "10.0.0.0/16"},
                                                           {"enable_dns_hostnames", true},
                                                           {"enable_dns_support", true}}));
  EXPECT_THAT(synth, HasResourceCount("aws_subnet", 4));
  EXPECT_THAT(synth, HasResourceCount("aws_internet_gateway", 1));
  std::map<std::string, std::vector<std::string>> zones_by_tier;
  for (const auto& subnet : synth.resource_bodies("aws_subnet")) {
    zones_by_tier[subnet["tags"]["Tier"]].push_back(subnet["availability_zone"]);
    EXPECT_EQ(subnet["map_public_ip_on_launch"], false);
  }
  std::vector<std::string> both{"eu-west-2a", "eu-west-2c"};
  EXPECT_EQ(zones_by_tier["public"], both);
  EXPECT_EQ(zones_by_tier["private"], both);
  EXPECT_GE(synth.count("aws_route_table"), 2u);
  EXPECT_THAT(synth, HasResourceCount("aws_route_table_association", 4));
  EXPECT_THAT(synth,
              HasResourceWithProperties("aws_route", {{"destination_cidr_block", "0.0.0.0/0"}}));
  EXPECT_THAT(synth, HasResource("aws_flow_log"));
  EXPECT_THAT(synth, HasResource("aws_default_security_group"));
}

TEST_F(AssessmentTest, AuroraServerlessV2TwoInstancesEncryptedWithBackupsAndLogs) {
  EXPECT_THAT(synth, HasResourceWithProperties(
                         "aws_rds_cluster", {{"engine", "aurora-postgresql"},
                                             {"engine_mode", "provisioned"},
                                             {"storage_encrypted", true},
                                             {"backup_retention_period", 7},
                                             {"deletion_protection", true},
                                             {"enabled_cloudwatch_logs_exports", {"postgresql"}},
                                             {"serverlessv2_scaling_configuration",
                                              {{{"min_capacity", 0.5}, {"max_capacity", 16}}}}}));
  json cluster = synth.resource_bodies("aws_rds_cluster").at(0);
  EXPECT_EQ(cluster["kms_key_id"], "${" + synth.address_at("keys/rds/key") + ".arn}");
  EXPECT_THAT(cluster.value("master_password_wo", ""), HasSubstr("ephemeral.random_password."))
      << "the password is generated at apply time, never a literal, and never stored";
  EXPECT_FALSE(cluster.contains("master_password")) << "write-only: not in plan or state";
  EXPECT_THAT(synth, HasResourceCount("aws_rds_cluster_instance", 2));
  std::set<std::string> zones;
  for (const auto& instance : synth.resource_bodies("aws_rds_cluster_instance")) {
    EXPECT_EQ(instance["instance_class"], "db.serverless");
    EXPECT_EQ(instance["publicly_accessible"], false);
    zones.insert(instance["availability_zone"].get<std::string>());
  }
  EXPECT_EQ(zones, (std::set<std::string>{"eu-west-2a", "eu-west-2c"}));
}

TEST_F(AssessmentTest, AuroraRefusesConnectionsWithoutTls) {
  EXPECT_THAT(synth, HasResourceCount("aws_rds_cluster_parameter_group", 1));
  const json& group = synth.resource_at("database/parameter_group");
  EXPECT_EQ(group["family"], "aurora-postgresql16");
  EXPECT_EQ(group["name"], "edu-assessments-test-tls");
  EXPECT_EQ(group["parameter"], json::parse(R"([{"name": "rds.force_ssl", "value": "1"}])"));
  EXPECT_EQ(synth.resource_at("database/cluster")["db_cluster_parameter_group_name"],
            "${" + synth.address_at("database/parameter_group") + ".name}");
}

TEST_F(AssessmentTest, AnalyticsBucketAccessIsLoggedIntoTheAuditBucket) {
  EXPECT_THAT(synth, HasResourceCount("aws_s3_bucket_logging", 1));
  const json& logging = synth.resource_at("analytics/bucket/access_logging");
  EXPECT_EQ(logging["bucket"], "${" + synth.address_at("analytics/bucket/bucket") + ".id}");
  EXPECT_EQ(logging["target_bucket"], "${" + synth.address_at("audit/bucket/bucket") + ".id}");
  EXPECT_EQ(logging["target_prefix"], "s3-access-logs/edu-analytics-test/");
  const std::string policy = synth.resource_at("audit/bucket/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("\"Principal\" = {\"Service\" = [\"logging.s3.amazonaws.com\"]}"));
  // The audit bucket is SSE-KMS with the storage key: the logging service may use that key.
  EXPECT_THAT(std::string(synth.resource_at("keys/storage/key")["policy"]),
              HasSubstr("\"logging.s3.amazonaws.com\""));
}

TEST_F(AssessmentTest, Redis70TwoNodesFailoverMultiAzEncrypted) {
  EXPECT_THAT(synth, HasResourceWithProperties("aws_elasticache_replication_group",
                                               {{"engine", "redis"},
                                                {"engine_version", "7.0"},
                                                {"node_type", "cache.r6g.large"},
                                                {"num_cache_clusters", 2},
                                                {"automatic_failover_enabled", true},
                                                {"multi_az_enabled", true},
                                                {"transit_encryption_enabled", true}}));
  json redis = synth.resource_bodies("aws_elasticache_replication_group").at(0);
  EXPECT_EQ(redis["kms_key_id"], "${" + synth.address_at("keys/cache/key") + ".arn}");
  EXPECT_TRUE(redis["at_rest_encryption_enabled"] == true ||
              redis["at_rest_encryption_enabled"] == "true");
  ASSERT_TRUE(redis["auth_token"].is_string());
  EXPECT_THAT(redis["auth_token"].get<std::string>(), HasSubstr("${"))
      << "the auth token must come from Secrets Manager, not a literal";
}

TEST_F(AssessmentTest, CredentialsRotatedEvery30DaysByALambda) {
  EXPECT_THAT(synth, HasResourceCount("aws_secretsmanager_secret", 2));
  EXPECT_THAT(synth, HasResourceCount("aws_secretsmanager_secret_rotation", 2));
  for (const auto& rotation : synth.resource_bodies("aws_secretsmanager_secret_rotation")) {
    EXPECT_EQ(rotation["rotation_rules"][0]["automatically_after_days"], 30);
    EXPECT_THAT(rotation["rotation_lambda_arn"].get<std::string>(),
                HasSubstr("${aws_lambda_function."));
  }
  for (const auto& secret : synth.resource_bodies("aws_secretsmanager_secret")) {
    EXPECT_THAT(secret["kms_key_id"].get<std::string>(), HasSubstr("${aws_kms_key."));
  }
}

TEST_F(AssessmentTest, CloudTrailMultiRegionWithValidationAndKms) {
  EXPECT_THAT(synth,
              HasResourceWithProperties("aws_cloudtrail", {{"is_multi_region_trail", true},
                                                           {"enable_log_file_validation", true}}));
  EXPECT_THAT(synth.resource_bodies("aws_cloudtrail").at(0)["kms_key_id"].get<std::string>(),
              HasSubstr("${aws_kms_key."));
}

TEST_F(AssessmentTest, NoSecretValueInPlaintext) {
  // Every argument whose name says it holds a secret is an expression, never a literal.
  std::vector<std::string> offenders;
  std::function<void(const json&, const std::string&)> walk = [&](const json& v,
                                                                  const std::string& where) {
    if (v.is_object()) {
      for (const auto& [key, item] : v.items()) {
        bool secret_name = key.find("password") != std::string::npos ||
                           key.find("auth_token") != std::string::npos || key == "secret_string" ||
                           key.find("secret_key") != std::string::npos;
        if (secret_name && !key.ends_with("_length") && !key.ends_with("_strategy") &&
            item.is_string() && item.get<std::string>().find("${") == std::string::npos) {
          offenders.push_back(where + "." + key);
        }
        walk(item, where + "." + key);
      }
    } else if (v.is_array()) {
      for (const auto& item : v) walk(item, where + "[]");
    }
  };
  walk(synth.document(), "");
  EXPECT_TRUE(offenders.empty()) << ::testing::PrintToString(offenders);
}

TEST_F(AssessmentTest, EveryNameCarriesTheEnvironmentSuffix) {
  for (const char* type :
       {"aws_rds_cluster", "aws_elasticache_replication_group", "aws_cloudtrail"}) {
    for (const auto& body : synth.resource_bodies(type)) {
      std::string name = body.contains("cluster_identifier")     ? body["cluster_identifier"]
                         : body.contains("replication_group_id") ? body["replication_group_id"]
                                                                 : body["name"];
      EXPECT_TRUE(name.ends_with("-test")) << type << ": " << name;
    }
  }
}

// The stack uses the AWS provider and, for the ephemeral first password, hashicorp/random.
std::filesystem::path random_schema_path() {
  return std::filesystem::path(EDUSTACK_SHARED_SCHEMA).parent_path() / "random-provider-3.9.0.json";
}

TEST(AssessmentSchema, ZeroFindingsAgainstTheAwsAndRandomProviderSchemas) {
  if (!std::filesystem::exists(EDUSTACK_SHARED_SCHEMA) ||
      !std::filesystem::exists(random_schema_path())) {
    GTEST_SKIP() << "no provider schemas beside " EDUSTACK_SHARED_SCHEMA;
  }
  App app;
  stacks::AssessmentStack stack(app, "assessment");
  auto schema = schema::ProviderSchema::load({EDUSTACK_SHARED_SCHEMA, random_schema_path()});
  auto findings = schema::validate(schema, app);
  std::string listed;
  for (const auto& finding : findings) listed += finding.to_string() + "\n";
  EXPECT_TRUE(findings.empty()) << listed;
}

TEST(AssessmentSchema, TheAwsSchemaAloneCannotCheckTheRandomProvider) {
  if (!std::filesystem::exists(EDUSTACK_SHARED_SCHEMA)) {
    GTEST_SKIP() << "no provider schema at " EDUSTACK_SHARED_SCHEMA;
  }
  App app;
  stacks::AssessmentStack stack(app, "assessment");
  auto schema = schema::ProviderSchema::load(EDUSTACK_SHARED_SCHEMA);
  auto findings = schema::validate(schema, app);
  ASSERT_EQ(findings.size(), 1u) << "only the random provider is unchecked";
  EXPECT_EQ(findings[0].kind, schema::FindingKind::missing_provider);
  EXPECT_EQ(findings[0].address, "provider.random");
}

TEST(AssessmentConfig, ProductionNeedsACertificate) {
  App app;
  try {
    stacks::AssessmentStack prod(app, "assessment", {.environment = "prod"});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "[app/assessment] certificate_arn: production serves HTTPS only: give "
                 "the ACM certificate of the API domain");
  }
  stacks::AssessmentStack with_certificate(
      app, "certified",
      {.environment = "prod",
       .certificate_arn = "arn:aws:acm:eu-west-2:111122223333:certificate/x"});
  auto synth = synthesize(with_certificate);
  EXPECT_THAT(synth,
              HasResourceWithProperties("aws_lb_listener",
                                        {{"port", 443},
                                         {"protocol", "HTTPS"},
                                         {"ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06"}}));
}

TEST(AssessmentCompliance, PassesTheFerpaPackWithOnlyReasonedSuppressions) {
  App app;
  stacks::AssessmentStack stack(app, "assessment");
  auto report = compliance::check(stack);
  std::string errors;
  for (const auto& finding : report.findings) {
    if (!finding.suppressed() && finding.severity == compliance::Severity::error) {
      errors += "[" + finding.path + "] " + finding.rule + " " + finding.message + "\n";
    }
  }
  EXPECT_EQ(report.errors(), 0u) << errors;
  EXPECT_GE(report.rules.size(), 30u);
  // Every suppression is listed with its reason, which a reviewer reads.
  std::set<std::string> suppressed_rules;
  for (const auto& use : report.suppressions) suppressed_rules.insert(use.suppression.rule);
  EXPECT_EQ(suppressed_rules,
            (std::set<std::string>{"FERPA-ALB-001", "FERPA-ALB-003", "FERPA-LOG-003"}));
  for (const auto& use : report.suppressions) EXPECT_GE(use.suppression.reason.size(), 60u);
}

TEST(AssessmentCompliance, WithACertificateTheHttpSuppressionIsGone) {
  App app;
  stacks::AssessmentStack stack(
      app, "assessment", {.certificate_arn = "arn:aws:acm:eu-west-2:111122223333:certificate/x"});
  auto report = compliance::check(stack);
  EXPECT_EQ(report.errors(), 0u);
  for (const auto& use : report.suppressions) EXPECT_NE(use.suppression.rule, "FERPA-ALB-001");
}

TEST_F(AssessmentTest, WarnsWhenNoCertificateIsConfigured) {
  auto result = app.synth_in_memory();
  bool warned = false;
  for (const auto& annotation : result.annotations) {
    if (annotation.level == Annotation::Level::warning &&
        annotation.message.find("no certificate_arn") != std::string::npos) {
      warned = true;
    }
  }
  EXPECT_TRUE(warned);
}

TEST_F(AssessmentTest, FargateServiceFourToFiftyTasksOfOneVcpuTwoGb) {
  EXPECT_THAT(synth, HasResourceWithProperties(
                         "aws_ecs_cluster",
                         {{"setting", {{{"name", "containerInsights"}, {"value", "enabled"}}}}}));
  EXPECT_THAT(synth, HasResourceWithProperties("aws_ecs_task_definition",
                                               {{"cpu", "1024"},
                                                {"memory", "2048"},
                                                {"network_mode", "awsvpc"},
                                                {"requires_compatibilities", {"FARGATE"}}}));
  EXPECT_THAT(synth,
              HasResourceWithProperties("aws_appautoscaling_target",
                                        {{"min_capacity", 4},
                                         {"max_capacity", 50},
                                         {"scalable_dimension", "ecs:service:DesiredCount"}}));
  EXPECT_THAT(synth, HasResourceWithProperties(
                         "aws_appautoscaling_policy",
                         {{"target_tracking_scaling_policy_configuration",
                           {{{"predefined_metric_specification",
                              {{{"predefined_metric_type", "ECSServiceAverageCPUUtilization"}}}},
                             {"target_value", 70}}}}}));
  EXPECT_THAT(synth, HasResourceWithProperties(
                         "aws_appautoscaling_policy",
                         {{"target_tracking_scaling_policy_configuration",
                           {{{"predefined_metric_specification",
                              {{{"predefined_metric_type", "ECSServiceAverageMemoryUtilization"}}}},
                             {"target_value", 75}}}}}));
  json service = synth.resource_bodies("aws_ecs_service").at(0);
  EXPECT_EQ(service["desired_count"], 4);
  EXPECT_EQ(service["network_configuration"][0]["assign_public_ip"], false);
  EXPECT_THAT(synth, HasResourceWithProperties(
                         "aws_lb_target_group",
                         {{"target_type", "ip"}, {"health_check", {{{"path", "/health"}}}}}));
  // The task definition carries the X-Ray daemon sidecar and a read-only root filesystem.
  std::string containers =
      synth.resource_bodies("aws_ecs_task_definition").at(0)["container_definitions"];
  EXPECT_THAT(containers, HasSubstr("xray"));
  EXPECT_THAT(containers, HasSubstr("\"readonlyRootFilesystem\" = true"));
}

TEST_F(AssessmentTest, LoadBalancerAcrossBothZones) {
  json alb = synth.resource_bodies("aws_lb").at(0);
  EXPECT_EQ(alb["load_balancer_type"], "application");
  EXPECT_EQ(alb["subnets"].size(), 2u);
  EXPECT_EQ(alb["drop_invalid_header_fields"], true);
  EXPECT_EQ(alb["name"], "edu-alb-test");
}

TEST_F(AssessmentTest, SecurityGroupsAreLeastPrivilege) {
  std::string service_group =
      "${" + synth.address_at("api_service/service_security_group/group") + ".id}";
  std::map<int, std::vector<std::string>> sources;  // port -> who may connect
  for (const auto& rule : synth.resource_bodies("aws_vpc_security_group_ingress_rule")) {
    sources[rule["from_port"].get<int>()].push_back(
        rule.contains("cidr_ipv4") ? rule["cidr_ipv4"].get<std::string>()
                                   : rule["referenced_security_group_id"].get<std::string>());
  }
  EXPECT_EQ(sources[5432], std::vector<std::string>{service_group});
  EXPECT_EQ(sources[6379], std::vector<std::string>{service_group});
  for (const auto& [port, who] : sources) {
    for (const auto& source : who) {
      if (source == "0.0.0.0/0") {
        EXPECT_TRUE(port == 80 || port == 443) << port;
      }
    }
  }
}

TEST_F(AssessmentTest, ApiGatewayRegionalThrottledTracedAndLogged) {
  EXPECT_THAT(synth,
              HasResourceWithProperties("aws_api_gateway_rest_api",
                                        {{"endpoint_configuration", {{{"types", {"REGIONAL"}}}}}}));
  EXPECT_THAT(
      synth,
      HasResourceWithProperties(
          "aws_api_gateway_method_settings",
          {{"settings", {{{"throttling_burst_limit", 10000}, {"throttling_rate_limit", 5000}}}}}));
  EXPECT_THAT(synth,
              HasResourceWithProperties("aws_api_gateway_stage", {{"xray_tracing_enabled", true}}));
  EXPECT_THAT(synth, HasResourceWithProperties(
                         "aws_api_gateway_integration",
                         {{"type", "HTTP_PROXY"}, {"integration_http_method", "ANY"}}));
  EXPECT_THAT(synth,
              HasResourceWithProperties("aws_api_gateway_resource", {{"path_part", "{proxy+}"}}));
  json stage = synth.resource_bodies("aws_api_gateway_stage").at(0);
  EXPECT_TRUE(stage.contains("access_log_settings"));
}

TEST_F(AssessmentTest, AnalyticsKinesisTenShardsFirehoseGzipEveryFiveMinutes) {
  EXPECT_THAT(synth, HasResourceWithProperties("aws_kinesis_stream",
                                               {{"shard_count", 10}, {"encryption_type", "KMS"}}));
  json firehose = synth.resource_bodies("aws_kinesis_firehose_delivery_stream").at(0);
  const json& s3 = firehose["extended_s3_configuration"][0];
  EXPECT_EQ(s3["compression_format"], "GZIP");
  EXPECT_EQ(s3["buffering_interval"], 300);
  EXPECT_THAT(s3["prefix"].get<std::string>(), HasSubstr("year=!{timestamp:yyyy}"));
  EXPECT_FALSE(s3["error_output_prefix"].get<std::string>().empty());
  // The destination bucket is KMS-encrypted and versioned.
  EXPECT_EQ(
      synth.resource_at("analytics/bucket/versioning")["versioning_configuration"][0]["status"],
      "Enabled");
  EXPECT_EQ(synth.resource_at(
                "analytics/bucket/encryption")["rule"][0]["apply_server_side_encryption_by_default"]
                                              [0]["sse_algorithm"],
            "aws:kms");
}

TEST_F(AssessmentTest, LogsAlarmsDashboardAndExperiment) {
  EXPECT_EQ(synth.resource_at("api_service/logs/group")["retention_in_days"], 90);
  EXPECT_EQ(synth.resource_at("api/access_logs/group")["retention_in_days"], 90);
  for (const auto& group : synth.resource_bodies("aws_cloudwatch_log_group")) {
    EXPECT_TRUE(group.contains("kms_key_id")) << group["name"];
  }
  std::set<std::string> metrics;
  for (const auto& alarm : synth.resource_bodies("aws_cloudwatch_metric_alarm")) {
    metrics.insert(alarm["namespace"].get<std::string>() + "/" +
                   alarm["metric_name"].get<std::string>());
  }
  EXPECT_EQ(metrics, (std::set<std::string>{"AWS/ApiGateway/5XXError", "AWS/ECS/CPUUtilization",
                                            "AWS/RDS/DatabaseConnections"}));
  EXPECT_THAT(synth, HasResource("aws_cloudwatch_dashboard"));
  json experiment = synth.resource_bodies("aws_fis_experiment_template").at(0);
  EXPECT_FALSE(experiment["stop_condition"].empty());
  EXPECT_THAT(experiment.dump(), HasSubstr("eu-west-2a"));
}

TEST_F(AssessmentTest, OutputsForEndpointsStreamsAndBuckets) {
  for (const char* name :
       {"alb_dns_name", "api_url", "aurora_writer_endpoint", "aurora_reader_endpoint",
        "redis_endpoint", "stream_name", "analytics_bucket"}) {
    EXPECT_THAT(synth, HasOutput(name));
  }
}

TEST_F(AssessmentTest, EveryTaggableResourceCarriesClassificationAndEnvironment) {
  for (const auto& [type, instances] : synth.document()["resource"].items()) {
    for (const auto& [name, body] : instances.items()) {
      if (!body.contains("tags")) continue;
      EXPECT_EQ(body["tags"]["DataClassification"].is_string(), true) << type << "." << name;
      EXPECT_EQ(body["tags"]["Environment"], "test") << type << "." << name;
    }
  }
}

TEST_F(AssessmentTest, HealthCheckEveryFiveMinutesWithRetriesAndDeadLetterQueue) {
  json schedule = synth.resource_bodies("aws_scheduler_schedule").at(0);
  EXPECT_EQ(schedule["schedule_expression"], "rate(5 minutes)");
  const json& target = schedule["target"][0];
  EXPECT_EQ(target["retry_policy"][0]["maximum_retry_attempts"], 3);
  EXPECT_THAT(target["dead_letter_config"][0]["arn"].get<std::string>(),
              HasSubstr("${aws_sqs_queue."));
  EXPECT_THAT(target["arn"].get<std::string>(), HasSubstr("${aws_lambda_function."));
  json queue = synth.resource_bodies("aws_sqs_queue").at(0);
  EXPECT_THAT(queue["kms_master_key_id"].get<std::string>(), HasSubstr("${aws_kms_key."));
}
