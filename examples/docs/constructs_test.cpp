// The samples of docs/constructs/*.md, compiled and checked: the pages' code blocks are verbatim
// parts of this file, between "// [docs]" lines (tests/docs_check.cmake fails when they drift).
// The pages show them without the two spaces of the TEST body.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/rds_cluster.hpp>
#include <edustack/aws/sqs_queue.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/constructs/audit_trail.hpp>
#include <edustack/constructs/aurora_postgres.hpp>
#include <edustack/constructs/encrypted_bucket.hpp>
#include <edustack/constructs/iam.hpp>
#include <edustack/constructs/kms_key.hpp>
#include <edustack/constructs/network.hpp>
#include <edustack/constructs/redis.hpp>
#include <edustack/constructs/rotating_secret.hpp>
#include <edustack/constructs/security_group.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>
#include <string>

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;

TEST(DocsFoundation, KmsKey) {
  App app;
  Stack stack(app, "orders");
  // [docs] KmsKey
  constructs::KmsKey key(stack, "key",
                         {.alias = "orders-dev", .service_principals = {"sqs.amazonaws.com"}});
  StringExpr arn = key.arn();            // also key.key_id(), key.alias_arn()
  std::string alias = key.alias_name();  // "alias/orders-dev"
  // [docs] end
  EXPECT_EQ(alias, "alias/orders-dev");
  auto synth = synthesize(stack);
  EXPECT_EQ(arn.to_string(), "${" + synth.address_at("key/key") + ".arn}");
  EXPECT_TRUE(json_contains(synth.resource_at("key/key"),
                            {{"enable_key_rotation", true},
                             {"deletion_window_in_days", 30},
                             {"rotation_period_in_days", 365},
                             {"description", "alias/orders-dev (managed by edustack)"}}));
  EXPECT_EQ(synth.resource_at("key/alias")["name"], "alias/orders-dev");
  EXPECT_THAT(synth.resource_at("key/key")["policy"].get<std::string>(),
              ::testing::HasSubstr("sqs.amazonaws.com"));
}

TEST(DocsFoundation, EncryptedBucket) {
  App app;
  Stack stack(app, "orders");
  constructs::KmsKey key(stack, "key", {.alias = "orders-dev"});
  // [docs] EncryptedBucket
  constructs::EncryptedBucket archive(
      stack, "archive",
      {.name = "orders-archive-dev",
       .kms_key_arn = key.arn(),
       .lifecycle = {{.id = "archive", .transition_to_glacier_days = 90}}});
  // archive.arn(), archive.name(), archive.id(): references to the bucket
  archive.add_policy_statement(
      {.sid = "DeliveryWrites",  // a service that writes to it
       .actions = {"s3:PutObject"},
       .resources = {archive.arn() + "/*"},
       .principals = Value::Object{{"Service", "delivery.logs.amazonaws.com"}}});
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("archive/bucket")["bucket"], "orders-archive-dev");
  for (const char* child : {"encryption", "public_access", "policy", "versioning", "lifecycle"}) {
    EXPECT_NO_THROW(synth.resource_at(std::string("archive/") + child)) << child;
  }
  std::string policy = synth.resource_at("archive/policy")["policy"].get<std::string>();
  EXPECT_THAT(policy, ::testing::HasSubstr("aws:SecureTransport"));
  EXPECT_THAT(policy, ::testing::HasSubstr("DeliveryWrites"));
  EXPECT_EQ(synth.resource_at("archive/lifecycle")["rule"][0]["transition"][0]["days"], 90);
}

TEST(DocsFoundation, Role) {
  App app;
  Stack stack(app, "orders");
  aws::SqsQueue queue(stack, "queue", {.name = "orders"});
  // [docs] Role
  constructs::Role role(stack, "role",
                        {.name = "orders-consumer",
                         .assumed_by = {"lambda.amazonaws.com"},
                         .statements = {{.actions = {"sqs:ReceiveMessage", "sqs:DeleteMessage"},
                                         .resources = {queue.arn()}}}});
  role.add_statement({.actions = {"logs:CreateLogStream", "logs:PutLogEvents"},
                      .resources = {"arn:aws:logs:*:*:log-group:/aws/lambda/orders-*"}});
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("role/role")["name"], "orders-consumer");
  EXPECT_THAT(synth.resource_at("role/role")["assume_role_policy"].get<std::string>(),
              ::testing::HasSubstr("lambda.amazonaws.com"));
  std::string policy = synth.resource_at("role/policy")["policy"].get<std::string>();
  EXPECT_THAT(policy, ::testing::HasSubstr("sqs:ReceiveMessage"));
  EXPECT_THAT(policy, ::testing::HasSubstr("logs:PutLogEvents"));
  EXPECT_EQ(role.statements().size(), 2u);
}

TEST(DocsFoundation, SecurityGroup) {
  App app;
  Stack stack(app, "orders");
  aws::Vpc vpc(stack, "vpc", {.cidr_block = "10.0.0.0/16"});
  // [docs] SecurityGroup
  constructs::SecurityGroup alb(stack, "alb-sg", {.name = "alb", .vpc_id = vpc.id()});
  constructs::SecurityGroup api(stack, "api-sg", {.name = "api", .vpc_id = vpc.id()});
  api.allow_from(alb, 8080, "ALB to the API");  // ingress here + egress on the ALB's group
  api.allow_to_cidr("10.0.0.0/16", 443, "AWS APIs through the endpoints");
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_security_group", 2));
  EXPECT_TRUE(json_contains(synth.resource_at("api-sg/ingress0"),
                            {{"from_port", 8080}, {"to_port", 8080}, {"ip_protocol", "tcp"}}));
  EXPECT_EQ(synth.resource_at("api-sg/ingress0")["referenced_security_group_id"],
            "${" + synth.address_at("alb-sg/group") + ".id}");
  EXPECT_TRUE(json_contains(synth.resource_at("api-sg/egress1"),
                            {{"cidr_ipv4", "10.0.0.0/16"}, {"from_port", 443}}));
  EXPECT_THAT(synth, HasResourceCount("aws_vpc_security_group_egress_rule", 2));
}

namespace {
// What the data constructs of the samples below are given.
struct DataFixture {
  App app;
  Stack stack{app, "edu"};
  std::string env = "dev";
  constructs::KmsKey logs_key{
      stack, "logs-key", {.alias = "edu-logs-dev", .service_principals = {"logs.amazonaws.com"}}};
  constructs::KmsKey rds_key{stack, "rds-key", {.alias = "edu-rds-dev"}};
  constructs::KmsKey cache_key{stack, "cache-key", {.alias = "edu-cache-dev"}};
  constructs::KmsKey trail_key{
      stack,
      "trail-key",
      {.alias = "edu-trail-dev", .service_principals = {"cloudtrail.amazonaws.com"}}};
};
}  // namespace

TEST(DocsNetworkAndData, NetworkAuroraAndRedis) {
  DataFixture f;
  Stack& stack = f.stack;
  const std::string& env = f.env;
  auto& logs_key = f.logs_key;
  auto& rds_key = f.rds_key;
  auto& cache_key = f.cache_key;
  // [docs] Network
  Network network(stack, "network",
                  {.name = "edu-" + env,
                   .region = "eu-west-2",
                   .availability_zones = {"eu-west-2a", "eu-west-2c"},
                   .flow_log_kms_key_arn = logs_key.arn()});
  // [docs] end
  SecurityGroup service_group(stack, "service-sg", {.name = "service", .vpc_id = network.vpc_id()});
  // [docs] AuroraPostgres
  AuroraPostgres db(stack, "aurora",
                    {.identifier = "edu-aurora-" + env,
                     .vpc_id = network.vpc_id(),
                     .subnet_ids = network.private_subnet_ids(),
                     .availability_zones = network.availability_zones(),
                     .kms_key_arn = rds_key.arn(),
                     .log_kms_key_arn = logs_key.arn()});
  db.security_group().allow_from(service_group, db.port(), "service to Aurora");
  // [docs] end
  // [docs] Redis
  Redis redis(stack, "redis",
              {.replication_group_id = "edu-redis-" + env,
               .engine_version = "7.0",
               .vpc_id = network.vpc_id(),
               .subnet_ids = network.private_subnet_ids(),
               .availability_zones = network.availability_zones(),
               .kms_key_arn = cache_key.arn(),
               .log_kms_key_arn = logs_key.arn()});
  redis.security_group().allow_from(service_group, redis.port(), "service to Redis");
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_EQ(network.private_subnet_ids().size(), 2u);
  EXPECT_THAT(synth, HasResourceWithProperties("aws_vpc", {{"cidr_block", "10.0.0.0/16"}}));
  EXPECT_THAT(synth, HasResourceCount("aws_rds_cluster_instance", 2));
  EXPECT_TRUE(
      json_contains(synth.resource_at("aurora/cluster"), {{"cluster_identifier", "edu-aurora-dev"},
                                                          {"engine", "aurora-postgresql"},
                                                          {"storage_encrypted", true},
                                                          {"deletion_protection", true},
                                                          {"port", 5432}}));
  EXPECT_TRUE(json_contains(synth.resource_at("redis/replication_group"),
                            {{"replication_group_id", "edu-redis-dev"}, {"engine_version", "7.0"}}))
      << synth.resource_at("redis/replication_group").dump(2);
  EXPECT_THAT(synth, HasResourceWithProperties(
                         "aws_vpc_security_group_ingress_rule",
                         {{"from_port", 5432}, {"description", "service to Aurora"}}));
  EXPECT_THAT(
      synth, HasResourceWithProperties("aws_vpc_security_group_ingress_rule",
                                       {{"from_port", 6379}, {"description", "service to Redis"}}));
}

TEST(DocsNetworkAndData, RotatingSecret) {
  DataFixture f;
  Stack& stack = f.stack;
  auto& key = f.rds_key;
  // [docs] RotatingSecret
  RotatingSecret secret(stack, "credentials",
                        {.name = "edu-dev/db", .kms_key_arn = key.arn(), .username = "app"});
  aws::RdsCluster cluster(stack, "cluster",
                          {.cluster_identifier = "edu-dev",
                           .engine = "aurora-postgresql",
                           .master_password_wo = secret.initial_password(),
                           .master_password_wo_version = 1,
                           .master_username = "app"});
  secret.rotate(RotationTarget::aurora_postgresql_cluster, cluster.cluster_identifier(),
                cluster.arn());
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("credentials/secret")["name"], "edu-dev/db")
      << synth.document().dump(2);
  EXPECT_EQ(synth.resource_at("cluster")["master_password_wo_version"], 1);
  EXPECT_THAT(synth.resource_at("cluster")["master_password_wo"].get<std::string>(),
              ::testing::StartsWith("${ephemeral."));
  EXPECT_THAT(synth, HasResource("aws_secretsmanager_secret_rotation"));
  EXPECT_THAT(synth, HasResource("aws_lambda_function"));
}

TEST(DocsNetworkAndData, AuditTrail) {
  DataFixture f;
  Stack& stack = f.stack;
  const std::string& env = f.env;
  auto& trail_key = f.trail_key;
  // [docs] AuditTrail
  AuditTrail audit(stack, "audit",
                   {.name = "edu-trail-" + env,
                    .bucket_name = "edu-trail-" + env,
                    .kms_key_arn = trail_key.arn()});
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_cloudtrail", 1));
  EXPECT_TRUE(
      json_contains(synth.resource_at("audit/trail"), {{"name", "edu-trail-dev"},
                                                       {"is_multi_region_trail", true},
                                                       {"include_global_service_events", true}}))
      << synth.document()["resource"]["aws_cloudtrail"].dump(2);
  EXPECT_THAT(synth, HasResourceWithProperties("aws_s3_bucket", {{"bucket", "edu-trail-dev"}}));
}
