#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/edustack.hpp>
#include <edustack/schema/validator.hpp>
#include <set>
#include <string>
#include <vector>

#include "schema_fixture.hpp"

using namespace edustack;
using namespace edustack::schema;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace {

std::vector<Finding> check(std::string_view json) {
  return validate(*aws_schema(), StackArtifact{.name = "stack", .json = std::string(json)});
}

std::vector<std::string> lines(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& finding : findings) out.push_back(finding.to_string());
  return out;
}

std::vector<std::string> check_lines(std::string_view json) { return lines(check(json)); }

// A realistic configuration that uses every construct the validator looks at, written the way
// Terraform accepts it.
constexpr const char* kClean = R"json({
  "terraform": {
    "required_providers": {"aws": {"source": "hashicorp/aws", "version": "~> 6.0"}},
    "required_version": ">= 1.10"
  },
  "provider": {"aws": [{"region": "eu-west-2"}, {"alias": "east", "region": "us-east-1"}]},
  "variable": {"env": {"type": "string", "default": "dev"}},
  "locals": {"name": "edu-${var.env}", "azs": "${slice(data.aws_availability_zones.available.names, 0, 2)}"},
  "data": {
    "aws_region": {"current": {}},
    "aws_caller_identity": {"me": {}},
    "aws_availability_zones": {"available": {"state": "available"}},
    "aws_iam_policy_document": {"assume": {
      "statement": [{"actions": ["sts:AssumeRole"], "effect": "Allow",
                     "principals": [{"type": "Service", "identifiers": ["ecs-tasks.amazonaws.com"]}]}]}}
  },
  "resource": {
    "aws_vpc": {"main": {
      "cidr_block": "10.0.0.0/16", "enable_dns_hostnames": true, "enable_dns_support": "true",
      "tags": {"Name": "${local.name}", "Cost Center": 1234},
      "//": {"metadata": {"path": "app/stack/network/vpc"}}}},
    "aws_subnet": {"private": {
      "count": 2,
      "vpc_id": "${aws_vpc.main.id}",
      "cidr_block": "${cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)}",
      "availability_zone": "${local.azs[count.index]}",
      "map_public_ip_on_launch": false,
      "ipv6_native": "0",
      "depends_on": ["aws_vpc.main"],
      "provider": "aws.east",
      "lifecycle": {"create_before_destroy": true, "ignore_changes": ["tags", "not_an_argument"],
                    "replace_triggered_by": ["aws_vpc.main.id"]},
      "timeouts": {"create": "10m"}}},
    "aws_security_group": {"web": {
      "name": "web", "vpc_id": "${aws_vpc.main.id}", "timeouts": null,
      "ingress": [{"from_port": 443, "to_port": "443", "protocol": "tcp",
                   "cidr_blocks": ["0.0.0.0/0"], "description": null, "ipv6_cidr_blocks": [],
                   "prefix_list_ids": [], "security_groups": [], "self": false}],
      "egress": "${var.env == \"prod\" ? [] : []}"}},
    "aws_s3_bucket": {"logs": {"bucket": "logs-${data.aws_caller_identity.me.account_id}",
                               "force_destroy": true}},
    "aws_s3_bucket_lifecycle_configuration": {"logs": {
      "bucket": "${aws_s3_bucket.logs.id}",
      "rule": [{"id": "expire", "status": "Enabled", "filter": [{"prefix": "logs/"}],
                "expiration": {"days": "30"},
                "transition": [{"days": 7, "storage_class": "GLACIER"},
                               {"days": 90, "storage_class": "DEEP_ARCHIVE"}]}]}},
    "aws_iam_role": {"task": {
      "name": "task-${data.aws_region.current.region}",
      "assume_role_policy": "${data.aws_iam_policy_document.assume.json}",
      "inline_policy": {"name": "logs", "policy": "${jsonencode({Statement = [{Effect = \"Allow\", Action = \"s3:PutObject\", Resource = \"${aws_s3_bucket.logs.arn}/*\"}]})}"}}},
    "aws_lb_listener": {"https": {
      "load_balancer_arn": "arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/app/x/y",
      "port": 443,
      "default_action": {"type": "fixed-response",
                         "fixed_response": {"content_type": "text/plain", "status_code": "200"}}}},
    "aws_ecs_service": {"api": {
      "name": "api",
      "dynamic": {"load_balancer": {"for_each": "${var.env == \"prod\" ? [1] : []}",
                                    "content": {"container_name": "api", "container_port": 8080}}},
      "deployment_circuit_breaker": [{"enable": true, "rollback": "true"}]}}
  },
  "output": {
    "vpc_arn": {"value": "${aws_vpc.main.arn}", "depends_on": ["aws_subnet.private"]},
    "subnets": {"value": "${[for s in aws_subnet.private : s.arn]}"},
    "first": {"value": "${aws_subnet.private[0].id}"},
    "all": {"value": "${aws_subnet.private.*.id}"},
    "template": {"value": "%{ for s in aws_subnet.private ~}${s.id} %{ endfor ~}"},
    "escaped": {"value": "$${aws_vpc.ghost.id} and %%{ if local.nothing }"},
    "others": {"value": "${path.module}/${terraform.workspace}/${module.net.id}/${each.key}"},
    "rule": {"value": "${aws_s3_bucket_lifecycle_configuration.logs.rule[0].filter[0].prefix}"},
    "account": {"value": "${provider::aws::arn_parse(aws_vpc.main.arn).account_id}"},
    "either": {"value": "${var.env == \"prod\" ? aws_vpc.main.id:aws_vpc.main.arn}"}
  },
  "import": [{"to": "aws_s3_bucket.logs", "id": "logs-${var.env}"}],
  "moved": [{"from": "aws_vpc.old", "to": "aws_vpc.main"}]
})json";

}  // namespace

class Validator : public ::testing::Test {
 protected:
  void SetUp() override { EDUSTACK_REQUIRE_AWS_SCHEMA(); }
};

TEST_F(Validator, CleanConfigurationHasNoFindings) { EXPECT_THAT(check_lines(kClean), IsEmpty()); }

TEST_F(Validator, FindingToString) {
  const Finding finding{.stack = "stack",
                        .address = "aws_vpc.main",
                        .construct_path = "app/stack/network/vpc",
                        .argument = "cidr_blok",
                        .message = "unknown argument",
                        .kind = FindingKind::unknown_argument};
  EXPECT_EQ(finding.to_string(),
            R"([app/stack/network/vpc] aws_vpc.main: argument "cidr_blok": unknown argument )"
            R"((stack "stack"))");
  Finding bare = finding;
  bare.construct_path.clear();
  bare.argument.clear();
  bare.stack.clear();
  EXPECT_EQ(bare.to_string(), "[aws_vpc.main] aws_vpc.main: unknown argument");
  EXPECT_EQ(to_string(FindingKind::single_block_list), "single_block_list");
}

TEST_F(Validator, UnknownType) {
  const auto findings = check(R"({"resource": {"aws_vpcx": {"main": {"cidr_block": "x"}}},
                                  "data": {"aws_regionn": {"here": {}}}})");
  EXPECT_THAT(
      lines(findings),
      ElementsAre(
          R"([aws_vpcx.main] aws_vpcx.main: unknown resource type "aws_vpcx" (provider )"
          R"(registry.terraform.io/hashicorp/aws); did you mean "aws_vpc"? (stack "stack"))",
          R"([data.aws_regionn.here] data.aws_regionn.here: unknown data source type )"
          R"("aws_regionn" (provider registry.terraform.io/hashicorp/aws); did you mean )"
          R"("aws_region"? (stack "stack"))"));
  EXPECT_EQ(findings[0].kind, FindingKind::unknown_type);
  EXPECT_EQ(findings[0].stack, "stack");
  EXPECT_EQ(findings[0].address, "aws_vpcx.main");
  EXPECT_EQ(findings[0].argument, "");
}

// Before: skipped in silence, so "valid" covered elements nothing had checked (issue 15).
TEST_F(Validator, ElementsOfAProviderTheSchemaLacksAreFindings) {
  const auto findings = check(R"({"resource": {"random_pet": {"a": {"nonsense": [1]}},
                                               "google_compute_instance": {"b": {"x": 1}}},
                                  "data": {"external": {"c": {"y": 2}}}})");
  ASSERT_EQ(findings.size(), 3u);
  for (const auto& finding : findings) {
    EXPECT_EQ(finding.kind, FindingKind::missing_provider) << finding.to_string();
    EXPECT_THAT(finding.message, HasSubstr("so it cannot be checked"));
  }
  EXPECT_EQ(findings[0].address, "google_compute_instance.b");
  EXPECT_THAT(findings[0].message, HasSubstr("(provider \"google\""));
  EXPECT_EQ(findings[1].address, "random_pet.a");
  EXPECT_EQ(findings[2].address, "data.external.c");
}

TEST_F(Validator, ADeclaredMissingProviderIsReportedOnceNotPerElement) {
  const auto findings = check(R"({
    "terraform": {"required_providers": {"random": {"source": "hashicorp/random"}}},
    "resource": {"random_pet": {"a": {}, "b": {}}}})");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].address, "provider.random");
}

TEST_F(Validator, TypesTheSchemaFileDoesNotIncludeAreFindings) {
  const auto findings = check(R"({"resource": {"aws_wafv2_web_acl": {"acl": {"name": "x"}}}})");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::unchecked_type);
  EXPECT_EQ(schema::to_string(FindingKind::unchecked_type), "unchecked_type");
  EXPECT_THAT(findings[0].message, HasSubstr("lists it as not included"));
}

TEST(ValidatorEphemeral, EphemeralResourcesAreChecked) {
  const auto schema = schema::ProviderSchema::parse(R"({"provider_schemas": {
    "registry.terraform.io/hashicorp/random": {"ephemeral_resource_schemas": {"random_password":
      {"block": {"attributes": {"length": {"type": "number", "required": true},
                                "result": {"type": "string", "computed": true}}}}}}}})");
  EXPECT_TRUE(schema::validate_json(schema, R"({"ephemeral": {"random_password":
                                                 {"p": {"length": 32}}}})")
                  .empty());
  const auto findings =
      schema::validate_json(schema, R"({"ephemeral": {"random_password": {"p": {"lenght": 32}},
                                "random_nothing": {"q": {}}}})");
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].address, "ephemeral.random_nothing.q");
  EXPECT_EQ(findings[0].kind, FindingKind::unknown_type);
  EXPECT_THAT(findings[0].message, HasSubstr("unknown ephemeral resource type"));
  EXPECT_EQ(findings[1].address, "ephemeral.random_password.p");
  EXPECT_EQ(findings[2].address, "ephemeral.random_password.p");
  std::set<FindingKind> kinds{findings[1].kind, findings[2].kind};
  EXPECT_EQ(kinds,
            (std::set<FindingKind>{FindingKind::unknown_argument, FindingKind::missing_required}));
}

TEST_F(Validator, UnknownArgument) {
  const auto findings = check(R"({"resource": {
    "aws_vpc": {"main": {"cidr_blok": "10.0.0.0/16",
                         "//": {"metadata": {"path": "app/stack/network/vpc"}}}},
    "aws_s3_bucket_lifecycle_configuration": {"x": {"bucket": "b",
      "rule": [{"id": "a", "status": "Enabled", "filtr": [{"prefix": "p"}],
                "expiration": {"dayz": 3, "zzzzzzzzzz": 1}}],
      "dynamic": {"rulez": {"for_each": "${[]}", "content": {}}}}}}})");
  EXPECT_THAT(
      lines(findings),
      ElementsAre(
          R"([aws_s3_bucket_lifecycle_configuration.x] aws_s3_bucket_lifecycle_configuration.x: )"
          R"(argument "dynamic.rulez": unknown argument; did you mean "rule"? (stack "stack"))",
          R"([aws_s3_bucket_lifecycle_configuration.x] aws_s3_bucket_lifecycle_configuration.x: )"
          R"(argument "rule[0].expiration.dayz": unknown argument; did you mean "days"? )"
          R"((stack "stack"))",
          R"([aws_s3_bucket_lifecycle_configuration.x] aws_s3_bucket_lifecycle_configuration.x: )"
          R"(argument "rule[0].expiration.zzzzzzzzzz": unknown argument (stack "stack"))",
          R"([aws_s3_bucket_lifecycle_configuration.x] aws_s3_bucket_lifecycle_configuration.x: )"
          R"(argument "rule[0].filtr": unknown argument; did you mean "filter"? (stack "stack"))",
          R"([app/stack/network/vpc] aws_vpc.main: argument "cidr_blok": unknown argument; did )"
          R"(you mean "cidr_block"? (stack "stack"))"));
  for (const Finding& finding : findings) EXPECT_EQ(finding.kind, FindingKind::unknown_argument);
  EXPECT_EQ(findings.back().construct_path, "app/stack/network/vpc");
}

TEST_F(Validator, ComputedOnlyArgument) {
  const auto findings = check(R"({"resource": {"aws_vpc": {"main": {
      "cidr_block": "10.0.0.0/16", "arn": "arn:aws:ec2:...", "owner_id": null}}}})");
  EXPECT_THAT(lines(findings),
              ElementsAre(R"([aws_vpc.main] aws_vpc.main: argument "arn": computed-only attribute )"
                          R"(cannot be set (the provider sets it) (stack "stack"))",
                          R"([aws_vpc.main] aws_vpc.main: argument "owner_id": computed-only )"
                          R"(attribute cannot be set (the provider sets it) (stack "stack"))"));
  EXPECT_EQ(findings[0].kind, FindingKind::computed_only);
}

TEST_F(Validator, MissingRequiredArgumentAndBlock) {
  const auto findings = check(R"({"resource": {
    "aws_subnet": {"a": {"cidr_block": "10.0.1.0/24"}, "b": {"vpc_id": null}},
    "aws_lb_listener": {"l": {"load_balancer_arn": "arn", "port": 80}},
    "aws_s3_bucket_lifecycle_configuration": {"x": {"bucket": "b", "rule": [{"id": "a"}]}}},
    "data": {"aws_iam_policy_document": {"p": {"statement": [{"principals": [{"type": "AWS"}]}]}}}})");
  EXPECT_THAT(
      lines(findings),
      ElementsAre(
          R"([aws_lb_listener.l] aws_lb_listener.l: argument "default_action": required block is )"
          R"(missing (at least 1) (stack "stack"))",
          R"([aws_s3_bucket_lifecycle_configuration.x] aws_s3_bucket_lifecycle_configuration.x: )"
          R"(argument "rule[0].status": required argument is missing (stack "stack"))",
          R"([aws_subnet.a] aws_subnet.a: argument "vpc_id": required argument is missing )"
          R"((stack "stack"))",
          R"([aws_subnet.b] aws_subnet.b: argument "vpc_id": required argument is missing )"
          R"((stack "stack"))",
          R"([data.aws_iam_policy_document.p] data.aws_iam_policy_document.p: argument )"
          R"("statement[0].principals[0].identifiers": required argument is missing )"
          R"((stack "stack"))"));
  for (const Finding& finding : findings) EXPECT_EQ(finding.kind, FindingKind::missing_required);
}

TEST_F(Validator, WrongTypeLiterals) {
  const auto findings = check(R"({"resource": {
    "aws_vpc": {"main": {
      "cidr_block": ["10.0.0.0/16"],
      "enable_dns_support": "yes",
      "assign_generated_ipv6_cidr_block": "True",
      "enable_dns_hostnames": 1,
      "ipv4_netmask_length": "sixteen",
      "ipv6_netmask_length": true,
      "tags": {"Name": "ok", "Nested": {"a": "b"}, "Number": 3, "Flag": false}}},
    "aws_security_group": {"web": {
      "tags": ["Name"],
      "ingress": [{"from_port": "https", "to_port": 443, "protocol": "tcp", "cidr_blocks": "0.0.0.0/0",
                   "prot": 1}]}},
    "aws_s3_bucket_lifecycle_configuration": {"x": {"bucket": "b",
      "rule": [{"id": "a", "status": "Enabled", "filter": {"prefix": ["logs/"]}}]}}}})");
  EXPECT_THAT(
      lines(findings),
      ElementsAre(
          R"([aws_s3_bucket_lifecycle_configuration.x] aws_s3_bucket_lifecycle_configuration.x: )"
          R"(argument "rule[0].filter.prefix": wrong type: expected string, got list of 1 items )"
          R"((stack "stack"))",
          R"([aws_security_group.web] aws_security_group.web: argument "ingress[0].cidr_blocks": )"
          R"(wrong type: expected list(string), got string "0.0.0.0/0" (stack "stack"))",
          R"([aws_security_group.web] aws_security_group.web: argument "ingress[0].from_port": )"
          R"(wrong type: expected number, got string "https" (stack "stack"))",
          R"([aws_security_group.web] aws_security_group.web: argument "ingress[0].prot": wrong )"
          R"(type: attribute "prot" is not in object({cidr_blocks=list(string), )"
          R"(description=string, from_port=number, ipv6_cidr_blocks=list(string), )"
          R"(prefix_list_ids=list(string), protocol=string, security_groups=set(string), )"
          R"(self=bool, to_port=number}) (stack "stack"))",
          R"([aws_security_group.web] aws_security_group.web: argument )"
          R"("ingress[0].description": wrong type: attribute "description" is required by )"
          R"(object({cidr_blocks=list(string), description=string, from_port=number, )"
          R"(ipv6_cidr_blocks=list(string), prefix_list_ids=list(string), protocol=string, )"
          R"(security_groups=set(string), self=bool, to_port=number}) (set it, to null if )"
          R"(unused) (stack "stack"))",
          ::testing::HasSubstr(R"(argument "ingress[0].ipv6_cidr_blocks": wrong type: )"
                               R"(attribute "ipv6_cidr_blocks" is required)"),
          ::testing::HasSubstr(R"(argument "ingress[0].prefix_list_ids": wrong type)"),
          ::testing::HasSubstr(R"(argument "ingress[0].security_groups": wrong type)"),
          ::testing::HasSubstr(R"(argument "ingress[0].self": wrong type)"),
          R"([aws_security_group.web] aws_security_group.web: argument "tags": wrong type: )"
          R"(expected map(string), got list of 1 items (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "assign_generated_ipv6_cidr_block": wrong )"
          R"(type: expected bool, got string "True"; to convert from string, use lowercase )"
          R"("true" (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "cidr_block": wrong type: expected string, )"
          R"(got list of 1 items (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "enable_dns_hostnames": wrong type: )"
          R"(expected bool, got number 1 (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "enable_dns_support": wrong type: expected )"
          R"(bool, got string "yes" (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "ipv4_netmask_length": wrong type: expected )"
          R"(number, got string "sixteen" (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "ipv6_netmask_length": wrong type: expected )"
          R"(number, got bool true (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "tags.Nested": wrong type: expected string, )"
          R"(got object (stack "stack"))"));
  for (const Finding& finding : findings) EXPECT_EQ(finding.kind, FindingKind::wrong_type);
}

TEST_F(Validator, ConversionsTerraformAccepts) {
  // Numbers and bools convert to strings; numeric strings to numbers; "true"/"false"/"1"/"0"
  // to bools; expressions and templates are not type-checked; null means unset.
  EXPECT_THAT(check_lines(R"({"variable": {"n": {}}, "resource": {"aws_vpc": {"main": {
      "cidr_block": 10,
      "instance_tenancy": true,
      "ipv4_netmask_length": "16",
      "ipv6_netmask_length": "-1.5e2",
      "enable_dns_support": "false",
      "enable_dns_hostnames": "${var.n}",
      "assign_generated_ipv6_cidr_block": "1",
      "ipv4_ipam_pool_id": null,
      "tags": "${merge(var.n, {})}"}}}})"),
              IsEmpty());
  // ...but a number inside a string template is a string, checked at apply time, not here.
  EXPECT_THAT(check_lines(R"({"variable": {"n": {}}, "resource": {"aws_vpc": {"main": {
      "ipv4_netmask_length": "1${var.n}"}}}})"),
              IsEmpty());
  // Escaped "$${" is a literal: "$${x}" is the string "${x}", not a number.
  EXPECT_THAT(check_lines(R"({"resource": {"aws_vpc": {"main": {
      "ipv4_netmask_length": "$${x}"}}}})"),
              ElementsAre(::testing::HasSubstr(R"(expected number, got string "$${x}")")));
}

TEST_F(Validator, BlockCountOutsideMinMax) {
  const auto findings = check(R"({"resource": {
    "aws_lb_listener": {"l": {"load_balancer_arn": "arn", "default_action": []}},
    "aws_ecs_service": {"s": {"name": "s",
      "deployment_circuit_breaker": [{"enable": true, "rollback": true},
                                     {"enable": false, "rollback": false}]}}}})");
  EXPECT_THAT(
      lines(findings),
      ElementsAre(R"([aws_ecs_service.s] aws_ecs_service.s: argument )"
                  R"("deployment_circuit_breaker": 2 blocks given, at most 1 allowed )"
                  R"((stack "stack"))",
                  R"([aws_lb_listener.l] aws_lb_listener.l: argument "default_action": 0 blocks )"
                  R"(given, at least 1 required (stack "stack"))"));
  for (const Finding& finding : findings) EXPECT_EQ(finding.kind, FindingKind::block_count);
}

TEST_F(Validator, SingleBlockGivenSeveralItems) {
  const auto findings = check(R"({"resource": {
    "aws_security_group": {"web": {"timeouts": [{"create": "1m"}, {"create": "2m"}]}},
    "aws_subnet": {"a": {"vpc_id": "v", "timeouts": [{"create": "1m"}]}}}})");
  EXPECT_THAT(lines(findings),
              ElementsAre(R"([aws_security_group.web] aws_security_group.web: argument )"
                          R"("timeouts": single block given as a list of 2 items; at most one is )"
                          R"(allowed (stack "stack"))"));
  EXPECT_EQ(findings.at(0).kind, FindingKind::single_block_list);
}

TEST_F(Validator, BlocksMustBeObjects) {
  EXPECT_THAT(
      check_lines(R"({"resource": {"aws_security_group": {"web": {"timeouts": "10m"}},
                                   "aws_subnet": {"a": {"vpc_id": "v", "timeouts": [3]}}}})"),
      ElementsAre(R"([aws_security_group.web] aws_security_group.web: argument "timeouts": a )"
                  R"(block is expected (an object, or an array of objects), got string "10m" )"
                  R"((stack "stack"))",
                  R"([aws_subnet.a] aws_subnet.a: argument "timeouts[0]": a block must be a JSON )"
                  R"(object, got number 3 (stack "stack"))"));
}

TEST_F(Validator, UndeclaredReferences) {
  const auto findings = check(R"({
    "variable": {"env": {}},
    "locals": {"name": "${local.prefix}-${var.env}"},
    "resource": {
      "aws_vpc": {"main": {"cidr_block": "${var.cidr}",
                           "depends_on": ["aws_subnet.ghost", "data.aws_region.ghost"],
                           "provider": "aws.west"}},
      "aws_subnet": {"a": {"vpc_id": "${aws_vpc.nope.id}",
                           "availability_zone": "${data.aws_availability_zones.ghost.names[0]}",
                           "tags": {"arn": "arn:${aws_s3_bucket.ghost.arn}/*",
                                    "ids": "${join(\",\", aws_subnet.ghost[*].id)}",
                                    "fine": "${random_pet.x.id}"}}}},
    "output": {"o": {"value": "${lookup({a = aws_vpc.gone.id}, \"a\")}"},
               "p": {"value": "${var.env == \"\" ? aws_vpc.main.id:aws_vpc.lost.id}"}},
    "import": [{"to": "aws_s3_bucket.never", "id": "x"}]})");
  EXPECT_THAT(
      lines(findings),
      ElementsAre(
          R"([aws_subnet.a] aws_subnet.a: argument "availability_zone": reference to undeclared )"
          R"(data source "data.aws_availability_zones.ghost" (stack "stack"))",
          R"([aws_subnet.a] aws_subnet.a: argument "tags.arn": reference to undeclared resource )"
          R"("aws_s3_bucket.ghost" (stack "stack"))",
          R"([aws_subnet.a] aws_subnet.a: argument "tags.ids": reference to undeclared resource )"
          R"("aws_subnet.ghost" (stack "stack"))",
          R"([aws_subnet.a] aws_subnet.a: argument "vpc_id": reference to undeclared resource )"
          R"("aws_vpc.nope" (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "cidr_block": reference to undeclared input )"
          R"(variable "var.cidr" (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "depends_on[0]": reference to undeclared )"
          R"(resource "aws_subnet.ghost" (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "depends_on[1]": reference to undeclared )"
          R"(data source "data.aws_region.ghost" (stack "stack"))",
          R"([aws_vpc.main] aws_vpc.main: argument "provider": provider configuration )"
          R"("aws.west" is not declared (stack "stack"))",
          R"([local.name] local.name: reference to undeclared local value "local.prefix" )"
          R"((stack "stack"))",
          R"([output.o] output.o: argument "value": reference to undeclared resource )"
          R"("aws_vpc.gone" (stack "stack"))",
          R"([output.p] output.p: argument "value": reference to undeclared resource )"
          R"("aws_vpc.lost" (stack "stack"))",
          R"([import[0]] import[0]: argument "to": reference to undeclared resource )"
          R"("aws_s3_bucket.never" (stack "stack"))"));
  for (const Finding& finding : findings) {
    EXPECT_EQ(finding.kind, FindingKind::undeclared_reference);
  }
}

TEST_F(Validator, ReferencesToUnknownAttributes) {
  const auto findings = check(R"({
    "data": {"aws_region": {"current": {}}},
    "resource": {
      "aws_vpc": {"main": {"cidr_block": "10.0.0.0/16"}},
      "aws_s3_bucket_lifecycle_configuration": {"x": {"bucket": "b",
        "rule": [{"id": "a", "status": "Enabled"}]}},
      "aws_subnet": {"a": {"vpc_id": "${aws_vpc.main.arnn}",
        "availability_zone": "${data.aws_region.current.nme}",
        "cidr_block": "${aws_s3_bucket_lifecycle_configuration.x.rule[0].filter[0].prefx}",
        "tags": {"ok": "${aws_vpc.main.tags[\"Name\"]}-${aws_vpc.main}-${aws_vpc.main.id}"}}}}})");
  EXPECT_THAT(
      lines(findings),
      ElementsAre(
          R"([aws_subnet.a] aws_subnet.a: argument "availability_zone": reference )"
          R"("data.aws_region.current.nme": aws_region has no attribute "nme"; did you mean )"
          R"("name"? (stack "stack"))",
          R"([aws_subnet.a] aws_subnet.a: argument "cidr_block": reference )"
          R"("aws_s3_bucket_lifecycle_configuration.x.rule[0].filter[0].prefx": block filter )"
          R"(has no attribute "prefx"; did you mean "prefix"? (stack "stack"))",
          R"([aws_subnet.a] aws_subnet.a: argument "vpc_id": reference "aws_vpc.main.arnn": )"
          R"(aws_vpc has no attribute "arnn"; did you mean "arn"? (stack "stack"))"));
  for (const Finding& finding : findings) EXPECT_EQ(finding.kind, FindingKind::unknown_attribute);
}

TEST_F(Validator, RejectsADocumentThatIsNotJson) {
  EXPECT_THROW(check("{not json"), SchemaError);
  EXPECT_THROW(check("[]"), SchemaError);
}

TEST_F(Validator, StackBuiltWithGenericElements) {
  App app;
  Stack stack(app, "stack");
  GenericResource vpc(stack, "vpc", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  GenericDataSource region(stack, "region", "aws_region");
  GenericResource subnet(stack, "subnet", "aws_subnet",
                         {{"vpc_id", vpc.attribute("id")},
                          {"availability_zone", region.attribute("name")},
                          {"cidr_block", "10.0.1.0/24"}},
                         {.depends_on = {vpc}, .count = 2});
  EXPECT_THAT(lines(validate(*aws_schema(), app)), IsEmpty());

  GenericResource bucket(
      stack, "bucket", "aws_s3_bucket",
      {{"bucket_nme", "logs"}, {"tags", Value::Object{{"Region", region.attribute("nme")}}}});
  subnet.set("map_public_ip_on_launch", "yes");
  const auto findings = validate(*aws_schema(), app);
  ASSERT_EQ(findings.size(), 3u) << ::testing::PrintToString(lines(findings));
  EXPECT_EQ(findings[0].construct_path, "app/stack/bucket");
  EXPECT_EQ(findings[0].stack, "stack");
  EXPECT_EQ(findings[0].kind, FindingKind::unknown_argument);
  EXPECT_EQ(findings[0].argument, "bucket_nme");
  EXPECT_EQ(findings[1].kind, FindingKind::unknown_attribute);
  EXPECT_EQ(findings[1].argument, "tags.Region");
  EXPECT_EQ(findings[2].kind, FindingKind::wrong_type);
  EXPECT_EQ(findings[2].to_string(),
            R"([app/stack/subnet] aws_subnet.subnet: argument "map_public_ip_on_launch": wrong )"
            R"(type: expected bool, got string "yes" (stack "stack"))");
}
