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
class ElasticacheReplicationGroup;
}  // namespace edustack::aws

namespace edustack::constructs {

// ElastiCache Redis engine versions edustack accepts (7.x, with AUTH token rotation).
const std::vector<std::string>& supported_redis_versions();

struct RedisConfig {
  // Required: the replication group id, 1-40 lowercase letters, digits and '-', starting with a
  // letter ("edu-redis-dev"). Also the subnet group's and security group's name.
  std::string replication_group_id;
  std::string description;  // default "Redis <replication_group_id> (managed by edustack)"
  // One of supported_redis_versions(). Default 7.1.
  std::string engine_version = "7.1";
  // A cache node type ("cache.<family>.<size>"). Default cache.r6g.large.
  std::string node_type = "cache.r6g.large";
  // Nodes (a primary and its replicas), 1 to 6; at least 2 with automatic failover. Default 2.
  int num_cache_clusters = 2;
  bool automatic_failover = true;  // multi-AZ needs it
  bool multi_az = true;
  core::Required<core::String, required::vpc_id> vpc_id;
  // Required: the (private) subnets of the cache subnet group.
  core::Required<core::List<core::String>, required::subnet_ids> subnet_ids;
  // Preferred AZs of the nodes, in node order; empty (the default): ElastiCache chooses.
  std::vector<std::string> availability_zones;
  // Required: customer-managed KMS key for data at rest and for the AUTH token secret.
  core::Required<core::String, required::kms_key_arn> kms_key_arn;
  int port = 6379;
  int snapshot_retention_limit = 7;                        // days, 0 (no snapshots) to 35
  std::string snapshot_window = "03:00-04:00";             // UTC
  std::string maintenance_window = "sun:05:00-sun:06:00";  // UTC, after snapshots
  // Slow-log and engine-log delivery to CloudWatch Logs (default on): log groups
  // /aws/elasticache/<id>/slow-log and .../engine-log with this retention (default 365) and
  // optional KMS key.
  bool log_delivery = true;
  int log_retention_days = 365;
  core::String log_kms_key_arn;
  // The AUTH token secret: name (default "<replication_group_id>/auth-token") and rotation
  // period (1 to 365, default 30).
  std::string secret_name;
  int rotation_days = 30;
};

// An ElastiCache Redis replication group (cluster mode disabled): encryption at rest with the
// customer key, TLS required in transit, an AUTH token generated in and rotated by Secrets
// Manager (never in the configuration), automatic failover and multi-AZ, daily snapshots, its
// subnet group and a security group without rules (open it with security_group().allow_from).
class Redis : public core::Construct {
 public:
  Redis(core::Construct& scope, std::string_view id, RedisConfig config);

  core::StringExpr primary_endpoint() const;
  core::StringExpr reader_endpoint() const;
  int port() const noexcept { return port_; }
  core::StringExpr arn() const;
  core::StringExpr replication_group_id() const;
  SecurityGroup& security_group() noexcept { return *security_group_; }
  RotatingSecret& auth_token_secret() noexcept { return *secret_; }
  const aws::ElasticacheReplicationGroup& resource() const noexcept { return *group_; }

 private:
  int port_;
  SecurityGroup* security_group_ = nullptr;
  RotatingSecret* secret_ = nullptr;
  aws::ElasticacheReplicationGroup* group_ = nullptr;
};

}  // namespace edustack::constructs
