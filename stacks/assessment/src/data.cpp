// Aurora PostgreSQL Serverless v2 (2 instances, 0.5-16 ACUs), Redis 7.0 (2 x cache.r6g.large,
// failover, multi-AZ), their credentials rotated every 30 days, and the CloudTrail audit trail.
#include "edustack/constructs/audit_trail.hpp"
#include "edustack/constructs/aurora_postgres.hpp"
#include "edustack/constructs/kms_key.hpp"
#include "edustack/constructs/network.hpp"
#include "edustack/constructs/redis.hpp"
#include "parts.hpp"

namespace edustack::stacks {

void build_data(AssessmentStack& stack, AssessmentStack::Parts& parts) {
  const auto& network = *parts.network;
  core::List<core::String> private_subnets(network.private_subnet_ids());
  parts.database = &stack.make<constructs::AuroraPostgres>(
      "database",
      constructs::AuroraPostgresConfig{.identifier = stack.name("assessments"),
                                       .database_name = "assessments",
                                       .vpc_id = network.vpc_id(),
                                       .subnet_ids = private_subnets,
                                       .availability_zones = network.availability_zones(),
                                       .kms_key_arn = parts.rds_key->arn(),
                                       .min_capacity = 0.5,
                                       .max_capacity = 16,
                                       .instance_count = 2,
                                       .backup_retention_period = 7,
                                       .log_retention_days = 365,
                                       .log_kms_key_arn = parts.logs_key->arn(),
                                       .rotation_days = 30});
  parts.cache = &stack.make<constructs::Redis>(
      "cache", constructs::RedisConfig{.replication_group_id = stack.name("sessions"),
                                       .engine_version = "7.0",
                                       .node_type = "cache.r6g.large",
                                       .num_cache_clusters = 2,
                                       .automatic_failover = true,
                                       .multi_az = true,
                                       .vpc_id = network.vpc_id(),
                                       .subnet_ids = private_subnets,
                                       .availability_zones = network.availability_zones(),
                                       .kms_key_arn = parts.cache_key->arn(),
                                       .log_retention_days = 365,
                                       .log_kms_key_arn = parts.logs_key->arn(),
                                       .rotation_days = 30});
  parts.audit = &stack.make<constructs::AuditTrail>(
      "audit", constructs::AuditTrailConfig{.name = stack.name("audit"),
                                            .bucket_name = stack.name("audit-trail"),
                                            .kms_key_arn = parts.storage_key->arn()});
}

}  // namespace edustack::stacks
