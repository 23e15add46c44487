// The generated AWS bindings: typed configs synthesize the expected JSON, attribute accessors
// render references, nested blocks honour their nesting mode.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "edustack/aws/api_gateway_rest_api.hpp"
#include "edustack/aws/data/availability_zones.hpp"
#include "edustack/aws/data/caller_identity.hpp"
#include "edustack/aws/data/iam_policy_document.hpp"
#include "edustack/aws/data/region.hpp"
#include "edustack/aws/db_subnet_group.hpp"
#include "edustack/aws/iam_role.hpp"
#include "edustack/aws/lb_listener.hpp"
#include "edustack/aws/lb_target_group.hpp"
#include "edustack/aws/route.hpp"
#include "edustack/aws/s3_bucket.hpp"
#include "edustack/aws/s3_bucket_lifecycle_configuration.hpp"
#include "edustack/aws/s3_bucket_server_side_encryption_configuration.hpp"
#include "edustack/aws/secretsmanager_secret_rotation.hpp"
#include "edustack/aws/security_group.hpp"
#include "edustack/aws/subnet.hpp"
#include "edustack/aws/vpc.hpp"
#include "edustack/aws/vpc_endpoint.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"
#include "synth_one_stack.hpp"

namespace {

using namespace edustack;
using nlohmann::json;

class GeneratedTypes : public ::testing::Test {
 protected:
  App app;
  Stack stack{app, "test"};
};

TEST_F(GeneratedTypes, TypedConfigSynthesizesOnlyTheArgumentsThatAreSet) {
  aws::Vpc vpc(stack, "main",
               {.cidr_block = "10.0.0.0/16",
                .enable_dns_hostnames = true,
                .ipv4_netmask_length = 16,
                .tags = {{"Name", "main"}}});
  const json doc = aws_tests::synth_one_stack(app);
  EXPECT_EQ(doc["resource"]["aws_vpc"]["main"], json::parse(R"({
    "cidr_block": "10.0.0.0/16",
    "enable_dns_hostnames": true,
    "ipv4_netmask_length": 16,
    "tags": {"Name": "main"}
  })"));
}

TEST_F(GeneratedTypes, TypeNameAndConfigAccess) {
  aws::Vpc vpc(stack, "main", {.cidr_block = "10.0.0.0/16"});
  EXPECT_STREQ(aws::Vpc::terraform_type, "aws_vpc");
  const ResourceBase& base = vpc;
  EXPECT_EQ(base.terraform_type(), "aws_vpc");
  EXPECT_EQ(base.address(), "aws_vpc.main");
  vpc.config().instance_tenancy = "default";
  EXPECT_EQ(aws_tests::synth_one_stack(app)["resource"]["aws_vpc"]["main"]["instance_tenancy"],
            "default");
}

TEST_F(GeneratedTypes, AttributeAccessorsRenderReferences) {
  aws::Vpc vpc(stack, "main", {.cidr_block = "10.0.0.0/16"});
  aws::Subnet subnet(stack, "a", {.cidr_block = "10.0.1.0/24", .vpc_id = vpc.id()});
  aws::DbSubnetGroup group(stack, "db", {.name = "db", .subnet_ids = {subnet.id()}});
  aws::LbTargetGroup target(stack, "tg", {.port = 8080, .protocol = "HTTP", .vpc_id = vpc.id()});
  aws::Route route(
      stack, "r",
      {.destination_cidr_block = vpc.cidr_block(), .route_table_id = vpc.main_route_table_id()});

  const json doc = aws_tests::synth_one_stack(app);
  const json& resources = doc["resource"];
  EXPECT_EQ(resources["aws_subnet"]["a"]["vpc_id"], "${aws_vpc.main.id}");
  EXPECT_EQ(resources["aws_db_subnet_group"]["db"]["subnet_ids"],
            json::parse(R"(["${aws_subnet.a.id}"])"));
  EXPECT_EQ(resources["aws_lb_target_group"]["tg"]["port"], 8080);
  EXPECT_EQ(resources["aws_route"]["r"]["destination_cidr_block"], "${aws_vpc.main.cidr_block}");
  EXPECT_EQ(resources["aws_route"]["r"]["route_table_id"], "${aws_vpc.main.main_route_table_id}");

  // Accessors are typed: a number attribute is a NumberExpr, a map one a MapExpr.
  static_assert(std::is_same_v<decltype(target.port()), NumberExpr>);
  static_assert(std::is_same_v<decltype(vpc.tags_all()), MapExpr<std::string>>);
  static_assert(std::is_same_v<decltype(vpc.enable_dns_support()), BoolExpr>);
  static_assert(std::is_same_v<decltype(group.subnet_ids()), ListExpr<std::string>>);
  EXPECT_EQ(vpc.arn().to_string(), "${aws_vpc.main.arn}");
}

TEST_F(GeneratedTypes, AccessorsThatClashWithInheritedMembersGetAnUnderscore) {
  aws::ApiGatewayRestApi api(stack, "api", {.body = "{}", .name = "api"});
  EXPECT_EQ(api.body_().to_string(), "${aws_api_gateway_rest_api.api.body}");
  EXPECT_TRUE(api.body().is_object());  // ResourceBase::body() is still reachable
  EXPECT_EQ(aws_tests::synth_one_stack(app)["resource"]["aws_api_gateway_rest_api"]["api"]["body"],
            "{}");
}

TEST_F(GeneratedTypes, OptionalSingleBlocksAndListBlocksWithOneItem) {
  aws::VpcEndpoint endpoint(
      stack, "s3",
      {.dns_options = aws::VpcEndpointDnsOptions{.dns_record_ip_type = "ipv4"},
       .service_name = "com.amazonaws.eu-west-2.s3",
       .timeouts = {{.create = "5m", .delete_ = "10m"}},
       .vpc_id = "vpc-1"});
  aws::VpcEndpoint bare(stack, "bare", {.service_name = "x", .vpc_id = "vpc-1"});
  const json doc = aws_tests::synth_one_stack(app);
  const json& body = doc["resource"]["aws_vpc_endpoint"]["s3"];
  // nesting single: an object; nesting list with max_items 1: a list of one object.
  EXPECT_EQ(body["timeouts"], json::parse(R"({"create": "5m", "delete": "10m"})"));
  EXPECT_EQ(body["dns_options"], json::parse(R"([{"dns_record_ip_type": "ipv4"}])"));
  const json& bare_body = doc["resource"]["aws_vpc_endpoint"]["bare"];
  EXPECT_FALSE(bare_body.contains("timeouts"));
  EXPECT_FALSE(bare_body.contains("dns_options"));
}

TEST_F(GeneratedTypes, NestedListBlocksAndKeywordFields) {
  aws::S3Bucket bucket(stack, "logs", {.bucket = "logs"});
  aws::S3BucketLifecycleConfiguration lifecycle(
      stack, "lifecycle",
      {.bucket = bucket.id(),
       .rule = {{.expiration = {{.days = 30}},
                 .filter = {{.and_ = {{.prefix = "tmp/", .tags = {{"k", "v"}}}}}},
                 .id = "expire",
                 .status = "Enabled",
                 .transition = {{.days = 7, .storage_class = "STANDARD_IA"},
                                {.days = 14, .storage_class = "GLACIER"}}},
                {.id = "empty", .status = "Disabled"}}});
  const json doc = aws_tests::synth_one_stack(app);
  EXPECT_EQ(doc["resource"]["aws_s3_bucket_lifecycle_configuration"]["lifecycle"], json::parse(R"({
    "bucket": "${aws_s3_bucket.logs.id}",
    "rule": [
      {
        "expiration": [{"days": 30}],
        "filter": [{"and": [{"prefix": "tmp/", "tags": {"k": "v"}}]}],
        "id": "expire",
        "status": "Enabled",
        "transition": [
          {"days": 7, "storage_class": "STANDARD_IA"},
          {"days": 14, "storage_class": "GLACIER"}
        ]
      },
      {"id": "empty", "status": "Disabled"}
    ]
  })"));
}

TEST_F(GeneratedTypes, RequiredBlocks) {
  // A required list block (min_items 1) is core::Required<core::BlockList<Block>>.
  aws::LbTargetGroup target(stack, "tg", {.port = 80, .protocol = "HTTP", .vpc_id = "vpc-1"});
  aws::LbListener listener(
      stack, "http",
      {.default_action = {{.target_group_arn = target.arn(), .type = "forward"}},
       .load_balancer_arn = "arn:lb",
       .port = 80});
  // A required block with max_items 1 is core::Required<Block>.
  aws::SecretsmanagerSecretRotation rotation(
      stack, "rotation",
      {.rotation_lambda_arn = "arn:lambda",
       .rotation_rules =
           aws::SecretsmanagerSecretRotationRotationRules{.automatically_after_days = 30},
       .secret_id = "secret"});
  // A required set block with several items.
  aws::S3BucketServerSideEncryptionConfiguration sse(
      stack, "sse",
      {.bucket = "logs",
       .rule = {
           {.apply_server_side_encryption_by_default =
                aws::
                    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault{
                        .sse_algorithm = "aws:kms"},
            .bucket_key_enabled = true}}});

  const json doc = aws_tests::synth_one_stack(app);
  const json& resources = doc["resource"];
  EXPECT_EQ(
      resources["aws_lb_listener"]["http"]["default_action"],
      json::parse(R"([{"target_group_arn": "${aws_lb_target_group.tg.arn}", "type": "forward"}])"));
  EXPECT_EQ(resources["aws_secretsmanager_secret_rotation"]["rotation"]["rotation_rules"],
            json::parse(R"([{"automatically_after_days": 30}])"));
  EXPECT_EQ(
      resources["aws_s3_bucket_server_side_encryption_configuration"]["sse"]["rule"],
      json::parse(R"([{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}],
                             "bucket_key_enabled": true}])"));
}

TEST_F(GeneratedTypes, ObjectAttributesAreTypedStructs) {
  // set(object({...})): a struct per object; every member is written, an unset one as null
  // (Terraform requires every attribute of a plain object type).
  aws::SecurityGroup group(
      stack, "web",
      {.egress = core::ObjectList<aws::SecurityGroupEgress>::none(),
       .ingress =
           {{.cidr_blocks = {"10.0.0.0/8"}, .from_port = 443, .protocol = "tcp", .to_port = 443}},
       .vpc_id = "vpc-1"});
  aws::SecurityGroup unset(stack, "unset", {.vpc_id = "vpc-1"});
  json resources = aws_tests::synth_one_stack(app)["resource"]["aws_security_group"];
  EXPECT_EQ(resources["web"]["ingress"], json::parse(R"([{"cidr_blocks": ["10.0.0.0/8"],
      "description": null, "from_port": 443, "ipv6_cidr_blocks": null, "prefix_list_ids": null,
      "protocol": "tcp", "security_groups": null, "self": null, "to_port": 443}])"));
  EXPECT_EQ(resources["web"]["egress"], json::array());  // an explicit empty list stays []
  EXPECT_FALSE(resources["unset"].contains("ingress"));  // unset: not written
  EXPECT_FALSE(resources["unset"].contains("egress"));
  static_assert(std::is_same_v<decltype(group.config().ingress),
                               core::ObjectList<aws::SecurityGroupIngress>>);
  static_assert(std::is_same_v<decltype(aws::SecurityGroupIngress{}.from_port), core::Number>);
  static_assert(std::is_same_v<decltype(group.ingress()), Expression>);  // accessors unchanged
}

TEST_F(GeneratedTypes, TagsArgumentIsTheTagsMapOfTaggableTypes) {
  aws::Vpc vpc(stack, "main", {.cidr_block = "10.0.0.0/16", .tags = {{"Name", "main"}}});
  aws::Route route(stack, "r", {.route_table_id = "rtb-1"});
  ResourceBase& taggable = vpc;
  ResourceBase& untaggable = route;
  ASSERT_NE(taggable.tags_argument(), nullptr);
  EXPECT_EQ(taggable.tags_argument(), &vpc.config().tags);
  EXPECT_EQ(untaggable.tags_argument(), nullptr);
  taggable.tags_argument()->merge_defaults({{"Name", "ignored"}, {"owner", "platform"}});
  EXPECT_EQ(aws_tests::synth_one_stack(app)["resource"]["aws_vpc"]["main"]["tags"],
            json::parse(R"({"Name": "main", "owner": "platform"})"));
}

TEST_F(GeneratedTypes, MetaArgumentsStillApply) {
  aws::Vpc vpc(stack, "main", {.cidr_block = "10.0.0.0/16"});
  aws::Subnet subnet(stack, "a", {.vpc_id = vpc.id()}, {.depends_on = {vpc}, .count = 2});
  const json body = aws_tests::synth_one_stack(app)["resource"]["aws_subnet"]["a"];
  EXPECT_EQ(body["count"], 2);
  EXPECT_EQ(body["depends_on"], json::parse(R"(["aws_vpc.main"])"));
}

TEST_F(GeneratedTypes, DataSourcesRenderUnderData) {
  aws::data::Region region(stack, "current");
  aws::data::CallerIdentity me(stack, "me");
  aws::data::AvailabilityZones zones(stack, "zones", {.state = "available"});
  aws::data::IamPolicyDocument policy(
      stack, "assume",
      {.statement = {
           {.actions = {"sts:AssumeRole"},
            .principals = {{.identifiers = {"ecs-tasks.amazonaws.com"}, .type = "Service"}}}}});
  aws::IamRole role(stack, "role", {.assume_role_policy = policy.json(), .name = "role"});
  aws::Subnet subnet(stack, "a", {.availability_zone = zones.names()[0], .vpc_id = "vpc-1"});

  EXPECT_STREQ(aws::data::Region::terraform_type, "aws_region");
  EXPECT_EQ(region.address(), "data.aws_region.current");
  EXPECT_EQ(region.region().to_string(), "${data.aws_region.current.region}");
  EXPECT_EQ(me.account_id().to_string(), "${data.aws_caller_identity.me.account_id}");

  const json doc = aws_tests::synth_one_stack(app);
  EXPECT_EQ(doc["data"]["aws_region"]["current"], json::object());
  EXPECT_EQ(doc["data"]["aws_availability_zones"]["zones"],
            json::parse(R"({"state": "available"})"));
  EXPECT_EQ(doc["data"]["aws_iam_policy_document"]["assume"], json::parse(R"({
    "statement": [{
      "actions": ["sts:AssumeRole"],
      "principals": [{"identifiers": ["ecs-tasks.amazonaws.com"], "type": "Service"}]
    }]
  })"));
  EXPECT_EQ(doc["resource"]["aws_iam_role"]["role"]["assume_role_policy"],
            "${data.aws_iam_policy_document.assume.json}");
  EXPECT_EQ(doc["resource"]["aws_subnet"]["a"]["availability_zone"],
            "${data.aws_availability_zones.zones.names[0]}");
  EXPECT_FALSE(doc.contains("resource") && doc["resource"].contains("aws_region"));
}

}  // namespace
