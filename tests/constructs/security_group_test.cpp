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

TEST(SecurityGroup, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  try {
    SecurityGroup group(stack, "db",
                        {.name = "bad\tname", .description = "it's the DB", .vpc_id = "vpc-1"});
    ADD_FAILURE() << "a config with two problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/db");
    EXPECT_EQ(error.field(), "name");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/db] name: \"bad\tname\" contains '\t'; a security group name allows "
              "letters, digits and \"-_ ./()#,@[]+=&;{}!$*:\"\n"
              "[app/s/db] description: \"it's the DB\" contains '''; a security group "
              "description allows letters, digits, spaces and \"._-:/()#,@[]+=&;{}!$*\"");
  }
  EXPECT_EQ(stack.node().children().size(), 0u);
  // One rule with a bad port and a bad CIDR: both reported, no rule created.
  SecurityGroup db(stack, "db", {.name = "edu-db", .vpc_id = "vpc-1"});
  try {
    db.allow_from_cidr("10.0.0.0/33", 70000, "bad");
    ADD_FAILURE() << "a rule with two problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.field(), "port");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/db] port: 70000 is outside 1 to 65535\n"
              "[app/s/db] cidr: \"10.0.0.0/33\" is not an IPv4 CIDR block (a.b.c.d/n with the "
              "host bits zero)");
  }
  EXPECT_EQ(db.node().children().size(), 1u);  // the group only
}
