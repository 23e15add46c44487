// One test per FERPA rule: a non-compliant resource is flagged (id, path) and a compliant one
// is not.

#include <gtest/gtest.h>

#include <edustack/compliance.hpp>
#include <edustack/edustack.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "policy_values.hpp"

using namespace edustack;
namespace c = edustack::compliance;

namespace {

class Rules : public ::testing::Test {
 protected:
  App app;
  Stack stack{app, "s"};
  GenericResource& key = stack.make<GenericResource>("key", "aws_kms_key",
                                                     Value::Object{{"enable_key_rotation", true}});

  Value cmk() const { return key.attribute("arn"); }

  GenericResource& res(std::string_view id, std::string type, Value::Object arguments = {}) {
    return stack.make<GenericResource>(id, std::move(type), std::move(arguments));
  }

  std::vector<c::Finding> findings(const std::string& rule) {
    auto report = c::check(stack);
    EXPECT_NE(report.rule(rule), nullptr) << rule << " is not in the pack";
    std::vector<c::Finding> out;
    for (auto& finding : report.findings) {
      if (finding.rule == rule) out.push_back(finding);
    }
    return out;
  }

  static std::size_t at_path(const std::vector<c::Finding>& found, const std::string& id) {
    std::size_t n = 0;
    for (const auto& finding : found) n += finding.path == "app/s/" + id;
    return n;
  }

  // The rule flags every construct in `bad` once and none in `good`; returns the first finding.
  c::Finding expect(const std::string& rule, const std::vector<std::string>& bad,
                    const std::vector<std::string>& good) {
    auto found = findings(rule);
    for (const auto& id : bad) EXPECT_EQ(at_path(found, id), 1u) << rule << " on " << id;
    for (const auto& id : good) EXPECT_EQ(at_path(found, id), 0u) << rule << " on " << id;
    for (const auto& finding : found) {
      EXPECT_EQ(finding.rule, rule);
      EXPECT_FALSE(finding.message.empty());
      EXPECT_FALSE(finding.fix.empty());
      EXPECT_EQ(finding.file, "stacks/s/main.tf.json");
    }
    return found.empty() ? c::Finding{} : found.front();
  }
};

}  // namespace

TEST_F(Rules, PackHasAtLeastThirtyRulesWithUniqueIdsAndDocumentation) {
  const auto& pack = c::ferpa_catalogue();
  EXPECT_GE(pack.rules().size(), 30u);
  std::set<std::string> ids;
  for (const auto& rule : pack.rules()) {
    const auto& info = rule->info();
    EXPECT_TRUE(ids.insert(info.id).second) << info.id;
    EXPECT_EQ(info.id.rfind("FERPA-", 0), 0u) << info.id;
    EXPECT_FALSE(info.message.empty()) << info.id;
    EXPECT_FALSE(info.fix.empty()) << info.id;
    EXPECT_EQ(info.message.find('\n'), std::string::npos) << info.id;
    if (!info.suppressible) {
      EXPECT_EQ(info.severity, c::Severity::error) << info.id;
    }
  }
}

TEST_F(Rules, DocsListEveryRuleWithItsSeverityAndEquivalents) {
  std::ifstream in(std::string(EDUSTACK_DOCS_DIR) + "/compliance.md");
  ASSERT_TRUE(in) << "docs/compliance.md";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string docs = buffer.str();
  for (const auto& rule : c::ferpa_catalogue().rules()) {
    const auto& info = rule->info();
    auto row = docs.find("| " + info.id + " | " + c::to_string(info.severity));
    ASSERT_NE(row, std::string::npos) << info.id << " is not in the rule table";
    const std::string line = docs.substr(row, docs.find('\n', row) - row);
    EXPECT_NE(line.find(info.checkov.empty() ? "–" : info.checkov), std::string::npos) << line;
    EXPECT_NE(line.find(info.trivy.empty() ? "–" : info.trivy), std::string::npos) << line;
    EXPECT_EQ(line.find("not suppressible") != std::string::npos, !info.suppressible) << line;
  }
}

// --- encryption at rest ----------------------------------------------------------------------

TEST_F(Rules, S3_001_DefaultEncryptionWithCustomerKey) {
  res("bad", "aws_s3_bucket", {{"bucket", "bad-bucket"}});
  auto& aes = res("aes", "aws_s3_bucket");
  res("aes_sse", "aws_s3_bucket_server_side_encryption_configuration",
      {{"bucket", aes.attribute("id")},
       {"rule", list({obj({{"apply_server_side_encryption_by_default",
                            list({obj({{"sse_algorithm", "AES256"}})})}})})}});
  auto& good = res("good", "aws_s3_bucket");
  res("good_sse", "aws_s3_bucket_server_side_encryption_configuration",
      {{"bucket", good.attribute("id")},
       {"rule",
        list({obj(
            {{"apply_server_side_encryption_by_default",
              list({obj({{"sse_algorithm", "aws:kms"}, {"kms_master_key_id", cmk()}})})}})})}});
  // A literal bucket name refers to the bucket too.
  res("named", "aws_s3_bucket", {{"bucket", "named-bucket"}});
  res("named_sse", "aws_s3_bucket_server_side_encryption_configuration",
      {{"bucket", "named-bucket"},
       {"rule", list({obj({{"apply_server_side_encryption_by_default",
                            list({obj({{"sse_algorithm", "aws:kms"},
                                       {"kms_master_key_id", "alias/student-data"}})})}})})}});
  auto finding = expect("FERPA-S3-001", {"bad", "aes"}, {"good", "named"});
  EXPECT_EQ(finding.severity, c::Severity::error);
  EXPECT_EQ(finding.address, "aws_s3_bucket.bad");
  EXPECT_EQ(finding.resource_type, "aws_s3_bucket");
}

TEST_F(Rules, RDS_001_ClusterEncryptedWithCustomerKey) {
  res("bad", "aws_rds_cluster", {{"storage_encrypted", true}});
  res("good", "aws_rds_cluster", {{"storage_encrypted", true}, {"kms_key_id", cmk()}});
  auto finding = expect("FERPA-RDS-001", {"bad"}, {"good"});
  EXPECT_NE(finding.message.find("kms_key_id is not set"), std::string::npos) << finding.message;
}

TEST_F(Rules, ELC_001_ReplicationGroupEncryptedAtRest) {
  res("bad", "aws_elasticache_replication_group", {{"at_rest_encryption_enabled", false}});
  res("good", "aws_elasticache_replication_group",
      {{"at_rest_encryption_enabled", true}, {"kms_key_id", cmk()}});
  expect("FERPA-ELC-001", {"bad"}, {"good"});
}

TEST_F(Rules, KIN_001_KinesisStreamWithCustomerKey) {
  res("bad", "aws_kinesis_stream",
      {{"encryption_type", "KMS"}, {"kms_key_id", "alias/aws/kinesis"}});
  res("good", "aws_kinesis_stream", {{"encryption_type", "KMS"}, {"kms_key_id", cmk()}});
  expect("FERPA-KIN-001", {"bad"}, {"good"});
}

TEST_F(Rules, FH_001_FirehoseWithCustomerKey) {
  res("bad", "aws_kinesis_firehose_delivery_stream", {{"destination", "extended_s3"}});
  res("good", "aws_kinesis_firehose_delivery_stream",
      {{"destination", "extended_s3"},
       {"server_side_encryption",
        list({obj(
            {{"enabled", true}, {"key_type", "CUSTOMER_MANAGED_CMK"}, {"key_arn", cmk()}})})}});
  res("from_kinesis", "aws_kinesis_firehose_delivery_stream",
      {{"kinesis_source_configuration", list({obj({{"kinesis_stream_arn", "arn:x"}})})}});
  expect("FERPA-FH-001", {"bad"}, {"good", "from_kinesis"});
}

TEST_F(Rules, SQS_001_QueueWithCustomerKey) {
  res("bad", "aws_sqs_queue", {{"sqs_managed_sse_enabled", true}});
  res("good", "aws_sqs_queue", {{"kms_master_key_id", key.attribute("id")}});
  expect("FERPA-SQS-001", {"bad"}, {"good"});
}

TEST_F(Rules, LOG_001_LogGroupWithCustomerKey) {
  res("bad", "aws_cloudwatch_log_group", {{"retention_in_days", 365}});
  res("good", "aws_cloudwatch_log_group", {{"retention_in_days", 365}, {"kms_key_id", cmk()}});
  expect("FERPA-LOG-001", {"bad"}, {"good"});
}

TEST_F(Rules, SM_001_SecretWithCustomerKey) {
  res("bad", "aws_secretsmanager_secret", {{"name", "db"}});
  res("good", "aws_secretsmanager_secret", {{"name", "db2"}, {"kms_key_id", cmk()}});
  expect("FERPA-SM-001", {"bad"}, {"good"});
}

TEST_F(Rules, CT_001_TrailWithCustomerKey) {
  res("bad", "aws_cloudtrail", {{"name", "bad"}});
  res("good", "aws_cloudtrail", {{"name", "good"}, {"kms_key_id", cmk()}});
  expect("FERPA-CT-001", {"bad"}, {"good"});
}

// --- encryption in transit -------------------------------------------------------------------

TEST_F(Rules, ELC_002_TransitEncryption) {
  res("bad", "aws_elasticache_replication_group", {});
  res("good", "aws_elasticache_replication_group", {{"transit_encryption_enabled", true}});
  expect("FERPA-ELC-002", {"bad"}, {"good"});
}

TEST_F(Rules, ELC_003_AuthToken) {
  auto& secret = res("token", "random_password", {{"length", 32}});
  res("bad", "aws_elasticache_replication_group", {{"transit_encryption_enabled", true}});
  res("good", "aws_elasticache_replication_group",
      {{"transit_encryption_enabled", true}, {"auth_token", secret.attribute("result")}});
  expect("FERPA-ELC-003", {"bad"}, {"good"});
}

TEST_F(Rules, ALB_001_NoPlainHttpListener) {
  res("bad", "aws_lb_listener",
      {{"port", 80},
       {"protocol", "HTTP"},
       {"default_action", list({obj({{"type", "forward"}, {"target_group_arn", "arn:tg"}})})}});
  res("good", "aws_lb_listener",
      {{"port", 80},
       {"protocol", "HTTP"},
       {"default_action",
        list({obj({{"type", "redirect"},
                   {"redirect", list({obj({{"protocol", "HTTPS"},
                                           {"port", "443"},
                                           {"status_code", "HTTP_301"}})})}})})}});
  res("https", "aws_lb_listener",
      {{"port", 443},
       {"protocol", "HTTPS"},
       {"ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06"}});
  expect("FERPA-ALB-001", {"bad"}, {"good", "https"});
}

TEST_F(Rules, ALB_002_Tls12Policy) {
  res("bad", "aws_lb_listener",
      {{"port", 443}, {"protocol", "HTTPS"}, {"ssl_policy", "ELBSecurityPolicy-2016-08"}});
  res("unset", "aws_lb_listener", {{"port", 443}, {"protocol", "HTTPS"}});
  res("good", "aws_lb_listener",
      {{"port", 443},
       {"protocol", "HTTPS"},
       {"ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06"}});
  expect("FERPA-ALB-002", {"bad", "unset"}, {"good"});
}

TEST_F(Rules, S3_002_TlsOnlyBucketPolicy) {
  auto& bad = res("bad", "aws_s3_bucket");
  res("bad_policy", "aws_s3_bucket_policy",
      {{"bucket", bad.attribute("id")},
       {"policy", policy({obj({{"Effect", "Allow"},
                               {"Principal", obj({{"AWS", "arn:aws:iam::111122223333:root"}})},
                               {"Action", "s3:GetObject"},
                               {"Resource", bad.attribute("arn")}})})}});
  res("none", "aws_s3_bucket");
  auto& good = res("good", "aws_s3_bucket");
  res("good_policy", "aws_s3_bucket_policy",
      {{"bucket", good.attribute("id")},
       {"policy",
        policy({obj({{"Sid", "DenyInsecureTransport"},
                     {"Effect", "Deny"},
                     {"Principal", "*"},
                     {"Action", "s3:*"},
                     {"Resource", list({good.attribute("arn"), good.attribute("arn")})},
                     {"Condition", obj({{"Bool", obj({{"aws:SecureTransport", "false"}})}})}})})}});
  // A policy document data source works as well.
  auto& doc_bucket = res("doc", "aws_s3_bucket");
  auto& document = stack.make<GenericDataSource>(
      "tls_only", "aws_iam_policy_document",
      Value::Object{
          {"statement",
           list({obj({{"effect", "Deny"},
                      {"actions", list({"s3:*"})},
                      {"resources", list({doc_bucket.attribute("arn")})},
                      {"principals", list({obj({{"type", "*"}, {"identifiers", list({"*"})}})})},
                      {"condition", list({obj({{"test", "Bool"},
                                               {"variable", "aws:SecureTransport"},
                                               {"values", list({"false"})}})})}})})}});
  res("doc_policy", "aws_s3_bucket_policy",
      {{"bucket", doc_bucket.attribute("id")}, {"policy", document.attribute("json")}});
  expect("FERPA-S3-002", {"bad", "none"}, {"good", "doc"});
}

// --- key management and secrets -------------------------------------------------------------

TEST_F(Rules, KMS_001_KeyRotation) {
  res("bad", "aws_kms_key", {});
  res("asymmetric", "aws_kms_key", {{"customer_master_key_spec", "RSA_2048"}});
  expect("FERPA-KMS-001", {"bad"}, {"key", "asymmetric"});
}

TEST_F(Rules, KMS_002_NoWildcardPrincipalInKeyPolicy) {
  res("bad", "aws_kms_key",
      {{"enable_key_rotation", true},
       {"policy", policy({obj({{"Effect", "Allow"},
                               {"Principal", obj({{"AWS", "*"}})},
                               {"Action", "kms:*"},
                               {"Resource", "*"}})})}});
  res("good", "aws_kms_key",
      {{"enable_key_rotation", true},
       {"policy",
        policy({obj({{"Effect", "Allow"},
                     {"Principal", obj({{"AWS", "arn:aws:iam::111122223333:root"}})},
                     {"Action", "kms:*"},
                     {"Resource", "*"}}),
                obj({{"Effect", "Allow"},
                     {"Principal", "*"},
                     {"Action", "kms:Decrypt"},
                     {"Resource", "*"},
                     {"Condition",
                      obj({{"StringEquals", obj({{"kms:CallerAccount", "111122223333"}})}})}})})}});
  res("literal", "aws_kms_key",
      {{"enable_key_rotation", true},
       {"policy",
        R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]})"}});
  expect("FERPA-KMS-002", {"bad", "literal"}, {"good", "key"});
}

TEST_F(Rules, SM_002_SecretRotationEnabled) {
  res("bad", "aws_secretsmanager_secret", {{"name", "bad"}});
  auto& good = res("good", "aws_secretsmanager_secret", {{"name", "good"}});
  res("rotation", "aws_secretsmanager_secret_rotation",
      {{"secret_id", good.attribute("id")},
       {"rotation_rules", list({obj({{"automatically_after_days", 30}})})}});
  expect("FERPA-SM-002", {"bad"}, {"good"});
}

TEST_F(Rules, SM_003_RotationWithin90Days) {
  res("bad", "aws_secretsmanager_secret_rotation",
      {{"secret_id", "x"}, {"rotation_rules", list({obj({{"automatically_after_days", 365}})})}});
  res("bad_rate", "aws_secretsmanager_secret_rotation",
      {{"secret_id", "x"},
       {"rotation_rules", list({obj({{"schedule_expression", "rate(120 days)"}})})}});
  res("good", "aws_secretsmanager_secret_rotation",
      {{"secret_id", "x"}, {"rotation_rules", list({obj({{"automatically_after_days", 30}})})}});
  res("good_rate", "aws_secretsmanager_secret_rotation",
      {{"secret_id", "x"},
       {"rotation_rules", list({obj({{"schedule_expression", "rate(4 hours)"}})})}});
  expect("FERPA-SM-003", {"bad", "bad_rate"}, {"good", "good_rate"});
}

TEST_F(Rules, SEC_001_NoLiteralSecrets) {
  auto& password = res("password", "random_password", {{"length", 32}});
  res("bad", "aws_db_instance", {{"username", "admin"}, {"password", "hunter2hunter2"}});
  res("bad_json", "aws_secretsmanager_secret_version",
      {{"secret_id", "x"},
       {"secret_string", fn::jsonencode(Value::Object{{"password", "hunter2hunter2"}})}});
  res("good", "aws_db_instance",
      {{"username", "admin"}, {"password", password.attribute("result")}});
  res("managed", "aws_rds_cluster", {{"manage_master_user_password", true}});
  // Write-only arguments hold what their plain forms would.
  res("bad_wo", "aws_rds_cluster", {{"master_password_wo", "hunter2hunter2"}});
  res("bad_json_wo", "aws_secretsmanager_secret_version",
      {{"secret_id", "x"},
       {"secret_string_wo", fn::jsonencode(Value::Object{{"password", "hunter2hunter2"}})}});
  res("good_wo", "aws_rds_cluster",
      {{"master_password_wo", password.attribute("result")}, {"master_password_wo_version", 1}});
  auto finding = expect("FERPA-SEC-001", {"bad", "bad_json", "bad_wo", "bad_json_wo"},
                        {"good", "managed", "good_wo"});
  EXPECT_NE(finding.message.find("password is a literal"), std::string::npos) << finding.message;
  EXPECT_EQ(finding.message.find("hunter2"), std::string::npos) << "the secret is not repeated";
}

TEST_F(Rules, SEC_002_NoSecretsInEnvironment) {
  auto containers = [](Value::List environment, Value::List secrets) {
    return fn::jsonencode(Value::List{obj({{"name", "api"},
                                           {"image", "api:1"},
                                           {"readonlyRootFilesystem", true},
                                           {"environment", environment},
                                           {"secrets", secrets}})});
  };
  res("bad", "aws_ecs_task_definition",
      {{"family", "bad"},
       {"container_definitions",
        containers({obj({{"name", "DB_PASSWORD"}, {"value", "x"}})}, {})}});
  res("good", "aws_ecs_task_definition",
      {{"family", "good"},
       {"container_definitions",
        containers({obj({{"name", "DB_SECRET_ARN"}, {"value", "arn:aws:secretsmanager:x"}}),
                    obj({{"name", "LOG_LEVEL"}, {"value", "info"}})},
                   {obj({{"name", "DB_PASSWORD"}, {"valueFrom", "arn:aws:secretsmanager:x"}})})}});
  res("bad_lambda", "aws_lambda_function",
      {{"function_name", "f"},
       {"environment", list({obj({{"variables", obj({{"API_TOKEN", "abc"}})}})})}});
  res("good_lambda", "aws_lambda_function",
      {{"function_name", "g"},
       {"environment",
        list({obj({{"variables", obj({{"STAGE", "prod"},
                                      {"PASSWORD_LENGTH", "32"},
                                      {"SECRET_ARN", "arn:aws:secretsmanager:x"}})}})})}});
  auto finding = expect("FERPA-SEC-002", {"bad", "bad_lambda"}, {"good", "good_lambda"});
  EXPECT_NE(finding.message.find("DB_PASSWORD"), std::string::npos) << finding.message;
}

// --- availability ----------------------------------------------------------------------------

TEST_F(Rules, RDS_002_AuroraTwoInstances) {
  auto& bad = res("bad", "aws_rds_cluster", {{"engine", "aurora-postgresql"}});
  res("bad_writer", "aws_rds_cluster_instance", {{"cluster_identifier", bad.attribute("id")}});
  auto& good = res("good", "aws_rds_cluster", {{"engine", "aurora-postgresql"}});
  auto& instances = res("good_instances", "aws_rds_cluster_instance",
                        {{"cluster_identifier", good.attribute("id")}});
  instances.set_count(2);
  auto& zoned = res("zoned", "aws_rds_cluster", {{"engine", "aurora-postgresql"}});
  for (auto id : {"zoned_a", "zoned_b"}) {
    res(id, "aws_rds_cluster_instance",
        {{"cluster_identifier", zoned.attribute("id")}, {"availability_zone", "eu-west-2a"}});
  }
  auto finding = expect("FERPA-RDS-002", {"bad", "zoned"}, {"good"});
  EXPECT_EQ(finding.severity, c::Severity::warning);
}

TEST_F(Rules, RDS_003_DeletionProtection) {
  res("bad", "aws_rds_cluster", {});
  res("good", "aws_rds_cluster", {{"deletion_protection", true}});
  expect("FERPA-RDS-003", {"bad"}, {"good"});
}

TEST_F(Rules, RDS_004_BackupsSevenDays) {
  res("bad", "aws_rds_cluster", {{"backup_retention_period", 1}});
  res("unset", "aws_rds_cluster", {});
  res("good", "aws_rds_cluster", {{"backup_retention_period", 14}});
  expect("FERPA-RDS-004", {"bad", "unset"}, {"good"});
}

TEST_F(Rules, ELC_004_MultiAzFailover) {
  res("bad", "aws_elasticache_replication_group",
      {{"automatic_failover_enabled", true}, {"num_cache_clusters", 1}});
  res("good", "aws_elasticache_replication_group",
      {{"automatic_failover_enabled", true},
       {"multi_az_enabled", true},
       {"num_cache_clusters", 2}});
  expect("FERPA-ELC-004", {"bad"}, {"good"});
}

// --- audit and logging -----------------------------------------------------------------------

TEST_F(Rules, CT_002_MultiRegionTrail) {
  res("bad", "aws_cloudtrail", {{"is_multi_region_trail", false}});
  res("good", "aws_cloudtrail", {{"is_multi_region_trail", true}});
  expect("FERPA-CT-002", {"bad"}, {"good"});
}

TEST_F(Rules, CT_003_LogFileValidation) {
  res("bad", "aws_cloudtrail", {});
  res("good", "aws_cloudtrail", {{"enable_log_file_validation", true}});
  expect("FERPA-CT-003", {"bad"}, {"good"});
}

TEST_F(Rules, LOG_002_RetentionSet) {
  res("bad", "aws_cloudwatch_log_group", {});
  res("forever", "aws_cloudwatch_log_group", {{"retention_in_days", 0}});
  res("good", "aws_cloudwatch_log_group", {{"retention_in_days", 400}});
  expect("FERPA-LOG-002", {"bad", "forever"}, {"good"});
}

TEST_F(Rules, LOG_003_RetentionLongEnoughForClassification) {
  res("bad", "aws_cloudwatch_log_group",
      {{"retention_in_days", 90}, {"tags", obj({{"DataClassification", "Restricted"}})}});
  res("untagged", "aws_cloudwatch_log_group", {{"retention_in_days", 30}});
  res("good", "aws_cloudwatch_log_group",
      {{"retention_in_days", 30}, {"tags", obj({{"DataClassification", "public"}})}});
  res("long", "aws_cloudwatch_log_group",
      {{"retention_in_days", 731}, {"tags", obj({{"DataClassification", "restricted"}})}});
  auto finding = expect("FERPA-LOG-003", {"bad", "untagged"}, {"good", "long"});
  EXPECT_NE(finding.message.find("needs at least 365"), std::string::npos) << finding.message;
}

TEST_F(Rules, API_001_StageAccessLogs) {
  auto& logs = res("logs", "aws_cloudwatch_log_group");
  res("bad", "aws_api_gateway_stage", {{"stage_name", "prod"}});
  res("good", "aws_api_gateway_stage",
      {{"stage_name", "prod"},
       {"access_log_settings", list({obj({{"destination_arn", logs.attribute("arn")},
                                          {"format", "$context.requestId"}})})}});
  expect("FERPA-API-001", {"bad"}, {"good"});
}

TEST_F(Rules, API_002_StageXRay) {
  res("bad", "aws_api_gateway_stage", {{"stage_name", "prod"}});
  res("good", "aws_api_gateway_stage", {{"stage_name", "prod"}, {"xray_tracing_enabled", true}});
  auto finding = expect("FERPA-API-002", {"bad"}, {"good"});
  EXPECT_EQ(finding.severity, c::Severity::warning);
}

TEST_F(Rules, ALB_003_AccessLogs) {
  res("bad", "aws_lb", {{"load_balancer_type", "application"}});
  res("good", "aws_lb",
      {{"access_logs", list({obj({{"enabled", true}, {"bucket", "alb-logs"}})})}});
  res("network", "aws_lb", {{"load_balancer_type", "network"}});
  expect("FERPA-ALB-003", {"bad"}, {"good", "network"});
}

TEST_F(Rules, ALB_004_DropInvalidHeaders) {
  res("bad", "aws_lb", {});
  res("good", "aws_lb", {{"drop_invalid_header_fields", true}});
  expect("FERPA-ALB-004", {"bad"}, {"good"});
}

TEST_F(Rules, ECS_001_ContainerInsights) {
  res("bad", "aws_ecs_cluster", {{"name", "bad"}});
  res("good", "aws_ecs_cluster",
      {{"name", "good"},
       {"setting", list({obj({{"name", "containerInsights"}, {"value", "enabled"}})})}});
  expect("FERPA-ECS-001", {"bad"}, {"good"});
}

TEST_F(Rules, VPC_001_FlowLogs) {
  res("bad", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  auto& good = res("good", "aws_vpc", {{"cidr_block", "10.1.0.0/16"}});
  res("flow", "aws_flow_log", {{"vpc_id", good.attribute("id")}, {"traffic_type", "ALL"}});
  expect("FERPA-VPC-001", {"bad"}, {"good"});
}

// --- exposure --------------------------------------------------------------------------------

TEST_F(Rules, S3_003_PublicAccessBlock) {
  auto& bad = res("bad", "aws_s3_bucket");
  res("bad_block", "aws_s3_bucket_public_access_block",
      {{"bucket", bad.attribute("id")},
       {"block_public_acls", true},
       {"block_public_policy", true},
       {"ignore_public_acls", true}});
  res("none", "aws_s3_bucket");
  auto& good = res("good", "aws_s3_bucket");
  res("good_block", "aws_s3_bucket_public_access_block",
      {{"bucket", good.attribute("id")},
       {"block_public_acls", true},
       {"block_public_policy", true},
       {"ignore_public_acls", true},
       {"restrict_public_buckets", true}});
  auto finding = expect("FERPA-S3-003", {"bad", "none"}, {"good"});
  EXPECT_NE(finding.message.find("restrict_public_buckets"), std::string::npos) << finding.message;
}

TEST_F(Rules, RDS_005_NotPubliclyAccessible) {
  res("bad", "aws_rds_cluster_instance", {{"publicly_accessible", true}});
  res("good", "aws_rds_cluster_instance", {{"publicly_accessible", false}});
  res("default", "aws_rds_cluster_instance", {});
  expect("FERPA-RDS-005", {"bad"}, {"good", "default"});
}

TEST_F(Rules, NET_001_NoInternetIngressExceptWebOnPublicLoadBalancer) {
  auto ingress = [](int port) {
    return list({obj({{"from_port", port},
                      {"to_port", port},
                      {"protocol", "tcp"},
                      {"cidr_blocks", list({"0.0.0.0/0"})}})});
  };
  res("bad", "aws_security_group", {{"ingress", ingress(22)}});
  res("unattached", "aws_security_group", {{"ingress", ingress(443)}});
  auto& good = res("good", "aws_security_group", {{"ingress", ingress(443)}});
  auto& internal = res("internal", "aws_security_group", {{"ingress", ingress(443)}});
  res("alb", "aws_lb", {{"security_groups", list({good.attribute("id")})}});
  res("internal_alb", "aws_lb",
      {{"internal", true}, {"security_groups", list({internal.attribute("id")})}});
  res("bad_rule", "aws_vpc_security_group_ingress_rule",
      {{"security_group_id", good.attribute("id")},
       {"cidr_ipv4", "0.0.0.0/0"},
       {"ip_protocol", "-1"}});
  res("good_rule", "aws_vpc_security_group_ingress_rule",
      {{"security_group_id", good.attribute("id")},
       {"cidr_ipv6", "::/0"},
       {"from_port", 443},
       {"to_port", 443},
       {"ip_protocol", "tcp"}});
  res("private_rule", "aws_vpc_security_group_ingress_rule",
      {{"security_group_id", good.attribute("id")},
       {"cidr_ipv4", "10.0.0.0/8"},
       {"from_port", 5432},
       {"to_port", 5432},
       {"ip_protocol", "tcp"}});
  auto finding = expect("FERPA-NET-001", {"bad", "unattached", "internal", "bad_rule"},
                        {"good", "good_rule", "private_rule"});
  EXPECT_NE(finding.message.find("port 22"), std::string::npos) << finding.message;
}

TEST_F(Rules, NET_002_DefaultSecurityGroupDeniesAll) {
  res("bad", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  auto& good = res("good", "aws_vpc", {{"cidr_block", "10.1.0.0/16"}});
  res("good_default", "aws_default_security_group", {{"vpc_id", good.attribute("id")}});
  auto& other = res("other", "aws_vpc", {{"cidr_block", "10.2.0.0/16"}});
  res("open_default", "aws_default_security_group",
      {{"vpc_id", other.attribute("id")},
       {"ingress",
        list({obj({{"protocol", "-1"}, {"self", true}, {"from_port", 0}, {"to_port", 0}})})}});
  expect("FERPA-NET-002", {"bad", "open_default"}, {"good", "good_default", "other"});
}

TEST_F(Rules, ECS_002_NoPublicIp) {
  res("bad", "aws_ecs_service",
      {{"network_configuration",
        list({obj({{"assign_public_ip", true}, {"subnets", list({"a"})}})})}});
  res("good", "aws_ecs_service",
      {{"network_configuration",
        list({obj({{"assign_public_ip", false}, {"subnets", list({"a"})}})})}});
  expect("FERPA-ECS-002", {"bad"}, {"good"});
}

TEST_F(Rules, ECS_003_ReadOnlyRootFilesystem) {
  res("bad", "aws_ecs_task_definition",
      {{"container_definitions", fn::jsonencode(Value::List{obj({{"name", "api"}})})}});
  res("good", "aws_ecs_task_definition",
      {{"container_definitions",
        R"([{"name":"api","image":"api:1","readonlyRootFilesystem":true}])"}});
  auto finding = expect("FERPA-ECS-003", {"bad"}, {"good"});
  EXPECT_NE(finding.message.find("container \"api\""), std::string::npos) << finding.message;
}

TEST_F(Rules, ECS_004_NotPrivileged) {
  res("bad", "aws_ecs_task_definition",
      {{"container_definitions",
        fn::jsonencode(Value::List{obj({{"name", "api"}, {"privileged", true}})})}});
  res("good", "aws_ecs_task_definition",
      {{"container_definitions",
        fn::jsonencode(Value::List{obj({{"name", "api"}, {"privileged", false}})})}});
  expect("FERPA-ECS-004", {"bad"}, {"good"});
}

// --- IAM -------------------------------------------------------------------------------------

TEST_F(Rules, IAM_001_NoStarOnStar) {
  res("bad", "aws_iam_policy",
      {{"policy", policy({obj({{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}})})}});
  res("bad_attachment", "aws_iam_role_policy_attachment",
      {{"role", "r"}, {"policy_arn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  auto& bucket = res("bucket", "aws_s3_bucket");
  res("good", "aws_iam_policy",
      {{"policy", policy({obj({{"Effect", "Allow"},
                               {"Action", list({"s3:GetObject"})},
                               {"Resource", bucket.attribute_as<std::string>("arn") + "/*"}})})}});
  res("deny", "aws_iam_policy",
      {{"policy", policy({obj({{"Effect", "Deny"}, {"Action", "*"}, {"Resource", "*"}})})}});
  res("good_attachment", "aws_iam_role_policy_attachment",
      {{"role", "r"},
       {"policy_arn", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}});
  expect("FERPA-IAM-001", {"bad", "bad_attachment"}, {"good", "deny", "good_attachment"});
}

TEST_F(Rules, IAM_002_NoWildcardActions) {
  auto& bucket = res("bucket", "aws_s3_bucket");
  res("bad", "aws_iam_role_policy",
      {{"role", "r"},
       {"policy",
        policy({obj(
            {{"Effect", "Allow"}, {"Action", "s3:*"}, {"Resource", bucket.attribute("arn")}})})}});
  res("bad_inline", "aws_iam_role",
      {{"assume_role_policy", "{}"},
       {"inline_policy",
        list({obj({{"name", "all"},
                   {"policy", policy({obj({{"Effect", "Allow"},
                                           {"NotAction", "iam:*"},
                                           {"Resource", bucket.attribute("arn")}})})}})})}});
  res("good", "aws_iam_role_policy",
      {{"role", "r"},
       {"policy", policy({obj({{"Effect", "Allow"},
                               {"Action", list({"s3:GetObject", "s3:PutObject"})},
                               {"Resource", bucket.attribute("arn")}})})}});
  expect("FERPA-IAM-002", {"bad", "bad_inline"}, {"good"});
}

TEST_F(Rules, IAM_003_NoStarResourceForRestrictableActions) {
  auto& document = stack.make<GenericDataSource>(
      "doc", "aws_iam_policy_document",
      Value::Object{{"statement", list({obj({{"actions", list({"s3:GetObject"})},
                                             {"resources", list({"*"})}})})}});
  res("bad", "aws_iam_policy", {{"policy", document.attribute("json")}});
  res("good", "aws_iam_policy",
      {{"policy", policy({obj({{"Effect", "Allow"},
                               {"Action", list({"xray:PutTraceSegments", "ec2:DescribeSubnets",
                                                "ecr:GetAuthorizationToken"})},
                               {"Resource", "*"}})})}});
  auto finding = expect("FERPA-IAM-003", {"bad"}, {"good"});
  EXPECT_EQ(finding.severity, c::Severity::warning);
  EXPECT_NE(finding.message.find("s3:GetObject"), std::string::npos) << finding.message;
}

TEST_F(Rules, ECS_005_ExecutionRoleDistinctFromTaskRole) {
  auto& execution = res("execution", "aws_iam_role", {{"assume_role_policy", "{}"}});
  auto& task = res("task", "aws_iam_role", {{"assume_role_policy", "{}"}});
  res("bad", "aws_ecs_task_definition",
      {{"execution_role_arn", execution.attribute("arn")},
       {"task_role_arn", execution.attribute("arn")}});
  res("good", "aws_ecs_task_definition",
      {{"execution_role_arn", execution.attribute("arn")},
       {"task_role_arn", task.attribute("arn")}});
  expect("FERPA-ECS-005", {"bad"}, {"good"});
}

// --- tagging ---------------------------------------------------------------------------------

TEST_F(Rules, TAG_001_RequiredTags) {
  res("bad", "aws_vpc", {{"tags", obj({{"Environment", "prod"}})}});
  res("good", "aws_vpc",
      {{"tags", obj({{"Environment", "prod"}, {"DataClassification", "restricted"}})}});
  res("untaggable", "aws_s3_bucket_policy", {{"bucket", "b"}});
  auto finding = expect("FERPA-TAG-001", {"bad", "key"}, {"good", "untaggable"});
  EXPECT_NE(finding.message.find("missing DataClassification"), std::string::npos)
      << finding.message;
}

TEST_F(Rules, TAG_001_ProviderDefaultTagsAndTagAspectsCount) {
  Provider aws(stack, "aws",
               {.name = "aws",
                .arguments = Value::Object{
                    {"default_tags", list({obj({{"tags", obj({{"Environment", "prod"}})}})})}}});
  // A TagAspect-capable typed resource is not needed: merge() of literal maps is read too.
  res("merged", "aws_vpc",
      {{"tags", fn::merge({obj({{"DataClassification", "internal"}}), obj({{"Team", "x"}})})}});
  res("bad", "aws_subnet", {});
  expect("FERPA-TAG-001", {"bad", "key"}, {"merged"});
}
