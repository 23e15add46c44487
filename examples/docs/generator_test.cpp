// The samples of docs/generator.md, compiled and checked: the page's code blocks are verbatim
// parts of this file, between "// [docs]" lines (tests/docs_check.cmake fails when they drift).
// The page shows them without the two spaces of the TEST body.
#include <gtest/gtest.h>

#include <edustack/aws/security_group.hpp>
#include <edustack/aws/subnet.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/aws/vpc_endpoint.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>
#include <string_view>

using namespace edustack;
using edustack::testing::synthesize;
using nlohmann::json;

namespace {
// A resource's body without the construct-path metadata the testing helpers add.
json body_of(const edustack::testing::SynthesizedStack& synth, std::string_view path) {
  json body = synth.resource_at(path);
  body.erase("//");
  return body;
}
}  // namespace

TEST(DocsGenerator, TypedResources) {
  App app;
  Stack stack(app, "net");
  // [docs] typed resources
  aws::Vpc vpc(stack, "main", {.cidr_block = "10.0.0.0/16", .tags = {{"Name", "main"}}});
  aws::Subnet subnet(stack, "a", {.cidr_block = "10.0.1.0/24", .vpc_id = vpc.id()});
  // [docs] end
  auto synth = synthesize(stack);
  EXPECT_EQ(body_of(synth, "main"),
            json::parse(R"({"cidr_block": "10.0.0.0/16", "tags": {"Name": "main"}})"));
  EXPECT_EQ(body_of(synth, "a"),
            json::parse(R"({"cidr_block": "10.0.1.0/24", "vpc_id": "${aws_vpc.main.id}"})"));
}

TEST(DocsGenerator, ObjectAttributes) {
  App app;
  Stack stack(app, "net");
  aws::Vpc vpc(stack, "main", {.cidr_block = "10.0.0.0/16"});
  // [docs] object attributes
  aws::SecurityGroup web(
      stack, "web",
      {.egress = core::ObjectList<aws::SecurityGroupEgress>::none(),
       .ingress =
           {{.cidr_blocks = {"10.0.0.0/16"}, .from_port = 443, .protocol = "tcp", .to_port = 443}},
       .vpc_id = vpc.id()});
  // [docs] end
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("web");
  // Every member of the object is written, an unset one as null; an empty list stays [].
  EXPECT_EQ(body["ingress"], json::parse(R"([{"cidr_blocks": ["10.0.0.0/16"], "description": null,
      "from_port": 443, "ipv6_cidr_blocks": null, "prefix_list_ids": null, "protocol": "tcp",
      "security_groups": null, "self": null, "to_port": 443}])"));
  EXPECT_EQ(body["egress"], json::array());
}

TEST(DocsGenerator, Blocks) {
  App app;
  Stack stack(app, "net");
  aws::Vpc vpc(stack, "main", {.cidr_block = "10.0.0.0/16"});
  // [docs] blocks
  aws::VpcEndpoint endpoint(stack, "s3",
                            {.dns_options = {{.dns_record_ip_type = "ipv4"}},
                             .service_name = "com.amazonaws.eu-west-2.s3",
                             .timeouts = aws::VpcEndpointTimeouts{.create = "5m", .delete_ = "10m"},
                             .vpc_id = vpc.id()});
  // [docs] end
  auto synth = synthesize(stack);
  const json& body = synth.resource_at("s3");
  // A list / set block with max_items = 1 is a list of one object; a single block an object.
  EXPECT_EQ(body["dns_options"], json::parse(R"([{"dns_record_ip_type": "ipv4"}])"));
  EXPECT_EQ(body["timeouts"], json::parse(R"({"create": "5m", "delete": "10m"})"));
  EXPECT_EQ(body["service_name"], "com.amazonaws.eu-west-2.s3");
  EXPECT_EQ(body["vpc_id"], "${aws_vpc.main.id}");
}
