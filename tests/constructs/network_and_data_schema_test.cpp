// The constructs of docs/constructs/network-and-data.md, together in one stack, checked against
// the real AWS provider schema: every argument name, type and block shape they synthesize.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <edustack/constructs/audit_trail.hpp>
#include <edustack/constructs/aurora_postgres.hpp>
#include <edustack/constructs/kms_key.hpp>
#include <edustack/constructs/network.hpp>
#include <edustack/constructs/redis.hpp>
#include <edustack/edustack.hpp>
#include <edustack/schema/validator.hpp>
#include <edustack/testing.hpp>
#include <filesystem>
#include <regex>

using namespace edustack;
using namespace edustack::constructs;
using ::testing::IsEmpty;

namespace {

std::string network_schema_path() {
  if (const char* env = std::getenv("EDUSTACK_AWS_SCHEMA"); env != nullptr && *env != '\0') {
    return env;
  }
  // ../shared/schemas beside the checkout: this file is <checkout>/tests/constructs/...
  return (std::filesystem::path(EDUSTACK_SOURCE_DIR).parent_path() / "shared" / "schemas" /
          "aws-provider-6.47.0.json")
      .string();
}

// A stack with every construct of this part of the library, wired the way the assessment stack
// wires them.
void build(Stack& stack) {
  auto& logs = stack.make<KmsKey>(
      "logs_key", KmsKeyConfig{.alias = "edu-logs-dev",
                               .service_principals = {"logs.eu-west-2.amazonaws.com"}});
  auto& data = stack.make<KmsKey>("data_key", KmsKeyConfig{.alias = "edu-data-dev"});
  auto& trail_key = stack.make<KmsKey>(
      "trail_key",
      KmsKeyConfig{.alias = "edu-trail-dev", .service_principals = {"cloudtrail.amazonaws.com"}});
  auto& network = stack.make<Network>(
      "network", NetworkConfig{.name = "edu-dev",
                               .region = "eu-west-2",
                               .availability_zones = {"eu-west-2a", "eu-west-2c"},
                               .flow_log_kms_key_arn = logs.arn()});
  auto& db = stack.make<AuroraPostgres>(
      "aurora", AuroraPostgresConfig{.identifier = "edu-aurora-dev",
                                     .vpc_id = network.vpc_id(),
                                     .subnet_ids = network.private_subnet_ids(),
                                     .availability_zones = network.availability_zones(),
                                     .kms_key_arn = data.arn(),
                                     .log_kms_key_arn = logs.arn()});
  auto& cache =
      stack.make<Redis>("redis", RedisConfig{.replication_group_id = "edu-redis-dev",
                                             .engine_version = "7.0",
                                             .vpc_id = network.vpc_id(),
                                             .subnet_ids = network.private_subnet_ids(),
                                             .availability_zones = network.availability_zones(),
                                             .kms_key_arn = data.arn(),
                                             .log_kms_key_arn = logs.arn()});
  auto& service = stack.make<SecurityGroup>(
      "service", SecurityGroupConfig{.name = "edu-service-dev", .vpc_id = network.vpc_id()});
  db.security_group().allow_from(service, db.port(), "service to Aurora");
  cache.security_group().allow_from(service, cache.port(), "service to Redis");
  service.allow_to_prefix_list(network.s3_prefix_list_id(), 443, "ECR layers from S3");
  stack.make<AuditTrail>("audit", AuditTrailConfig{.name = "edu-trail-dev",
                                                   .bucket_name = "edu-trail-dev",
                                                   .kms_key_arn = trail_key.arn(),
                                                   .cloudwatch_logs = true,
                                                   .log_kms_key_arn = logs.arn()});
}

}  // namespace

TEST(NetworkAndDataSchema, StackValidatesWithZeroFindings) {
  if (!std::filesystem::exists(network_schema_path())) {
    GTEST_SKIP() << "the shared AWS provider schema is not at " << network_schema_path();
  }
  // Aurora's first password is an ephemeral random_password: the random provider's schema too.
  const auto random =
      std::filesystem::path(network_schema_path()).parent_path() / "random-provider-3.9.0.json";
  static const auto schema = schema::ProviderSchema::load({network_schema_path(), random});
  App app;
  Stack stack(app, "assessment");
  Provider aws(stack, "aws",
               {.name = "aws",
                .source = "hashicorp/aws",
                .version = "~> 6.0",
                .arguments = Value::Object{{"region", "eu-west-2"}}});
  build(stack);
  std::vector<std::string> findings;
  for (const auto& finding : schema::validate(schema, app)) findings.push_back(finding.to_string());
  EXPECT_THAT(findings, IsEmpty());
}

TEST(NetworkAndDataSchema, NoSecretValueInTheDocument) {
  App app;
  Stack stack(app, "assessment");
  build(stack);
  std::string document = app.synth_in_memory().stacks.front().json;
  // Every password and token argument is a reference to the generated value, never a literal.
  std::regex literal_secret(R"re("(master_password|auth_token|secret_string)": "(?!\$\{))re");
  EXPECT_FALSE(std::regex_search(document, literal_secret));
  EXPECT_NE(document.find("random_password"), std::string::npos);
}
