// Reading `terraform show -json` plans (src/cli/plan.cpp).

#include "plan.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace edustack::cli::detail {
namespace {

TEST(PlanSummary, ActionsByType) {
  PlanSummary summary = parse_plan(R"({"format_version": "1.2", "resource_changes": [
    {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "change": {"actions": ["create"]}},
    {"address": "aws_vpc.b", "mode": "managed", "type": "aws_vpc", "change": {"actions": ["create"]}},
    {"address": "aws_s3_bucket.c", "mode": "managed", "type": "aws_s3_bucket",
     "change": {"actions": ["create", "delete"]}},
    {"address": "aws_kms_key.d", "mode": "managed", "type": "aws_kms_key",
     "change": {"actions": ["delete"]}},
    {"address": "aws_iam_role.e", "mode": "managed", "type": "aws_iam_role",
     "change": {"actions": ["update"]}},
    {"address": "aws_iam_role.f", "mode": "managed", "type": "aws_iam_role",
     "change": {"actions": ["no-op"]}},
    {"address": "aws_iam_role.g", "mode": "managed", "type": "aws_iam_role",
     "change": {"actions": ["forget"]}},
    {"address": "data.aws_region.r", "mode": "data", "type": "aws_region",
     "change": {"actions": ["read"]}}],
    "output_changes": {"a": {"actions": ["no-op"]}, "b": {"actions": ["update"]}}})");
  EXPECT_EQ(summary.count(Action::create), 2u);
  EXPECT_EQ(summary.count(Action::replace), 1u);
  EXPECT_EQ(summary.count(Action::destroy), 1u);
  EXPECT_EQ(summary.count(Action::update), 1u);
  EXPECT_EQ(summary.count(Action::forget), 1u);
  EXPECT_EQ(summary.by_type.at(Action::create).at("aws_vpc"), 2u);
  EXPECT_EQ(summary.output_changes, 1u);
  EXPECT_EQ(summary.changes.size(), 6u);
  auto destructive = summary.destructive_stateful();
  ASSERT_EQ(destructive.size(), 2u);
  EXPECT_EQ(destructive[0].address, "aws_s3_bucket.c");
  EXPECT_EQ(destructive[0].stateful_kind, "bucket");
  EXPECT_EQ(destructive[1].address, "aws_kms_key.d");
  EXPECT_EQ(destructive[1].stateful_kind, "KMS key");
}

TEST(PlanSummary, EmptyPlan) {
  PlanSummary summary = parse_plan(R"({"format_version": "1.2"})");
  EXPECT_TRUE(summary.empty());
  EXPECT_EQ(summary.count(Action::create), 0u);
}

TEST(PlanSummary, RejectsWhatIsNotAPlan) {
  EXPECT_THROW(parse_plan("not json"), std::runtime_error);
  EXPECT_THROW(parse_plan("[]"), std::runtime_error);
  EXPECT_THROW(parse_plan(R"({"values": {}})"), std::runtime_error);
  EXPECT_THROW(parse_plan(R"({"format_version": "1.2", "resource_changes": [{"address": 1}]})"),
               std::runtime_error);
}

TEST(PlanSummary, StatefulKinds) {
  EXPECT_EQ(stateful_kind("aws_db_instance"), "database");
  EXPECT_EQ(stateful_kind("aws_rds_cluster"), "database");
  EXPECT_EQ(stateful_kind("aws_elasticache_replication_group"), "cache");
  EXPECT_EQ(stateful_kind("aws_s3_bucket"), "bucket");
  EXPECT_EQ(stateful_kind("aws_kms_key"), "KMS key");
  EXPECT_EQ(stateful_kind("aws_kinesis_stream"), "stream");
  EXPECT_EQ(stateful_kind("aws_kinesis_firehose_delivery_stream"), "stream");
  EXPECT_EQ(stateful_kind("aws_cloudwatch_log_group"), "log group");
  EXPECT_EQ(stateful_kind("aws_s3_bucket_policy"), "");
  EXPECT_EQ(stateful_kind("aws_kms_alias"), "");
  EXPECT_EQ(stateful_kind("aws_vpc"), "");
}

// --- the destroy guard's table (src/cli/resource_classes.inc, from tools/classify) ---------------

// The resource types of every provider schema in the directory (aws, random, tls, ...).
std::vector<std::string> schema_resource_types(const std::filesystem::path& directory) {
  std::vector<std::string> types;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    std::string name = entry.path().filename().string();
    if (name.find("-provider-") == std::string::npos || entry.path().extension() != ".json") {
      continue;
    }
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto document = nlohmann::json::parse(text.str());
    auto providers = document.find("provider_schemas");
    if (providers == document.end() || !providers->is_object()) continue;
    for (const auto& [address, provider] : providers->items()) {
      auto resources = provider.find("resource_schemas");
      if (!provider.is_object() || resources == provider.end()) continue;
      for (const auto& [type, schema] : resources->items()) types.push_back(type);
    }
  }
  std::sort(types.begin(), types.end());
  return types;
}

TEST(DestroyGuard, ClassifiesEveryResourceTypeOfTheSchemasExactlyOnce) {
  std::filesystem::path directory = EDUSTACK_SCHEMAS_DIR;
  if (!std::filesystem::exists(directory / "aws-provider-6.47.0.json")) {
    GTEST_SKIP() << "provider schemas not found in " << directory.string()
                 << " (../shared/schemas beside the checkout)";
  }
  std::vector<std::string> schema_types = schema_resource_types(directory);
  std::vector<std::string> table_types;
  for (const auto& entry : resource_class_table()) table_types.emplace_back(entry.type);
  // Sorted and without repeats, so equal lists mean: each type once, nothing else.
  EXPECT_TRUE(std::adjacent_find(schema_types.begin(), schema_types.end()) == schema_types.end())
      << "a resource type is in two schemas";
  EXPECT_EQ(table_types, schema_types);
  std::size_t aws = 0;
  for (const auto& type : table_types) aws += type.rfind("aws_", 0) == 0;
  EXPECT_EQ(aws, 1657u);
}

TEST(DestroyGuard, TableRowsAreConsistent) {
  auto table = resource_class_table();
  ASSERT_GT(table.size(), 1600u);
  std::size_t stateless = 0;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& entry = table[i];
    if (i > 0) {
      EXPECT_LT(table[i - 1].type, entry.type);
    }
    EXPECT_FALSE(entry.rule.empty()) << entry.type;
    // A kind exactly for the types that hold data.
    EXPECT_EQ(entry.kind.empty(), entry.resource_class != ResourceClass::data) << entry.type;
    EXPECT_EQ(classify_resource_type(entry.type).rule, entry.rule) << entry.type;
    stateless += entry.resource_class == ResourceClass::stateless;
  }
  // Deny-by-default: most types are guarded.
  EXPECT_LT(stateless, table.size() / 2);
}

TEST(DestroyGuard, DataHoldingTypesAreGuarded) {
  // Named in issue 9: applied without --allow-destroy by the old allow-list.
  const char* missed[] = {"aws_backup_vault", "aws_s3_object", "aws_cognito_user_pool",
                          "aws_ssm_parameter"};
  // The old allow-list of 24.
  const char* old_list[] = {"aws_cloudwatch_log_group",
                            "aws_db_cluster_snapshot",
                            "aws_db_instance",
                            "aws_db_snapshot",
                            "aws_docdb_cluster",
                            "aws_dynamodb_table",
                            "aws_ebs_volume",
                            "aws_ecr_repository",
                            "aws_efs_file_system",
                            "aws_elasticache_cluster",
                            "aws_elasticache_replication_group",
                            "aws_elasticache_serverless_cache",
                            "aws_kinesis_firehose_delivery_stream",
                            "aws_kinesis_stream",
                            "aws_kms_key",
                            "aws_memorydb_cluster",
                            "aws_msk_cluster",
                            "aws_neptune_cluster",
                            "aws_opensearch_domain",
                            "aws_rds_cluster",
                            "aws_redshift_cluster",
                            "aws_s3_bucket",
                            "aws_secretsmanager_secret",
                            "aws_sqs_queue"};
  for (const char* type : missed) {
    EXPECT_TRUE(is_guarded(type)) << type;
    EXPECT_EQ(classify_resource_type(type).resource_class, ResourceClass::data) << type;
  }
  for (const char* type : old_list) {
    EXPECT_TRUE(is_guarded(type)) << type;
    EXPECT_EQ(classify_resource_type(type).resource_class, ResourceClass::data) << type;
  }
  EXPECT_EQ(stateful_kind("aws_backup_vault"), "backup vault");
  EXPECT_EQ(stateful_kind("aws_s3_object"), "object");
  EXPECT_EQ(stateful_kind("aws_cognito_user_pool"), "user directory");
  EXPECT_EQ(stateful_kind("aws_ssm_parameter"), "parameter");
  // More that hold data: secrets' values, credentials, generated secrets, addresses, zones.
  for (const char* type :
       {"aws_secretsmanager_secret_version", "aws_iam_access_key", "aws_iam_user", "aws_eip",
        "aws_route53_zone", "aws_s3_bucket_object", "aws_glacier_vault", "aws_instance",
        "random_password", "tls_private_key", "aws_fsx_lustre_file_system", "aws_athena_workgroup",
        "aws_timestreamwrite_table", "aws_dynamodb_table_replica"}) {
    EXPECT_EQ(classify_resource_type(type).resource_class, ResourceClass::data) << type;
  }
  // Guarded for a marker attribute, or because no rule knows them to be stateless.
  for (const char* type :
       {"aws_lb", "aws_cloudfront_distribution", "aws_sns_topic", "aws_acm_certificate",
        "aws_sfn_state_machine", "tls_self_signed_cert"}) {
    EXPECT_TRUE(is_guarded(type)) << type;
    EXPECT_EQ(stateful_kind(type), "") << type;
  }
}

TEST(DestroyGuard, ClearlyStatelessTypesAreNot) {
  for (const char* type : {"aws_iam_role",
                           "aws_iam_policy",
                           "aws_iam_role_policy_attachment",
                           "aws_security_group",
                           "aws_security_group_rule",
                           "aws_vpc_security_group_ingress_rule",
                           "aws_route",
                           "aws_route_table_association",
                           "aws_cloudwatch_metric_alarm",
                           "aws_lambda_permission",
                           "aws_api_gateway_method",
                           "aws_api_gateway_integration",
                           "aws_api_gateway_deployment",
                           "aws_apigatewayv2_route",
                           "aws_s3_bucket_policy",
                           "aws_s3_bucket_versioning",
                           "aws_kms_alias",
                           "aws_vpc",
                           "aws_subnet",
                           "aws_lambda_function",
                           "aws_sns_topic_subscription",
                           "aws_db_subnet_group",
                           "null_resource",
                           "random_pet",
                           "time_sleep",
                           "archive_file"}) {
    EXPECT_FALSE(is_guarded(type)) << type << " (" << classify_resource_type(type).rule << ")";
    EXPECT_EQ(stateful_kind(type), "") << type;
  }
}

TEST(DestroyGuard, TypesOfOtherProvidersOrVersionsAreGuarded) {
  for (const char* type :
       {"google_sql_database_instance", "azurerm_storage_account",
        "aws_resource_of_a_newer_provider", "kubernetes_persistent_volume", ""}) {
    ResourceClassEntry entry = classify_resource_type(type);
    EXPECT_EQ(entry.resource_class, ResourceClass::guarded) << type;
    EXPECT_EQ(entry.rule, "unknown") << type;
    EXPECT_TRUE(is_guarded(type)) << type;
  }
  PlanSummary summary = parse_plan(R"({"format_version": "1.2", "resource_changes": [
    {"address": "google_sql_database_instance.db", "mode": "managed",
     "type": "google_sql_database_instance", "change": {"actions": ["delete"]}},
    {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role",
     "change": {"actions": ["delete"]}},
    {"address": "aws_ssm_parameter.p", "mode": "managed", "type": "aws_ssm_parameter",
     "change": {"actions": ["create", "delete"]}}]})");
  auto destructive = summary.destructive_stateful();
  ASSERT_EQ(destructive.size(), 2u);
  EXPECT_EQ(destructive[0].address, "google_sql_database_instance.db");
  EXPECT_TRUE(destructive[0].guarded);
  EXPECT_EQ(destructive[0].stateful_kind, "");
  EXPECT_EQ(destructive[1].address, "aws_ssm_parameter.p");
  EXPECT_EQ(destructive[1].stateful_kind, "parameter");
}

}  // namespace
}  // namespace edustack::cli::detail
