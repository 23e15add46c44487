#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/rds_cluster_parameter_group.hpp>
#include <edustack/compliance.hpp>
#include <edustack/constructs/aurora_postgres.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* kKey = "arn:aws:kms:eu-west-2:111122223333:key/rds";

AuroraPostgresConfig assessment() {
  return {.identifier = "edu-aurora-dev",
          .vpc_id = "vpc-1",
          .subnet_ids = {"subnet-a", "subnet-c"},
          .availability_zones = {"eu-west-2a", "eu-west-2c"},
          .kms_key_arn = kKey};
}

// "path: message" of each baseline finding of `rule` on the stack.
std::vector<std::string> baseline_findings(Stack& stack, const std::string& rule) {
  std::vector<std::string> out;
  for (const auto& f : compliance::check(stack, compliance::Profile::baseline).findings) {
    if (f.rule == rule) out.push_back(f.path + ": " + f.message);
  }
  return out;
}

}  // namespace

TEST(AuroraPostgres, ServerlessV2ClusterEncryptedBackedUpAndLogged) {
  App app;
  Stack stack(app, "s");
  AuroraPostgres db(stack, "db", assessment());
  auto synth = synthesize(stack);
  const json& cluster = synth.resource_at("db/cluster");
  EXPECT_TRUE(json_contains(cluster, json::parse(R"({
    "cluster_identifier": "edu-aurora-dev",
    "engine": "aurora-postgresql",
    "engine_mode": "provisioned",
    "engine_version": "16.6",
    "serverlessv2_scaling_configuration": [{"min_capacity": 0.5, "max_capacity": 16}],
    "storage_encrypted": true,
    "kms_key_id": "arn:aws:kms:eu-west-2:111122223333:key/rds",
    "backup_retention_period": 7,
    "copy_tags_to_snapshot": true,
    "deletion_protection": true,
    "skip_final_snapshot": false,
    "final_snapshot_identifier": "edu-aurora-dev-final",
    "enabled_cloudwatch_logs_exports": ["postgresql"],
    "iam_database_authentication_enabled": true,
    "database_name": "app",
    "master_username": "edu_admin",
    "port": 5432,
    "master_password_wo_version": 1
  })")))
      << cluster.dump(2);
  EXPECT_EQ(cluster["db_subnet_group_name"], "${" + synth.address_at("db/subnet_group") + ".name}");
  EXPECT_EQ(cluster["vpc_security_group_ids"],
            json::array({"${" + synth.address_at("db/security_group/group") + ".id}"}));
  EXPECT_EQ(synth.resource_at("db/subnet_group")["subnet_ids"],
            json::array({"subnet-a", "subnet-c"}));

  EXPECT_THAT(synth, HasResourceCount("aws_rds_cluster_instance", 2));
  const json& writer = synth.resource_at("db/instance1");
  const json& reader = synth.resource_at("db/instance2");
  EXPECT_EQ(writer["instance_class"], "db.serverless");
  EXPECT_EQ(writer["identifier"], "edu-aurora-dev-1");
  EXPECT_EQ(writer["availability_zone"], "eu-west-2a");
  EXPECT_EQ(reader["availability_zone"], "eu-west-2c");
  EXPECT_EQ(writer["publicly_accessible"], false);
  EXPECT_EQ(writer["performance_insights_enabled"], true);
  EXPECT_EQ(writer["performance_insights_kms_key_id"], kKey);
  EXPECT_EQ(writer["cluster_identifier"], "${" + synth.address_at("db/cluster") + ".id}");
  EXPECT_EQ(synth.resource_at("db/postgresql_log_group")["name"],
            "/aws/rds/cluster/edu-aurora-dev/postgresql");

  EXPECT_EQ(db.writer_endpoint().to_string(), "${" + synth.address_at("db/cluster") + ".endpoint}");
  EXPECT_EQ(db.reader_endpoint().to_string(),
            "${" + synth.address_at("db/cluster") + ".reader_endpoint}");
  EXPECT_EQ(db.port(), 5432);
}

TEST(AuroraPostgres, PasswordOnlyInSecretsManagerRotatedEvery30Days) {
  App app;
  Stack stack(app, "s");
  AuroraPostgres db(stack, "db", assessment());
  auto synth = synthesize(stack);
  std::string random = synth.address_at("db/master_secret/initial_password");
  const json& cluster = synth.resource_at("db/cluster");
  EXPECT_EQ(cluster["master_password_wo"], "${" + random + ".result}");
  EXPECT_FALSE(cluster.contains("master_password")) << "write-only: never in plan or state";
  EXPECT_FALSE(cluster.contains("lifecycle")) << cluster.dump();
  EXPECT_THAT(random, ::testing::StartsWith("ephemeral.random_password."));
  EXPECT_EQ(synth.document()["ephemeral"]["random_password"].begin().value()["length"], 32);
  const json& secret = synth.resource_at("db/master_secret/secret");
  EXPECT_EQ(secret["name"], "edu-aurora-dev/master");
  EXPECT_EQ(secret["kms_key_id"], kKey);
  const json& rotation = synth.resource_at("db/master_secret/rotation_schedule");
  EXPECT_EQ(rotation["rotation_rules"][0]["automatically_after_days"], 30);
  const json& function = synth.resource_at("db/master_secret/rotation/function");
  EXPECT_EQ(function["environment"][0]["variables"]["TARGET_KIND"], "aurora-postgresql");
  EXPECT_EQ(function["environment"][0]["variables"]["TARGET_ID"],
            "${" + synth.address_at("db/cluster") + ".cluster_identifier}");
  std::string policy = synth.resource_at("db/master_secret/rotation/role/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("\"rds:ModifyDBCluster\""));
  EXPECT_THAT(policy, HasSubstr("\"Resource\" = [" + synth.address_at("db/cluster") + ".arn]"));
  EXPECT_THAT(policy, Not(HasSubstr("elasticache")));
  // The password is a reference, never a literal.
  EXPECT_THAT(synth.document().dump(), Not(HasSubstr("\"master_password\":")));
}

TEST(AuroraPostgres, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto with = [&](auto change) {
    AuroraPostgresConfig config = assessment();
    change(config);
    return config_error([&] { AuroraPostgres a(stack, "db", config); });
  };
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.min_capacity = 0.25; }),
            "[app/s/db] min_capacity: 0.25 is outside 0.5 to 256");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.max_capacity = 16.3; }),
            "[app/s/db] max_capacity: 16.3 is not a multiple of 0.5");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.max_capacity = 300; }),
            "[app/s/db] max_capacity: 300 is outside 0.5 to 256");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) {
              c.min_capacity = 8;
              c.max_capacity = 4;
            }),
            "[app/s/db] min_capacity: the minimum capacity exceeds max_capacity");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.engine_version = "12.9"; }),
            "[app/s/db] engine_version: \"12.9\" is not a supported Aurora PostgreSQL version "
            "(13.15, 13.18, 14.12, 14.15, 15.7, 15.10, 16.4, 16.6, 17.4)");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.instance_count = 0; }),
            "[app/s/db] instance_count: 0 is outside 1 to 16");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.backup_retention_period = 3; }),
            "[app/s/db] backup_retention_period: 3 is outside 7 to 35");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.identifier = "Edu-Aurora"; }),
            "[app/s/db] identifier: \"Edu-Aurora\" contains 'E'; a RDS cluster identifier allows "
            "lowercase letters, digits and \"-\"");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.identifier = "edu--aurora"; }),
            "[app/s/db] identifier: \"edu--aurora\" has two consecutive hyphens");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.identifier = std::string(62, 'a'); }),
            "[app/s/db] identifier: \"" + std::string(62, 'a') +
                "-2\" is 64 characters; a RDS cluster identifier has 1 to 63");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.master_username = "postgres"; }),
            "[app/s/db] master_username: \"postgres\" is reserved by RDS");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.database_name = "1app"; }),
            "[app/s/db] database_name: \"1app\": a PostgreSQL identifier must start with a letter");
  EXPECT_EQ(with([](AuroraPostgresConfig& c) { c.performance_insights_retention_period = 30; }),
            "[app/s/db] performance_insights_retention_period: 30 is neither 7 nor a multiple of "
            "31 up to 731");
  EXPECT_THAT(with([](AuroraPostgresConfig& c) { c.rotation_days = 400; }),
              HasSubstr("[app/s/db/master_secret] rotation_days: 400 is outside 1 to 365"));
}

TEST(AuroraPostgres, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  AuroraPostgresConfig config = assessment();
  config.identifier = "edu--aurora";
  config.master_username = "postgres";
  config.max_capacity = 300;  // out of range: not also compared with min_capacity
  config.availability_zones = {"eu-west-2a", "eu-west-2"};
  try {
    AuroraPostgres a(stack, "db", config);
    ADD_FAILURE() << "a config with four problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/db");
    EXPECT_EQ(error.field(), "identifier");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/db] identifier: \"edu--aurora\" has two consecutive hyphens\n"
              "[app/s/db] master_username: \"postgres\" is reserved by RDS\n"
              "[app/s/db] max_capacity: 300 is outside 0.5 to 256\n"
              "[app/s/db] availability_zones[1]: \"eu-west-2\" is not an availability zone");
  }
  // Nothing was created: no security group, secret, cluster or instance.
  EXPECT_EQ(stack.node().children().size(), 0u);
}

TEST(AuroraPostgres, RequiresTlsThroughItsOwnClusterParameterGroup) {
  App app;
  Stack stack(app, "s");
  AuroraPostgres db(stack, "db", assessment());
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_rds_cluster_parameter_group", 1));
  const json& group = synth.resource_at("db/parameter_group");
  EXPECT_EQ(group["family"], "aurora-postgresql16");
  EXPECT_EQ(group["name"], "edu-aurora-dev-tls");
  EXPECT_EQ(group["parameter"], json::parse(R"([{"name": "rds.force_ssl", "value": "1"}])"));
  EXPECT_EQ(synth.resource_at("db/cluster")["db_cluster_parameter_group_name"],
            "${" + synth.address_at("db/parameter_group") + ".name}");
  ASSERT_NE(db.parameter_group(), nullptr);
  // AWS-TLS-005 (database accepts connections without TLS) has nothing to report.
  EXPECT_EQ(baseline_findings(stack, "AWS-TLS-005"), std::vector<std::string>{});
}

TEST(AuroraPostgres, ParameterGroupFamilyFollowsTheMajorVersion) {
  App app;
  Stack stack(app, "s");
  const std::vector<std::pair<std::string, std::string>> cases{{"13.15", "aurora-postgresql13"},
                                                               {"14.12", "aurora-postgresql14"},
                                                               {"15.10", "aurora-postgresql15"},
                                                               {"17.4", "aurora-postgresql17"}};
  for (const auto& [version, family] : cases) {
    auto config = assessment();
    config.identifier = "edu-pg" + version.substr(0, 2);
    config.engine_version = version;
    AuroraPostgres db(stack, config.identifier, config);
    EXPECT_EQ(synthesize(stack).resource_at(config.identifier + "/parameter_group")["family"],
              family)
        << version;
  }
}

TEST(AuroraPostgres, UsesAGivenClusterParameterGroupAndTheRuleChecksIt) {
  App app;
  Stack stack(app, "s");
  // The caller's group without rds.force_ssl: the construct creates none and uses it, and the
  // compliance rule still sees that TLS is not required.
  aws::RdsClusterParameterGroup tuned(
      stack, "tuned",
      {.family = "aurora-postgresql16",
       .name = "edu-tuned",
       .parameter = {{.name = "log_min_duration_statement", .value = "500"}}});
  auto config = assessment();
  config.cluster_parameter_group_name = tuned.name();
  AuroraPostgres db(stack, "db", config);
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_rds_cluster_parameter_group", 1));
  EXPECT_EQ(db.parameter_group(), nullptr);
  EXPECT_EQ(synth.resource_at("db/cluster")["db_cluster_parameter_group_name"],
            "${" + synth.address_at("tuned") + ".name}");
  EXPECT_EQ(baseline_findings(stack, "AWS-TLS-005"),
            std::vector<std::string>{"app/s/db/cluster: database accepts connections without "
                                     "TLS: app/s/tuned does not set rds.force_ssl = 1"});

  // The same group with rds.force_ssl = 1 satisfies it.
  tuned.config().parameter.push_back({.name = "rds.force_ssl", .value = "1"});
  EXPECT_EQ(baseline_findings(stack, "AWS-TLS-005"), std::vector<std::string>{});
}
