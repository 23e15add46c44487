#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/constructs/network.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

NetworkConfig network_config() {
  return {.name = "edu-dev",
          .region = "eu-west-2",
          .availability_zones = {"eu-west-2a", "eu-west-2c"},
          .flow_log_kms_key_arn = "arn:aws:kms:eu-west-2:111122223333:key/logs"};
}

std::string ref(const SynthesizedStack& synth, std::string_view path, std::string_view attribute) {
  return "${" + synth.address_at(path) + "." + std::string(attribute) + "}";
}

}  // namespace

TEST(Network, VpcSubnetsRoutesAndGatewayForTwoZones) {
  App app;
  Stack stack(app, "s");
  Network network(stack, "network", network_config());
  auto synth = synthesize(stack);

  EXPECT_THAT(synth, HasResourceCount("aws_vpc", 1));
  EXPECT_THAT(synth, HasResourceWithProperties("aws_vpc", {{"cidr_block", "10.0.0.0/16"},
                                                           {"enable_dns_hostnames", true},
                                                           {"enable_dns_support", true}}));
  EXPECT_THAT(synth, HasResourceCount("aws_subnet", 4));
  EXPECT_EQ(synth.resource_at("network/public_a")["cidr_block"], "10.0.0.0/24");
  EXPECT_EQ(synth.resource_at("network/public_c")["cidr_block"], "10.0.1.0/24");
  EXPECT_EQ(synth.resource_at("network/private_a")["cidr_block"], "10.0.2.0/24");
  EXPECT_EQ(synth.resource_at("network/private_c")["cidr_block"], "10.0.3.0/24");
  EXPECT_EQ(synth.resource_at("network/private_c")["availability_zone"], "eu-west-2c");
  EXPECT_EQ(synth.resource_at("network/public_a")["map_public_ip_on_launch"], false);
  EXPECT_EQ(synth.resource_at("network/public_a")["vpc_id"], ref(synth, "network/vpc", "id"));
  EXPECT_EQ(network.public_subnet_cidrs(),
            (std::vector<std::string>{"10.0.0.0/24", "10.0.1.0/24"}));
  EXPECT_EQ(network.private_subnet_ids().size(), 2u);

  EXPECT_THAT(synth, HasResourceCount("aws_internet_gateway", 1));
  EXPECT_THAT(synth, HasResourceCount("aws_route_table", 3));  // public + one private per AZ
  EXPECT_THAT(synth, HasResourceCount("aws_route_table_association", 4));
  EXPECT_EQ(synth.resource_at("network/public_default_route")["gateway_id"],
            ref(synth, "network/internet_gateway", "id"));
  EXPECT_EQ(synth.resource_at("network/public_default_route")["destination_cidr_block"],
            "0.0.0.0/0");
  EXPECT_EQ(synth.resource_at("network/private_a_association")["route_table_id"],
            ref(synth, "network/private_a_route_table", "id"));
  EXPECT_EQ(synth.resource_at("network/private_a_association")["subnet_id"],
            ref(synth, "network/private_a", "id"));
  // Default egress: no NAT, no route to the internet from the private subnets.
  EXPECT_THAT(synth, HasResourceCount("aws_nat_gateway", 0));
  EXPECT_THAT(synth, HasResourceCount("aws_route", 1));
}

TEST(Network, VpcEndpointsForFargateWithTheirSecurityGroup) {
  App app;
  Stack stack(app, "s");
  Network network(stack, "network", network_config());
  auto synth = synthesize(stack);
  // Seven interface endpoints plus the S3 gateway endpoint.
  EXPECT_THAT(synth, HasResourceCount("aws_vpc_endpoint", 8));
  const json& s3 = synth.resource_at("network/s3_endpoint");
  EXPECT_EQ(s3["service_name"], "com.amazonaws.eu-west-2.s3");
  EXPECT_EQ(s3["vpc_endpoint_type"], "Gateway");
  EXPECT_EQ(s3["route_table_ids"],
            json::array({ref(synth, "network/private_a_route_table", "id"),
                         ref(synth, "network/private_c_route_table", "id")}));
  const json& ecr = synth.resource_at("network/endpoint_ecr_dkr");
  EXPECT_EQ(ecr["service_name"], "com.amazonaws.eu-west-2.ecr.dkr");
  EXPECT_EQ(ecr["vpc_endpoint_type"], "Interface");
  EXPECT_EQ(ecr["private_dns_enabled"], true);
  EXPECT_EQ(ecr["subnet_ids"], json::array({ref(synth, "network/private_a", "id"),
                                            ref(synth, "network/private_c", "id")}));
  EXPECT_EQ(ecr["security_group_ids"],
            json::array({ref(synth, "network/endpoints_security_group/group", "id")}));
  for (const char* service : {"ecr_api", "logs", "secretsmanager", "xray", "kms", "sts"}) {
    EXPECT_NO_THROW(synth.resource_at(std::string("network/endpoint_") + service)) << service;
  }
  const json& https = synth.resource_at("network/endpoints_security_group/ingress0");
  EXPECT_EQ(https["cidr_ipv4"], "10.0.0.0/16");
  EXPECT_EQ(https["from_port"], 443);
  ASSERT_NE(network.endpoints_security_group(), nullptr);
  EXPECT_EQ(network.s3_prefix_list_id().to_string(),
            "${" + synth.address_at("network/s3_endpoint") + ".prefix_list_id}");
}

TEST(Network, NatGatewayPerZoneWhenChosen) {
  App app;
  Stack stack(app, "s");
  NetworkConfig config = network_config();
  config.private_egress = PrivateEgress::nat_gateway_per_az;
  Network network(stack, "network", config);
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_nat_gateway", 2));
  EXPECT_THAT(synth, HasResourceCount("aws_eip", 2));
  EXPECT_THAT(synth, HasResourceCount("aws_vpc_endpoint", 1));  // S3 gateway only
  EXPECT_EQ(synth.resource_at("network/nat_c")["subnet_id"], ref(synth, "network/public_c", "id"));
  EXPECT_EQ(synth.resource_at("network/private_c_default_route")["nat_gateway_id"],
            ref(synth, "network/nat_c", "id"));
  EXPECT_EQ(network.endpoints_security_group(), nullptr);
}

TEST(Network, FlowLogsToEncryptedGroupAndClosedDefaultSecurityGroup) {
  App app;
  Stack stack(app, "s");
  Network network(stack, "network", network_config());
  auto synth = synthesize(stack);
  const json& group = synth.resource_at("network/flow_log_group");
  EXPECT_EQ(group["kms_key_id"], "arn:aws:kms:eu-west-2:111122223333:key/logs");
  EXPECT_EQ(group["retention_in_days"], 365);
  EXPECT_EQ(group["name"], "/aws/vpc/flow-logs/edu-dev");
  const json& flow = synth.resource_at("network/flow_log");
  EXPECT_EQ(flow["traffic_type"], "ALL");
  EXPECT_EQ(flow["vpc_id"], ref(synth, "network/vpc", "id"));
  EXPECT_EQ(flow["log_destination"], ref(synth, "network/flow_log_group", "arn"));
  EXPECT_EQ(flow["iam_role_arn"], ref(synth, "network/flow_log_role/role", "arn"));
  std::string trust = synth.resource_at("network/flow_log_role/role")["assume_role_policy"];
  EXPECT_THAT(trust, HasSubstr("vpc-flow-logs.amazonaws.com"));
  EXPECT_THAT(trust, HasSubstr("aws:SourceAccount"));
  std::string policy = synth.resource_at("network/flow_log_role/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("logs:PutLogEvents"));
  EXPECT_THAT(policy, HasSubstr(ref(synth, "network/flow_log_group", "arn")));
  const json& closed = synth.resource_at("network/default_security_group");
  EXPECT_EQ(closed["ingress"], json::array());
  EXPECT_EQ(closed["egress"], json::array());
  EXPECT_EQ(closed["vpc_id"], ref(synth, "network/vpc", "id"));
}

TEST(Network, ExplicitSubnetCidrs) {
  App app;
  Stack stack(app, "s");
  NetworkConfig config = network_config();
  config.public_subnet_cidrs = {"10.0.0.0/24", "10.0.1.0/24"};
  config.private_subnet_cidrs = {"10.0.16.0/20", "10.0.32.0/20"};
  Network network(stack, "network", config);
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("network/private_c")["cidr_block"], "10.0.32.0/20");
}

TEST(Network, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto with = [&](auto change) {
    NetworkConfig config = network_config();
    change(config);
    return config_error([&] { Network n(stack, "net", config); });
  };
  EXPECT_EQ(with([](NetworkConfig& c) { c.vpc_cidr = "10.0.0/16"; }),
            "[app/s/net] vpc_cidr: \"10.0.0/16\" is not an IPv4 CIDR block (a.b.c.d/n with the "
            "host bits zero)");
  EXPECT_EQ(with([](NetworkConfig& c) { c.vpc_cidr = "10.0.0.0/8"; }),
            "[app/s/net] vpc_cidr: 10.0.0.0/8: a VPC CIDR block has a prefix length from /16 to "
            "/28");
  EXPECT_EQ(with([](NetworkConfig& c) {
              c.availability_zones = {"eu-west-2a", "us-east-1b"};
            }),
            "[app/s/net] availability_zones[1]: \"us-east-1b\" is not an availability zone of "
            "eu-west-2");
  EXPECT_EQ(with([](NetworkConfig& c) {
              c.availability_zones = {"eu-west-2a", "eu-west-2a"};
            }),
            "[app/s/net] availability_zones[1]: \"eu-west-2a\" is listed twice");
  EXPECT_EQ(with([](NetworkConfig& c) { c.availability_zones = {}; }),
            "[app/s/net] availability_zones: a network needs at least one availability zone");
  EXPECT_EQ(with([](NetworkConfig& c) { c.region = ""; }),
            "[app/s/net] region: the region is required (\"eu-west-2\")");
  EXPECT_EQ(with([](NetworkConfig& c) { c.subnet_newbits = 1; }),
            "[app/s/net] subnet_newbits: 2 availability zones need 4 subnets; 1 new bits give "
            "only 2");
  EXPECT_EQ(with([](NetworkConfig& c) { c.subnet_newbits = 13; }),
            "[app/s/net] subnet_newbits: 13 new bits on 10.0.0.0/16 do not give subnets from /17 "
            "to /28");
  EXPECT_EQ(with([](NetworkConfig& c) {
              c.public_subnet_cidrs = {"10.0.0.0/24", "10.1.0.0/24"};
            }),
            "[app/s/net] public_subnet_cidrs[1]: 10.1.0.0/24 is outside the VPC CIDR block "
            "10.0.0.0/16");
  EXPECT_EQ(with([](NetworkConfig& c) { c.public_subnet_cidrs = {"10.0.0.0/24"}; }),
            "[app/s/net] public_subnet_cidrs: 1 CIDR blocks for 2 availability zones; give one "
            "per zone");
  EXPECT_EQ(with([](NetworkConfig& c) {
              c.public_subnet_cidrs = {"10.0.0.0/24", "10.0.1.300/24"};
            }),
            "[app/s/net] public_subnet_cidrs[1]: \"10.0.1.300/24\" is not an IPv4 CIDR block "
            "(a.b.c.d/n with the host bits zero)");
  EXPECT_EQ(with([](NetworkConfig& c) {
              c.public_subnet_cidrs = {"10.0.0.0/24", "10.0.0.0/29"};
            }),
            "[app/s/net] public_subnet_cidrs[1]: 10.0.0.0/29 is smaller than /28, the smallest AWS "
            "subnet");
  // Explicit public blocks that collide with the computed private ones (10.0.2.0/24, ...).
  EXPECT_EQ(with([](NetworkConfig& c) {
              c.public_subnet_cidrs = {"10.0.0.0/24", "10.0.2.0/23"};
            }),
            "[app/s/net] private_subnet_cidrs[0]: 10.0.2.0/24 overlaps public_subnet_cidrs[1] "
            "(10.0.2.0/23)\n"
            "[app/s/net] private_subnet_cidrs[1]: 10.0.3.0/24 overlaps public_subnet_cidrs[1] "
            "(10.0.2.0/23)");
  EXPECT_EQ(with([](NetworkConfig& c) {
              c.public_subnet_cidrs = {"10.0.0.0/23", "10.0.1.0/24"};
            }),
            "[app/s/net] public_subnet_cidrs[1]: 10.0.1.0/24 overlaps public_subnet_cidrs[0] "
            "(10.0.0.0/23)");
  EXPECT_THAT(
      with([](NetworkConfig& c) { c.flow_log_retention_days = 100; }),
      HasSubstr("[app/s/net] flow_log_retention_days: 100 is not a CloudWatch Logs retention "
                "period (1, 3,"));
  EXPECT_EQ(with([](NetworkConfig& c) { c.flow_log_traffic_type = "SOME"; }),
            "[app/s/net] flow_log_traffic_type: \"SOME\" is not ACCEPT, REJECT or ALL");
  EXPECT_THAT(with([](NetworkConfig& c) { c.name = "edu_dev"; }),
              HasSubstr("[app/s/net] name: \"edu_dev\" contains '_'"));
  EXPECT_THAT(with([](NetworkConfig& c) { c.interface_endpoints = {"ECR.api"}; }),
              HasSubstr("[app/s/net] interface_endpoints[0]: \"ECR.api\" contains 'E'"));
}

// Every problem of one config in one error, a line each; checks that need a valid value (the
// subnet blocks need the VPC block, the zones need the region) are left out when it is not.
TEST(Network, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  NetworkConfig config = network_config();
  config.name = "edu_dev";
  config.availability_zones = {"eu-west-2a", "us-east-1b", "eu-west-2a"};
  config.public_subnet_cidrs = {"10.0.0.0/24", "10.1.0.0/24", "10.0.0.0/29"};
  config.flow_log_traffic_type = "SOME";
  try {
    Network network(stack, "net", config);
    ADD_FAILURE() << "a config with six problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/net");
    EXPECT_EQ(error.field(), "name");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/net] name: \"edu_dev\" contains '_'; a network name allows letters, digits "
              "and \"-\"\n"
              "[app/s/net] availability_zones[1]: \"us-east-1b\" is not an availability zone of "
              "eu-west-2\n"
              "[app/s/net] availability_zones[2]: \"eu-west-2a\" is listed twice\n"
              "[app/s/net] public_subnet_cidrs[1]: 10.1.0.0/24 is outside the VPC CIDR block "
              "10.0.0.0/16\n"
              "[app/s/net] public_subnet_cidrs[2]: 10.0.0.0/29 is smaller than /28, the smallest "
              "AWS subnet\n"
              "[app/s/net] flow_log_traffic_type: \"SOME\" is not ACCEPT, REJECT or ALL");
  }
  EXPECT_EQ(stack.node().children().size(), 0u);  // nothing was created

  config = network_config();
  config.region = "";
  config.vpc_cidr = "10.0.0.0/8";
  EXPECT_EQ(config_error([&] { Network network(stack, "net", config); }),
            "[app/s/net] region: the region is required (\"eu-west-2\")\n"
            "[app/s/net] vpc_cidr: 10.0.0.0/8: a VPC CIDR block has a prefix length from /16 to "
            "/28");
}
