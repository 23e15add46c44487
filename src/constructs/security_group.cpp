#include "edustack/constructs/security_group.hpp"

#include "edustack/aws/vpc_security_group_egress_rule.hpp"
#include "edustack/aws/vpc_security_group_ingress_rule.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {
void check_port(const core::Construct& owner, int port) {
  check_range(owner, "port", port, 1, 65535, 1);
}
}  // namespace

SecurityGroup::SecurityGroup(core::Construct& scope, std::string_view id,
                             SecurityGroupConfig config)
    : core::Construct(scope, id),
      group_(*this, "group",
             {.description = config.description.empty() ? config.name + " (managed by edustack)"
                                                        : config.description,
              .name = config.name,
              .vpc_id = config.vpc_id}) {
  check_name(*this, "name", config.name, kSecurityGroupName);
  // An explicit empty list removes the all-traffic egress rule AWS adds to new groups.
  group_.config().egress = core::ObjectList<aws::SecurityGroupEgress>::none();
  group_.config().ingress = core::ObjectList<aws::SecurityGroupIngress>::none();
}

std::string SecurityGroup::next_id(const char* kind) {
  return std::string(kind) + std::to_string(rules_++);
}

void SecurityGroup::allow_from(SecurityGroup& source, int port, std::string description) {
  check_port(*this, port);
  make<aws::VpcSecurityGroupIngressRule>(
      next_id("ingress"),
      aws::VpcSecurityGroupIngressRuleConfig{.description = description,
                                             .from_port = port,
                                             .ip_protocol = "tcp",
                                             .referenced_security_group_id = source.id(),
                                             .security_group_id = id(),
                                             .to_port = port});
  source.allow_to(*this, port, description);
}

void SecurityGroup::allow_to(SecurityGroup& destination, int port, const std::string& description) {
  make<aws::VpcSecurityGroupEgressRule>(
      next_id("egress"),
      aws::VpcSecurityGroupEgressRuleConfig{.description = description,
                                            .from_port = port,
                                            .ip_protocol = "tcp",
                                            .referenced_security_group_id = destination.id(),
                                            .security_group_id = id(),
                                            .to_port = port});
}

void SecurityGroup::allow_from_cidr(std::string_view cidr, int port, std::string description) {
  check_port(*this, port);
  Cidr parsed = check_cidr(*this, "cidr", cidr);
  if (parsed.prefix == 0 && port != 80 && port != 443) {
    throw ConfigError(node().path(), "cidr",
                      "0.0.0.0/0 may only reach ports 80 and 443 (a public load balancer), not " +
                          std::to_string(port));
  }
  make<aws::VpcSecurityGroupIngressRule>(
      next_id("ingress"), aws::VpcSecurityGroupIngressRuleConfig{.cidr_ipv4 = std::string(cidr),
                                                                 .description = description,
                                                                 .from_port = port,
                                                                 .ip_protocol = "tcp",
                                                                 .security_group_id = id(),
                                                                 .to_port = port});
}

void SecurityGroup::allow_to_cidr(std::string_view cidr, int port, std::string description) {
  check_port(*this, port);
  check_cidr(*this, "cidr", cidr);
  make<aws::VpcSecurityGroupEgressRule>(
      next_id("egress"), aws::VpcSecurityGroupEgressRuleConfig{.cidr_ipv4 = std::string(cidr),
                                                               .description = description,
                                                               .from_port = port,
                                                               .ip_protocol = "tcp",
                                                               .security_group_id = id(),
                                                               .to_port = port});
}

void SecurityGroup::allow_to_prefix_list(const core::String& prefix_list_id, int port,
                                         std::string description) {
  check_port(*this, port);
  make<aws::VpcSecurityGroupEgressRule>(
      next_id("egress"), aws::VpcSecurityGroupEgressRuleConfig{.description = description,
                                                               .from_port = port,
                                                               .ip_protocol = "tcp",
                                                               .prefix_list_id = prefix_list_id,
                                                               .security_group_id = id(),
                                                               .to_port = port});
}

}  // namespace edustack::constructs
