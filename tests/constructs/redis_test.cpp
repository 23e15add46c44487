#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/constructs/redis.hpp>
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

constexpr const char* kCacheKey = "arn:aws:kms:eu-west-2:111122223333:key/cache";

RedisConfig cache_config() {
  return {.replication_group_id = "edu-redis-dev",
          .engine_version = "7.0",
          .vpc_id = "vpc-1",
          .subnet_ids = {"subnet-a", "subnet-c"},
          .kms_key_arn = kCacheKey};
}

}  // namespace

TEST(Redis, EncryptedMultiAzReplicationGroupWithRotatedAuthToken) {
  App app;
  Stack stack(app, "s");
  Redis redis(stack, "cache", cache_config());
  auto synth = synthesize(stack);
  const json& group = synth.resource_at("cache/replication_group");
  EXPECT_TRUE(json_contains(group, json::parse(R"({
    "replication_group_id": "edu-redis-dev",
    "engine": "redis",
    "engine_version": "7.0",
    "node_type": "cache.r6g.large",
    "num_cache_clusters": 2,
    "automatic_failover_enabled": true,
    "multi_az_enabled": true,
    "at_rest_encryption_enabled": "true",
    "kms_key_id": "arn:aws:kms:eu-west-2:111122223333:key/cache",
    "transit_encryption_enabled": true,
    "transit_encryption_mode": "required",
    "port": 6379,
    "snapshot_retention_limit": 7,
    "lifecycle": {"ignore_changes": ["auth_token"]}
  })")))
      << group.dump(2);
  EXPECT_EQ(group["auth_token"], "${sensitive(" +
                                     synth.address_at("cache/auth_token_secret/initial_password") +
                                     ".random_password)}");
  EXPECT_EQ(group["subnet_group_name"], "${" + synth.address_at("cache/subnet_group") + ".name}");
  EXPECT_EQ(group["security_group_ids"],
            json::array({"${" + synth.address_at("cache/security_group/group") + ".id}"}));
  EXPECT_EQ(group["log_delivery_configuration"].size(), 2u);
  EXPECT_EQ(group["log_delivery_configuration"][0]["destination_type"], "cloudwatch-logs");
  EXPECT_EQ(synth.resource_at("cache/slow-log_group")["name"],
            "/aws/elasticache/edu-redis-dev/slow-log");
  const json& function = synth.resource_at("cache/auth_token_secret/rotation/function");
  EXPECT_EQ(function["environment"][0]["variables"]["TARGET_KIND"], "redis");
  std::string policy = synth.resource_at("cache/auth_token_secret/rotation/role/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("\"elasticache:ModifyReplicationGroup\""));
  EXPECT_THAT(policy, Not(HasSubstr("rds:")));
  EXPECT_EQ(redis.port(), 6379);
  EXPECT_EQ(redis.primary_endpoint().to_string(),
            "${" + synth.address_at("cache/replication_group") + ".primary_endpoint_address}");
}

TEST(Redis, SecurityGroupOpensToCallers) {
  App app;
  Stack stack(app, "s");
  Redis redis(stack, "cache", cache_config());
  SecurityGroup service(stack, "service", {.name = "edu-service", .vpc_id = "vpc-1"});
  redis.security_group().allow_from(service, redis.port(), "service to Redis");
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("cache/security_group/ingress0")["from_port"], 6379);
}

TEST(Redis, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto with = [&](auto change) {
    RedisConfig config = cache_config();
    change(config);
    return config_error([&] { Redis r(stack, "cache", config); });
  };
  EXPECT_EQ(with([](RedisConfig& c) { c.replication_group_id = std::string(41, 'r'); }),
            "[app/s/cache] replication_group_id: \"" + std::string(41, 'r') +
                "\" is 41 characters; a ElastiCache replication group id has 1 to 40");
  EXPECT_EQ(with([](RedisConfig& c) { c.engine_version = "6.2"; }),
            "[app/s/cache] engine_version: \"6.2\" is not a supported Redis version (7.0, 7.1)");
  EXPECT_EQ(with([](RedisConfig& c) { c.num_cache_clusters = 1; }),
            "[app/s/cache] num_cache_clusters: automatic failover needs at least 2 nodes, not 1");
  EXPECT_EQ(with([](RedisConfig& c) { c.num_cache_clusters = 7; }),
            "[app/s/cache] num_cache_clusters: 7 is outside 1 to 6");
  EXPECT_EQ(with([](RedisConfig& c) { c.automatic_failover = false; }),
            "[app/s/cache] multi_az: multi-AZ needs automatic_failover");
  EXPECT_EQ(with([](RedisConfig& c) { c.node_type = "r6g.large"; }),
            "[app/s/cache] node_type: \"r6g.large\" is not a cache node type (cache.r6g.large)");
  EXPECT_EQ(with([](RedisConfig& c) { c.availability_zones = {"eu-west-2a"}; }),
            "[app/s/cache] availability_zones: 1 zones for 2 nodes; give one per node or none");
  EXPECT_EQ(with([](RedisConfig& c) { c.snapshot_retention_limit = 36; }),
            "[app/s/cache] snapshot_retention_limit: 36 is outside 0 to 35");
  EXPECT_EQ(with([](RedisConfig& c) { c.replication_group_id = "edu--redis"; }),
            "[app/s/cache] replication_group_id: \"edu--redis\" has two consecutive hyphens");
}

TEST(Redis, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  RedisConfig config = cache_config();
  config.engine_version = "6.2";
  config.node_type = "r6g.large";
  config.snapshot_retention_limit = 36;
  try {
    Redis r(stack, "cache", config);
    ADD_FAILURE() << "a config with three problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/cache");
    EXPECT_EQ(error.field(), "engine_version");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/cache] engine_version: \"6.2\" is not a supported Redis version (7.0, "
              "7.1)\n"
              "[app/s/cache] node_type: \"r6g.large\" is not a cache node type "
              "(cache.r6g.large)\n"
              "[app/s/cache] snapshot_retention_limit: 36 is outside 0 to 35");
  }
  // Nothing was created: no security group, subnet group, secret or replication group.
  EXPECT_EQ(stack.node().children().size(), 0u);
}
