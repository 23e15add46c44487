#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/iam_role_policy.hpp>
#include <edustack/aws/s3_bucket_policy.hpp>
#include <edustack/constructs/checks.hpp>
#include <edustack/constructs/encrypted_bucket.hpp>
#include <edustack/constructs/iam.hpp>
#include <edustack/constructs/kms_key.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {}  // namespace

TEST(Checks, NamesFollowAwsRules) {
  App app;
  Stack stack(app, "s");
  Construct c(stack, "alb");
  check_name(c, "name", "edu-alb-dev", kLoadBalancerName);
  EXPECT_EQ(config_error([&] { check_name(c, "name", std::string(33, 'a'), kLoadBalancerName); }),
            "[app/s/alb] name: \"" + std::string(33, 'a') +
                "\" is 33 characters; a load balancer name has 1 to 32");
  EXPECT_EQ(config_error([&] { check_name(c, "name", "edu_alb", kLoadBalancerName); }),
            "[app/s/alb] name: \"edu_alb\" contains '_'; a load balancer name allows letters, "
            "digits and \"-\"");
  EXPECT_THAT(config_error([&] { check_name(c, "name", "-edu", kLoadBalancerName); }),
              HasSubstr("must start and end with a letter or digit"));
  EXPECT_THAT(config_error([&] { check_name(c, "bucket", "Edu-Bucket", kS3BucketName); }),
              HasSubstr("contains 'E'; a S3 bucket name allows lowercase letters"));
  EXPECT_THAT(config_error([&] { check_name(c, "id", "1cluster", kRdsClusterIdentifier); }),
              HasSubstr("must start with a letter"));
}

TEST(Checks, LogRetentionRangeAndZones) {
  App app;
  Stack stack(app, "s");
  Construct c(stack, "logs");
  check_log_retention(c, "retention_in_days", 90);
  EXPECT_THAT(config_error([&] { check_log_retention(c, "retention_in_days", 45); }),
              HasSubstr("[app/s/logs] retention_in_days: 45 is not a CloudWatch Logs retention "
                        "period (1, 3, 5, 7"));
  check_range(c, "min_capacity", 0.5, 0.5, 256, 0.5);
  EXPECT_EQ(config_error([&] { check_range(c, "max_capacity", 300, 0.5, 256, 0.5); }),
            "[app/s/logs] max_capacity: 300 is outside 0.5 to 256");
  EXPECT_EQ(config_error([&] { check_range(c, "min_capacity", 0.7, 0.5, 256, 0.5); }),
            "[app/s/logs] min_capacity: 0.7 is not a multiple of 0.5");
  check_availability_zone(c, "zone", "eu-west-2a", "eu-west-2");
  EXPECT_EQ(config_error([&] { check_availability_zone(c, "zone", "us-east-1a", "eu-west-2"); }),
            "[app/s/logs] zone: \"us-east-1a\" is not an availability zone of eu-west-2");
}

TEST(Checks, Cidr) {
  auto vpc = Cidr::parse("10.0.0.0/16");
  ASSERT_TRUE(vpc);
  EXPECT_EQ(vpc->subnet(8, 3).to_string(), "10.0.3.0/24");
  EXPECT_TRUE(vpc->contains(*Cidr::parse("10.0.200.0/24")));
  EXPECT_FALSE(vpc->contains(*Cidr::parse("10.1.0.0/24")));
  EXPECT_TRUE(Cidr::parse("10.0.0.0/23")->overlaps(*Cidr::parse("10.0.1.0/24")));
  EXPECT_FALSE(Cidr::parse("10.0.0.0/24")->overlaps(*Cidr::parse("10.0.1.0/24")));
  EXPECT_FALSE(Cidr::parse("10.0.0.1/16"));  // host bits set
  EXPECT_FALSE(Cidr::parse("10.0.0/16"));
  EXPECT_FALSE(Cidr::parse("300.0.0.0/8"));
  EXPECT_FALSE(Cidr::parse("10.0.0.0/33"));
}

TEST(Role, TrustPolicyInlineStatementsAndAttachments) {
  App app;
  Stack stack(app, "s");
  Role role(stack, "task",
            {.name = "edu-task-dev",
             .assumed_by = {"ecs-tasks.amazonaws.com"},
             .statements = {{.actions = {"s3:PutObject"}, .resources = {"arn:aws:s3:::b/*"}}},
             .managed_policy_arns = {"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"}});
  role.add_statement({.actions = {"kms:Decrypt"}, .resources = {"arn:aws:kms:k"}});
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("task/role")["name"], "edu-task-dev");
  EXPECT_EQ(synth.resource_at("task/role")["assume_role_policy"],
            "${jsonencode({\"Statement\" = [{\"Action\" = [\"sts:AssumeRole\"], \"Effect\" = "
            "\"Allow\", \"Principal\" = {\"Service\" = [\"ecs-tasks.amazonaws.com\"]}}], "
            "\"Version\" = \"2012-10-17\"})}");
  std::string policy = synth.resource_at("task/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("\"s3:PutObject\""));
  EXPECT_THAT(policy, HasSubstr("\"kms:Decrypt\""));
  EXPECT_EQ(synth.resource_at("task/policy")["role"],
            "${" + synth.address_at("task/role") + ".id}");
  EXPECT_EQ(synth.resource_at("task/managed0")["policy_arn"],
            "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess");
}

// The parts other constructs wait for are typed accessors, not children looked up by id.
TEST(Role, PolicyIsATypedPartOnceThereIsAStatement) {
  App app;
  Stack stack(app, "s");
  Role role(stack, "task", {.name = "edu-task-dev", .assumed_by = {"ecs-tasks.amazonaws.com"}});
  EXPECT_EQ(role.policy(), nullptr);
  role.add_statement({.actions = {"kms:Decrypt"}, .resources = {"arn:aws:kms:k"}});
  ASSERT_NE(role.policy(), nullptr);
  EXPECT_EQ(role.policy()->node().path(), "app/s/task/policy");
  EncryptedBucket bucket(stack, "logs", {.name = "edu-logs-dev", .kms_key_arn = "arn:aws:kms:k"});
  EXPECT_EQ(bucket.policy().node().path(), "app/s/logs/policy");
}

TEST(Role, RejectsFullWildcardUnlessAllowed) {
  App app;
  Stack stack(app, "s");
  EXPECT_EQ(config_error([&] {
              Role r(stack, "admin",
                     {.name = "admin",
                      .assumed_by = {"ec2.amazonaws.com"},
                      .statements = {{.actions = {"*"}, .resources = {"*"}}}});
            }),
            "[app/s/admin] statements[0]: Action \"*\" on Resource \"*\" grants everything; name "
            "the actions and resources, or set allow_full_wildcard if this is really intended");
  Role allowed(stack, "breakglass",
               {.name = "breakglass",
                .assumed_by = {"ec2.amazonaws.com"},
                .statements = {{.actions = {"*"}, .resources = {"*"}}},
                .allow_full_wildcard = true});
  EXPECT_THAT(config_error([&] { Role r(stack, "nobody", {.name = "nobody"}); }),
              HasSubstr("[app/s/nobody] assumed_by: a role needs at least one service"));
  EXPECT_THAT(config_error([&] {
                Role r(stack, "bad", {.name = "bad name", .assumed_by = {"x.amazonaws.com"}});
              }),
              HasSubstr("[app/s/bad] name: \"bad name\" contains ' '"));
}

TEST(KmsKey, RotationAliasAndPolicyWithoutStarPrincipal) {
  App app;
  Stack stack(app, "s");
  KmsKey key(stack, "data", {.alias = "edu-data-dev", .service_principals = {"rds.amazonaws.com"}});
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("data/key");
  EXPECT_EQ(body["enable_key_rotation"], true);
  EXPECT_EQ(body["deletion_window_in_days"], 30);
  std::string policy = body["policy"];
  EXPECT_THAT(policy,
              HasSubstr(":iam::${data.aws_caller_identity.caller_identity.account_id}:root"));
  EXPECT_THAT(policy, HasSubstr("\"Service\" = [\"rds.amazonaws.com\"]"));
  EXPECT_THAT(policy, Not(HasSubstr("\"AWS\" = \"*\"")));
  EXPECT_EQ(synth.resource_at("data/alias")["name"], "alias/edu-data-dev");
  EXPECT_EQ(synth.resource_at("data/alias")["target_key_id"],
            "${" + synth.address_at("data/key") + ".key_id}");
  EXPECT_THAT(
      config_error([&] { KmsKey k(stack, "bad", {.alias = "x", .deletion_window_in_days = 3}); }),
      HasSubstr("[app/s/bad] deletion_window_in_days: 3 is outside 7 to 30"));
  EXPECT_THAT(config_error([&] { KmsKey k(stack, "aws", {.alias = "aws/s3"}); }),
              HasSubstr("reserved for AWS managed keys"));
}

TEST(EncryptedBucket, SseKmsVersioningPublicAccessBlockTlsOnlyLifecycle) {
  App app;
  Stack stack(app, "s");
  KmsKey key(stack, "key", {.alias = "edu-s3"});
  EncryptedBucket bucket(
      stack, "analytics",
      {.name = "edu-analytics-dev",
       .kms_key_arn = key.arn(),
       .lifecycle = {{.id = "archive", .transition_to_glacier_days = 90, .expire_days = 2555}}});
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("analytics/bucket")["bucket"], "edu-analytics-dev");
  EXPECT_EQ(synth.resource_at("analytics/encryption")["rule"][0],
            json::parse(R"({"apply_server_side_encryption_by_default": [{"kms_master_key_id":
              "${)" + synth.address_at("key/key") +
                        R"(.arn}", "sse_algorithm": "aws:kms"}],
              "bucket_key_enabled": true})"));
  EXPECT_EQ(synth.resource_at("analytics/versioning")["versioning_configuration"][0]["status"],
            "Enabled");
  EXPECT_THAT(synth, HasResourceWithProperties("aws_s3_bucket_public_access_block",
                                               {{"block_public_acls", true},
                                                {"block_public_policy", true},
                                                {"ignore_public_acls", true},
                                                {"restrict_public_buckets", true}}));
  std::string policy = synth.resource_at("analytics/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("\"aws:SecureTransport\" = \"false\""));
  EXPECT_THAT(policy, HasSubstr("\"Effect\" = \"Deny\""));
  const json& rule = synth.resource_at("analytics/lifecycle")["rule"][0];
  EXPECT_EQ(rule["transition"][0]["days"], 90);
  EXPECT_EQ(rule["expiration"][0]["days"], 2555);
  EXPECT_THAT(config_error([&] {
                EncryptedBucket b(stack, "bad", {.name = "Bad_Name", .kms_key_arn = key.arn()});
              }),
              HasSubstr("[app/s/bad] name: \"Bad_Name\" contains 'B'"));
}

TEST(EncryptedBucket, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  try {
    EncryptedBucket b(
        stack, "bad",
        {.name = "edu..analytics",
         .kms_key_arn = "arn:aws:kms:eu-west-2:111122223333:key/s3",
         .lifecycle = {{.id = "", .transition_to_glacier_days = 90, .expire_days = 30}}});
    ADD_FAILURE() << "a config with three problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/bad");
    EXPECT_EQ(error.field(), "name");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/bad] name: \"edu..analytics\" has two adjacent periods\n"
              "[app/s/bad] lifecycle[0].id: a rule needs an id\n"
              "[app/s/bad] lifecycle[0].expire_days: objects would expire before they move to "
              "Glacier");
  }
  // Nothing was created: no bucket, encryption, public access block or policy.
  EXPECT_EQ(stack.node().children().size(), 0u);
}

TEST(KmsKey, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  try {
    KmsKey k(stack, "bad",
             {.alias = "aws/s3", .deletion_window_in_days = 3, .rotation_period_in_days = 30});
    ADD_FAILURE() << "a config with three problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/bad");
    EXPECT_EQ(error.field(), "alias");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/bad] alias: \"alias/aws/\" is reserved for AWS managed keys\n"
              "[app/s/bad] deletion_window_in_days: 3 is outside 7 to 30\n"
              "[app/s/bad] rotation_period_in_days: 30 is outside 90 to 2560");
  }
  // Nothing was created: no key and no alias.
  EXPECT_EQ(stack.node().children().size(), 0u);
}

TEST(Role, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  try {
    Role r(stack, "bad",
           {.name = "bad name",
            .statements = {{.effect = "Permit", .actions = {"s3:GetObject"}, .resources = {"*"}},
                           {.actions = {"*"}, .resources = {"*"}}}});
    ADD_FAILURE() << "a config with four problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/bad");
    EXPECT_EQ(error.field(), "assumed_by");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/bad] assumed_by: a role needs at least one service that assumes it\n"
              "[app/s/bad] name: \"bad name\" contains ' '; a IAM role name allows letters, digits "
              "and \"+=,.@-_\"\n"
              "[app/s/bad] statements[0].effect: \"Permit\" is neither Allow nor Deny\n"
              "[app/s/bad] statements[1]: Action \"*\" on Resource \"*\" grants everything; name "
              "the actions and resources, or set allow_full_wildcard if this is really intended");
  }
  // Nothing was created: no role, policy or attachment.
  EXPECT_EQ(stack.node().children().size(), 0u);
}
