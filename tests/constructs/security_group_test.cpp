#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/constructs/security_group.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using ::testing::HasSubstr;

TEST(SecurityGroup, LeastPrivilegeRulesBetweenGroups) {
  App app;
  Stack stack(app, "s");
  SecurityGroup alb(stack, "alb", {.name = "edu-alb", .vpc_id = "vpc-1"});
  SecurityGroup service(stack, "service", {.name = "edu-service", .vpc_id = "vpc-1"});
  alb.allow_from_cidr("0.0.0.0/0", 443, "HTTPS from the internet");
  service.allow_from(alb, 8080, "ALB to service");
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("alb/group")["egress"], nlohmann::json::array());
  EXPECT_EQ(synth.resource_at("alb/group")["ingress"], nlohmann::json::array());
  EXPECT_EQ(synth.resource_at("alb/ingress0")["cidr_ipv4"], "0.0.0.0/0");
  EXPECT_EQ(synth.resource_at("service/ingress0")["referenced_security_group_id"],
            "${" + synth.address_at("alb/group") + ".id}");
  EXPECT_EQ(synth.resource_at("service/ingress0")["from_port"], 8080);
  EXPECT_EQ(synth.resource_at("alb/egress1")["referenced_security_group_id"],
            "${" + synth.address_at("service/group") + ".id}");
  EXPECT_THAT(synth, HasResourceCount("aws_vpc_security_group_ingress_rule", 2));
  EXPECT_THAT(synth, HasResourceCount("aws_vpc_security_group_egress_rule", 1));
}

TEST(SecurityGroup, RejectsOpenIngressExceptWebPortsAndBadCidrs) {
  App app;
  Stack stack(app, "s");
  SecurityGroup db(stack, "db", {.name = "edu-db", .vpc_id = "vpc-1"});
  try {
    db.allow_from_cidr("0.0.0.0/0", 5432, "oops");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "[app/s/db] cidr: 0.0.0.0/0 may only reach ports 80 and 443 (a public "
                 "load balancer), not 5432");
  }
  EXPECT_THROW(db.allow_from_cidr("10.0.0.0/33", 5432, "bad"), ConfigError);
  EXPECT_THROW(db.allow_to_cidr("10.0.0.0/16", 70000, "bad port"), ConfigError);
}
