// A stack built only from the generated AWS bindings synthesizes JSON the validator accepts:
// the generator and the validator agree on the schema. Escape hatches are validated too.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/cloudwatch_log_group.hpp>
#include <edustack/aws/data/availability_zones.hpp>
#include <edustack/aws/data/caller_identity.hpp>
#include <edustack/aws/data/iam_policy_document.hpp>
#include <edustack/aws/data/region.hpp>
#include <edustack/aws/iam_role.hpp>
#include <edustack/aws/kms_alias.hpp>
#include <edustack/aws/kms_key.hpp>
#include <edustack/aws/lb_listener.hpp>
#include <edustack/aws/lb_target_group.hpp>
#include <edustack/aws/provider.hpp>
#include <edustack/aws/s3_bucket.hpp>
#include <edustack/aws/s3_bucket_lifecycle_configuration.hpp>
#include <edustack/aws/s3_bucket_public_access_block.hpp>
#include <edustack/aws/s3_bucket_server_side_encryption_configuration.hpp>
#include <edustack/aws/s3_bucket_versioning.hpp>
#include <edustack/aws/security_group.hpp>
#include <edustack/aws/subnet.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/aws/vpc_security_group_ingress_rule.hpp>
#include <edustack/core/app.hpp>
#include <edustack/core/stack.hpp>
#include <edustack/schema/validator.hpp>
#include <string>
#include <vector>

#include "schema_fixture.hpp"

using namespace edustack;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

std::vector<std::string> finding_lines(const std::vector<schema::Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& finding : findings) out.push_back(finding.to_string());
  return out;
}

// A network, storage and load-balancing stack in the shape of the assessment platform.
struct Platform {
  App app;
  Stack stack{app, "platform"};
  aws::Provider provider{stack, "aws", {.region = "eu-west-2"}};
  aws::Provider east{stack, "east", {.alias = "east", .region = "us-east-1"}};
  aws::data::Region region{stack, "region"};
  aws::data::CallerIdentity me{stack, "me"};
  aws::data::AvailabilityZones zones{stack, "zones", {.state = "available"}};
  aws::Vpc vpc{stack,
               "vpc",
               {.cidr_block = "10.0.0.0/16",
                .enable_dns_hostnames = true,
                .enable_dns_support = true,
                .tags = {{"Name", "platform"}}}};
  aws::Subnet subnet_a{
      stack,
      "subneta",
      {.availability_zone = zones.names()[0], .cidr_block = "10.0.1.0/24", .vpc_id = vpc.id()}};
  aws::Subnet subnet_b{
      stack,
      "subnetb",
      {.availability_zone = zones.names()[1], .cidr_block = "10.0.2.0/24", .vpc_id = vpc.id()}};
  aws::SecurityGroup web{stack, "web", {.description = "web", .name = "web", .vpc_id = vpc.id()}};
  aws::VpcSecurityGroupIngressRule https{stack,
                                         "https",
                                         {.cidr_ipv4 = "0.0.0.0/0",
                                          .from_port = 443,
                                          .ip_protocol = "tcp",
                                          .security_group_id = web.id(),
                                          .to_port = 443}};
  aws::KmsKey key{stack, "key", {.deletion_window_in_days = 7, .enable_key_rotation = true}};
  aws::KmsAlias alias{stack, "alias", {.name = "alias/platform", .target_key_id = key.key_id()}};
  aws::S3Bucket logs{stack, "logs", {.bucket = "platform-logs", .force_destroy = false}};
  aws::S3BucketVersioning versioning{
      stack,
      "versioning",
      {.bucket = logs.id(),
       .versioning_configuration =
           aws::S3BucketVersioningVersioningConfiguration{.status = "Enabled"}}};
  aws::S3BucketPublicAccessBlock public_access{stack,
                                               "publicaccess",
                                               {.block_public_acls = true,
                                                .block_public_policy = true,
                                                .bucket = logs.id(),
                                                .ignore_public_acls = true,
                                                .restrict_public_buckets = true}};
  aws::S3BucketServerSideEncryptionConfiguration sse{
      stack,
      "sse",
      {.bucket = logs.id(),
       .rule = {
           {.apply_server_side_encryption_by_default =
                aws::
                    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault{
                        .kms_master_key_id = key.arn(), .sse_algorithm = "aws:kms"},
            .bucket_key_enabled = true}}}};
  aws::S3BucketLifecycleConfiguration lifecycle{
      stack,
      "lifecycle",
      {.bucket = logs.id(),
       .rule = {{.expiration = {{.days = 365}},
                 .filter = {{.prefix = "logs/"}},
                 .id = "expire",
                 .status = "Enabled",
                 .transition = {{.days = 30, .storage_class = "STANDARD_IA"}}}}}};
  aws::data::IamPolicyDocument assume{
      stack,
      "assume",
      {.statement = {
           {.actions = {"sts:AssumeRole"},
            .principals = {{.identifiers = {"ecs-tasks.amazonaws.com"}, .type = "Service"}}}}}};
  aws::IamRole role{stack, "role", {.assume_role_policy = assume.json(), .name = "task"}};
  aws::CloudwatchLogGroup log_group{
      stack,
      "loggroup",
      {.kms_key_id = key.arn(), .name = "/platform/api", .retention_in_days = 30}};
  aws::LbTargetGroup target{
      stack, "target", {.port = 8080, .protocol = "HTTP", .vpc_id = vpc.id()}};
  aws::LbListener listener{
      stack,
      "listener",
      {.default_action = {{.target_group_arn = target.arn(), .type = "forward"}},
       .load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:"
                            "123456789012:loadbalancer/app/platform/1",
       .port = 80,
       .protocol = "HTTP"}};

  Platform() { log_group.set_provider(east); }
};

class GeneratedStackValidation : public ::testing::Test {
 protected:
  void SetUp() override { EDUSTACK_REQUIRE_AWS_SCHEMA(); }
};

}  // namespace

TEST_F(GeneratedStackValidation, StackOfGeneratedTypesHasNoFindings) {
  Platform platform;
  EXPECT_THAT(finding_lines(schema::validate(*aws_schema(), platform.app)), IsEmpty());
}

TEST_F(GeneratedStackValidation, OverridesAreValidatedToo) {
  Platform platform;
  platform.vpc.add_override("cidr_blok", "10.1.0.0/16");
  platform.subnet_a.add_override("map_public_ip_on_launch", "yes");
  EXPECT_THAT(finding_lines(schema::validate(*aws_schema(), platform.app)),
              ElementsAre(R"([app/platform/subneta] aws_subnet.subneta: argument )"
                          R"("map_public_ip_on_launch": wrong type: expected bool, got string )"
                          R"("yes" (stack "platform"))",
                          R"([app/platform/vpc] aws_vpc.vpc: argument "cidr_blok": unknown )"
                          R"(argument; did you mean "cidr_block"? (stack "platform"))"));
}
