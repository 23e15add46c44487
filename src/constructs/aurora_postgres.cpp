#include "edustack/constructs/aurora_postgres.hpp"

#include <algorithm>
#include <cmath>

#include "edustack/aws/cloudwatch_log_group.hpp"
#include "edustack/aws/db_subnet_group.hpp"
#include "edustack/aws/rds_cluster.hpp"
#include "edustack/aws/rds_cluster_instance.hpp"
#include "edustack/aws/rds_cluster_parameter_group.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

constexpr NameRule kPostgresIdentifier{"PostgreSQL identifier", 1, 63, "_", false, true, false};

// The parameter group family of an Aurora PostgreSQL version: "aurora-postgresql" and the major
// version ("16.6" -> "aurora-postgresql16"), the family RDS creates its default group in.
std::string parameter_group_family(const std::string& engine_version) {
  return "aurora-postgresql" + engine_version.substr(0, engine_version.find('.'));
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

const std::vector<std::string>& supported_aurora_postgres_versions() {
  static const std::vector<std::string> versions{"13.15", "13.18", "14.12", "14.15", "15.7",
                                                 "15.10", "16.4",  "16.6",  "17.4"};
  return versions;
}

namespace {

void check_config(const AuroraPostgresConfig& config, ConfigProblems& problems) {
  const std::string& identifier = config.identifier;
  if (problems.name("identifier", identifier, kRdsClusterIdentifier)) {
    if (identifier.find("--") != std::string::npos) {
      problems.add("identifier", "\"" + identifier + "\" has two consecutive hyphens");
    } else {
      // Instance identifiers "<identifier>-<n>" must fit the same 63 characters.
      std::string last_instance = identifier + "-" + std::to_string(config.instance_count);
      problems.name("identifier", last_instance, kRdsClusterIdentifier);
    }
  }
  const auto& versions = supported_aurora_postgres_versions();
  if (std::find(versions.begin(), versions.end(), config.engine_version) == versions.end()) {
    problems.add("engine_version", "\"" + config.engine_version +
                                       "\" is not a supported Aurora PostgreSQL version (" +
                                       join(versions) + ")");
  }
  problems.name("database_name", config.database_name, kPostgresIdentifier);
  if (problems.name("master_username", config.master_username, kPostgresIdentifier) &&
      (config.master_username == "postgres" || config.master_username == "rdsadmin" ||
       config.master_username == "admin")) {
    problems.add("master_username", "\"" + config.master_username + "\" is reserved by RDS");
  }
  // The two capacities are compared only when both are valid (no knock-on message).
  bool min_ok = problems.range("min_capacity", config.min_capacity, 0.5, 256, 0.5);
  bool max_ok = problems.range("max_capacity", config.max_capacity, 0.5, 256, 0.5);
  if (min_ok && max_ok && config.min_capacity > config.max_capacity) {
    problems.add("min_capacity", "the minimum capacity exceeds max_capacity");
  }
  problems.range("instance_count", config.instance_count, 1, 16, 1);
  problems.range("backup_retention_period", config.backup_retention_period, 7, 35, 1);
  problems.range("port", config.port, 1150, 65535, 1);
  int insights = config.performance_insights_retention_period;
  if (insights != 7 && (insights % 31 != 0 || insights < 31 || insights > 731)) {
    problems.add("performance_insights_retention_period",
                 std::to_string(insights) + " is neither 7 nor a multiple of 31 up to 731");
  }
  problems.log_retention("log_retention_days", config.log_retention_days);
  for (std::size_t i = 0; i < config.availability_zones.size(); ++i) {
    const std::string& zone = config.availability_zones[i];
    if (zone.size() < 2 || zone.back() < 'a' || zone.back() > 'z') {
      problems.add("availability_zones[" + std::to_string(i) + "]",
                   "\"" + zone + "\" is not an availability zone");
    }
  }
}

}  // namespace

AuroraPostgres::AuroraPostgres(core::Construct& scope, std::string_view id,
                               AuroraPostgresConfig config)
    : core::Construct(scope, id), port_(config.port) {
  const std::string& identifier = config.identifier;
  // Every config problem is reported (all of them, in one ConfigError) before any part is created.
  ConfigProblems problems(*this);
  check_config(config, problems);
  problems.throw_if_any();

  security_group_ = &make<SecurityGroup>(
      "security_group", SecurityGroupConfig{.name = identifier,
                                            .description = "Aurora PostgreSQL " + identifier,
                                            .vpc_id = config.vpc_id});
  auto& subnet_group = make<aws::DbSubnetGroup>(
      "subnet_group",
      aws::DbSubnetGroupConfig{.description = "Subnets of Aurora PostgreSQL " + identifier,
                               .name = identifier,
                               .subnet_ids = config.subnet_ids});
  secret_ = &make<RotatingSecret>(
      "master_secret",
      RotatingSecretConfig{
          .name = config.secret_name.empty() ? identifier + "/master" : config.secret_name,
          .kms_key_arn = config.kms_key_arn,
          .description = "Master credentials of Aurora PostgreSQL " + identifier,
          .username = config.master_username,
          .rotation_days = config.rotation_days,
          .log_retention_days = config.log_retention_days,
          .log_kms_key_arn = config.log_kms_key_arn});
  auto& log_group = make<aws::CloudwatchLogGroup>(
      "postgresql_log_group",
      aws::CloudwatchLogGroupConfig{.kms_key_id = config.log_kms_key_arn,
                                    .name = "/aws/rds/cluster/" + identifier + "/postgresql",
                                    .retention_in_days = config.log_retention_days});

  // TLS only: the caller's parameter group, or one with rds.force_ssl = 1.
  core::String parameter_group_name = config.cluster_parameter_group_name;
  if (!parameter_group_name.is_set()) {
    parameter_group_ = &make<aws::RdsClusterParameterGroup>(
        "parameter_group", aws::RdsClusterParameterGroupConfig{
                               .description = "Aurora PostgreSQL " + identifier + ": TLS required",
                               .family = parameter_group_family(config.engine_version),
                               .name = identifier + "-tls",
                               .parameter = {{.name = "rds.force_ssl", .value = "1"}}});
    parameter_group_name = parameter_group_->name();
  }

  aws::RdsClusterConfig cluster{.engine = "aurora-postgresql"};
  cluster.cluster_identifier = identifier;
  cluster.engine_mode = "provisioned";
  cluster.engine_version = config.engine_version;
  cluster.serverlessv2_scaling_configuration = {
      {.max_capacity = config.max_capacity, .min_capacity = config.min_capacity}};
  cluster.database_name = config.database_name;
  cluster.master_username = config.master_username;
  // Write-only: the first password never reaches plan or state, and rotation owns it afterwards.
  cluster.master_password_wo = secret_->initial_password();
  cluster.master_password_wo_version = 1;
  cluster.port = config.port;
  cluster.db_subnet_group_name = subnet_group.name();
  cluster.db_cluster_parameter_group_name = parameter_group_name;
  cluster.vpc_security_group_ids = {security_group_->id()};
  cluster.storage_encrypted = true;
  cluster.kms_key_id = config.kms_key_arn;
  cluster.backup_retention_period = config.backup_retention_period;
  cluster.preferred_backup_window = config.preferred_backup_window;
  cluster.preferred_maintenance_window = config.preferred_maintenance_window;
  cluster.copy_tags_to_snapshot = true;
  cluster.deletion_protection = config.deletion_protection;
  cluster.skip_final_snapshot = false;
  cluster.final_snapshot_identifier = identifier + "-final";
  cluster.enabled_cloudwatch_logs_exports = {"postgresql"};
  cluster.iam_database_authentication_enabled = true;
  cluster_ = &make<aws::RdsCluster>("cluster", std::move(cluster));
  cluster_->add_dependency(log_group);

  for (int i = 0; i < config.instance_count; ++i) {
    aws::RdsClusterInstanceConfig instance{.cluster_identifier = cluster_->id(),
                                           .engine = cluster_->engine(),
                                           .instance_class = "db.serverless"};
    instance.identifier = identifier + "-" + std::to_string(i + 1);
    instance.engine_version = cluster_->engine_version();
    if (!config.availability_zones.empty()) {
      instance.availability_zone =
          config.availability_zones[static_cast<std::size_t>(i) % config.availability_zones.size()];
    }
    instance.db_subnet_group_name = subnet_group.name();
    instance.publicly_accessible = false;
    instance.auto_minor_version_upgrade = true;
    instance.copy_tags_to_snapshot = true;
    instance.promotion_tier = i == 0 ? 0 : 1;
    instance.performance_insights_enabled = true;
    instance.performance_insights_kms_key_id = config.kms_key_arn;
    instance.performance_insights_retention_period = config.performance_insights_retention_period;
    make<aws::RdsClusterInstance>("instance" + std::to_string(i + 1), std::move(instance));
  }
  secret_->rotate(RotationTarget::aurora_postgresql_cluster, cluster_->cluster_identifier(),
                  cluster_->arn());
}

core::StringExpr AuroraPostgres::writer_endpoint() const { return cluster_->endpoint(); }
core::StringExpr AuroraPostgres::reader_endpoint() const { return cluster_->reader_endpoint(); }
core::StringExpr AuroraPostgres::cluster_arn() const { return cluster_->arn(); }
core::StringExpr AuroraPostgres::cluster_id() const { return cluster_->id(); }
core::StringExpr AuroraPostgres::cluster_identifier() const {
  return cluster_->cluster_identifier();
}
core::StringExpr AuroraPostgres::cluster_resource_id() const {
  return cluster_->cluster_resource_id();
}

}  // namespace edustack::constructs
