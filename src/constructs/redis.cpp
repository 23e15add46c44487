#include "edustack/constructs/redis.hpp"

#include <algorithm>

#include "edustack/aws/cloudwatch_log_group.hpp"
#include "edustack/aws/elasticache_replication_group.hpp"
#include "edustack/aws/elasticache_subnet_group.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

const std::vector<std::string>& supported_redis_versions() {
  static const std::vector<std::string> versions{"7.0", "7.1"};
  return versions;
}

namespace {

bool valid_node_type(const std::string& type) {
  // cache.<family>.<size>: "cache.r6g.large", "cache.t4g.micro".
  if (type.rfind("cache.", 0) != 0) return false;
  std::string rest = type.substr(6);
  auto dot = rest.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) return false;
  return std::all_of(rest.begin(), rest.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.';
  });
}

void check_config(const RedisConfig& config, ConfigProblems& problems) {
  const std::string& group_id = config.replication_group_id;
  if (problems.name("replication_group_id", group_id, kElastiCacheGroupId) &&
      group_id.find("--") != std::string::npos) {
    problems.add("replication_group_id", "\"" + group_id + "\" has two consecutive hyphens");
  }
  const auto& versions = supported_redis_versions();
  if (std::find(versions.begin(), versions.end(), config.engine_version) == versions.end()) {
    std::string list;
    for (const auto& v : versions) list += (list.empty() ? "" : ", ") + v;
    problems.add("engine_version", "\"" + config.engine_version +
                                       "\" is not a supported Redis version (" + list + ")");
  }
  if (!valid_node_type(config.node_type)) {
    problems.add("node_type",
                 "\"" + config.node_type + "\" is not a cache node type (cache.r6g.large)");
  }
  // The node count checks below depend on a valid count: skipped otherwise (no knock-on).
  if (problems.range("num_cache_clusters", config.num_cache_clusters, 1, 6, 1)) {
    if (config.automatic_failover && config.num_cache_clusters < 2) {
      problems.add("num_cache_clusters", "automatic failover needs at least 2 nodes, not " +
                                             std::to_string(config.num_cache_clusters));
    }
    if (!config.availability_zones.empty() &&
        config.availability_zones.size() != static_cast<std::size_t>(config.num_cache_clusters)) {
      problems.add("availability_zones", std::to_string(config.availability_zones.size()) +
                                             " zones for " +
                                             std::to_string(config.num_cache_clusters) +
                                             " nodes; give one per node or none");
    }
  }
  if (config.multi_az && !config.automatic_failover) {
    problems.add("multi_az", "multi-AZ needs automatic_failover");
  }
  problems.range("port", config.port, 1024, 65535, 1);
  problems.range("snapshot_retention_limit", config.snapshot_retention_limit, 0, 35, 1);
  problems.log_retention("log_retention_days", config.log_retention_days);
}

}  // namespace

Redis::Redis(core::Construct& scope, std::string_view id, RedisConfig config)
    : core::Construct(scope, id), port_(config.port) {
  const std::string& group_id = config.replication_group_id;
  // Every config problem is reported (all of them, in one ConfigError) before any part is created.
  ConfigProblems problems(*this);
  check_config(config, problems);
  problems.throw_if_any();

  security_group_ = &make<SecurityGroup>(
      "security_group", SecurityGroupConfig{.name = group_id,
                                            .description = "ElastiCache Redis " + group_id,
                                            .vpc_id = config.vpc_id});
  auto& subnet_group = make<aws::ElasticacheSubnetGroup>(
      "subnet_group",
      aws::ElasticacheSubnetGroupConfig{.description = "Subnets of ElastiCache Redis " + group_id,
                                        .name = group_id,
                                        .subnet_ids = config.subnet_ids});
  secret_ = &make<RotatingSecret>(
      "auth_token_secret",
      RotatingSecretConfig{
          .name = config.secret_name.empty() ? group_id + "/auth-token" : config.secret_name,
          .kms_key_arn = config.kms_key_arn,
          .description = "AUTH token of ElastiCache Redis " + group_id,
          .rotation_days = config.rotation_days,
          // auth_token has no write-only form in provider 6.47: the token is in state.
          .write_only = false,
          .log_retention_days = config.log_retention_days,
          .log_kms_key_arn = config.log_kms_key_arn});

  aws::ElasticacheReplicationGroupConfig group{
      .description = config.description.empty() ? "Redis " + group_id + " (managed by edustack)"
                                                : config.description,
      .replication_group_id = group_id};
  group.engine = "redis";
  group.engine_version = config.engine_version;
  group.node_type = config.node_type;
  group.num_cache_clusters = config.num_cache_clusters;
  group.automatic_failover_enabled = config.automatic_failover;
  group.multi_az_enabled = config.multi_az;
  group.port = config.port;
  group.subnet_group_name = subnet_group.name();
  group.security_group_ids = {security_group_->id()};
  if (!config.availability_zones.empty()) {
    group.preferred_cache_cluster_azs = config.availability_zones;
  }
  group.at_rest_encryption_enabled = "true";  // a string in the provider schema
  group.kms_key_id = config.kms_key_arn;
  group.transit_encryption_enabled = true;
  group.transit_encryption_mode = "required";
  group.auth_token = secret_->initial_password();
  group.auth_token_update_strategy = "ROTATE";
  group.snapshot_retention_limit = config.snapshot_retention_limit;
  group.snapshot_window = config.snapshot_window;
  group.maintenance_window = config.maintenance_window;
  group.auto_minor_version_upgrade = "true";
  group.apply_immediately = true;
  if (config.log_delivery) {
    for (const char* type : {"slow-log", "engine-log"}) {
      auto& log_group = make<aws::CloudwatchLogGroup>(
          std::string(type) + "_group",
          aws::CloudwatchLogGroupConfig{.kms_key_id = config.log_kms_key_arn,
                                        .name = "/aws/elasticache/" + group_id + "/" + type,
                                        .retention_in_days = config.log_retention_days});
      group.log_delivery_configuration.push_back({.destination = log_group.name(),
                                                  .destination_type = "cloudwatch-logs",
                                                  .log_format = "json",
                                                  .log_type = type});
    }
  }
  group_ = &make<aws::ElasticacheReplicationGroup>("replication_group", std::move(group));
  // Rotation owns the token after the first apply.
  group_->set_lifecycle({.ignore_changes = {"auth_token"}});
  secret_->rotate(RotationTarget::redis_replication_group, group_->id(), group_->arn());
}

core::StringExpr Redis::primary_endpoint() const { return group_->primary_endpoint_address(); }
core::StringExpr Redis::reader_endpoint() const { return group_->reader_endpoint_address(); }
core::StringExpr Redis::arn() const { return group_->arn(); }
core::StringExpr Redis::replication_group_id() const { return group_->id(); }

}  // namespace edustack::constructs
