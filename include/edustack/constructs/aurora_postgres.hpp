#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "edustack/constructs/required.hpp"
#include "edustack/constructs/rotating_secret.hpp"
#include "edustack/constructs/security_group.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class RdsCluster;
class RdsClusterParameterGroup;
}  // namespace edustack::aws

namespace edustack::constructs {

// Aurora PostgreSQL versions edustack accepts: those that run Serverless v2 and that we have
// checked (docs/constructs/network-and-data.md). Add a version here after checking it.
const std::vector<std::string>& supported_aurora_postgres_versions();

struct AuroraPostgresConfig {
  // Required: the cluster identifier, 1-63 lowercase letters, digits and '-', starting with a
  // letter ("edu-aurora-dev"). Instances are "<identifier>-1", "<identifier>-2", ...
  std::string identifier;
  // One of supported_aurora_postgres_versions(). Default 16.6.
  std::string engine_version = "16.6";
  // The database created with the cluster: 1-63 letters, digits and '_', starting with a
  // letter. Default "app".
  std::string database_name = "app";
  // The master user (1-63 letters, digits, '_', starting with a letter; not "postgres" or
  // "rdsadmin", which RDS reserves). Default "edu_admin". Its password lives in Secrets Manager
  // only, rotated by a Lambda.
  std::string master_username = "edu_admin";
  core::Required<core::String, required::vpc_id> vpc_id;
  // Required: the (private) subnets of the DB subnet group, in at least two AZs.
  core::Required<core::List<core::String>, required::subnet_ids> subnet_ids;
  // The AZs the instances are spread over, round-robin; empty (the default): RDS chooses.
  std::vector<std::string> availability_zones;
  // Required: customer-managed KMS key for storage, Performance Insights and the secret.
  core::Required<core::String, required::kms_key_arn> kms_key_arn;
  // Serverless v2 capacity in ACUs: 0.5 to 256 in steps of 0.5, min <= max. Default 0.5 to 16.
  double min_capacity = 0.5;
  double max_capacity = 16;
  int instance_count = 2;           // db.serverless instances, 1 to 16; the first is the writer
  int backup_retention_period = 7;  // days, 7 to 35
  std::string preferred_backup_window = "02:00-03:00";               // UTC
  std::string preferred_maintenance_window = "sun:04:00-sun:05:00";  // UTC, after backups
  bool deletion_protection = true;  // a final snapshot is always taken on deletion
  int port = 5432;
  int performance_insights_retention_period = 7;  // 7, or a multiple of 31 up to 731
  // The exported "postgresql" log group (/aws/rds/cluster/<identifier>/postgresql), created
  // here with a retention (default 365) and optional KMS key, before RDS would create it.
  int log_retention_days = 365;
  core::String log_kms_key_arn;
  // The master secret: name (default "<identifier>/master") and rotation period (1 to 365,
  // default 30).
  std::string secret_name;
  int rotation_days = 30;
  // The cluster parameter group. Empty (the default): one is created here, named
  // "<identifier>-tls", of the family of engine_version ("aurora-postgresql16" for 16.x), with
  // rds.force_ssl = 1 so that the cluster refuses connections without TLS. Given: the cluster
  // uses that group (a name, or the name() of an aws::RdsClusterParameterGroup) instead, and it
  // is the caller's to set rds.force_ssl there (the compliance rule AWS-TLS-005 checks it).
  core::String cluster_parameter_group_name;
};

// Aurora PostgreSQL Serverless v2: a provisioned-mode cluster with serverlessv2 scaling,
// db.serverless instances spread across AZs, its DB subnet group and security group (no rules:
// callers open it with security_group().allow_from(...)), storage and Performance Insights
// encrypted with the customer key, 7-day backups, the postgresql log exported to CloudWatch,
// IAM authentication, deletion protection, tags copied to snapshots, never publicly
// accessible, TLS required (a cluster parameter group with rds.force_ssl = 1), and a master
// password that exists only in Secrets Manager (generated there, rotated every 30 days by the
// repository's rotation Lambda).
class AuroraPostgres : public core::Construct {
 public:
  AuroraPostgres(core::Construct& scope, std::string_view id, AuroraPostgresConfig config);

  core::StringExpr writer_endpoint() const;
  core::StringExpr reader_endpoint() const;
  int port() const noexcept { return port_; }
  core::StringExpr cluster_arn() const;
  core::StringExpr cluster_id() const;
  core::StringExpr cluster_identifier() const;
  // For the rds-db:connect IAM permission: arn:...:dbuser:<resource id>/<user>.
  core::StringExpr cluster_resource_id() const;
  SecurityGroup& security_group() noexcept { return *security_group_; }
  RotatingSecret& master_secret() noexcept { return *secret_; }
  const aws::RdsCluster& cluster() const noexcept { return *cluster_; }
  // The parameter group created here; nullptr when the config named one.
  const aws::RdsClusterParameterGroup* parameter_group() const noexcept { return parameter_group_; }

 private:
  int port_;
  SecurityGroup* security_group_ = nullptr;
  RotatingSecret* secret_ = nullptr;
  aws::RdsCluster* cluster_ = nullptr;
  aws::RdsClusterParameterGroup* parameter_group_ = nullptr;
};

}  // namespace edustack::constructs
