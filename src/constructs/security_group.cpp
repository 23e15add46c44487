#include "edustack/constructs/security_group.hpp"

#include "edustack/aws/security_group.hpp"
#include "edustack/aws/vpc_security_group_egress_rule.hpp"
#include "edustack/aws/vpc_security_group_ingress_rule.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {
// Every problem of one rule (port and peer), reported together before the rule is created.
void check_port(const core::Construct& owner, int port) {
  ConfigProblems problems(owner);
  problems.range("port", port, 1, 65535, 1);
  problems.throw_if_any();
}

void check_cidr_rule(const core::Construct& owner, std::string_view cidr, int port, bool ingress) {
  ConfigProblems problems(owner);
  bool port_ok = problems.range("port", port, 1, 65535, 1);
  auto parsed = problems.cidr("cidr", cidr);
  if (ingress && port_ok && parsed && parsed->prefix == 0 && port != 80 && port != 443) {
    problems.add("cidr",
                 "0.0.0.0/0 may only reach ports 80 and 443 (a public load balancer), not " +
                     std::to_string(port));
  }
  problems.throw_if_any();
}

// What EC2 accepts in a security group description (GroupDescription).
std::optional<std::string> description_problem(const std::string& description) {
  if (description.size() > 255) {
    return std::to_string(description.size()) + " characters; a security group description has " +
           "at most 255";
  }
  constexpr std::string_view allowed = " ._-:/()#,@[]+=&;{}!$*";
  for (char c : description) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              allowed.find(c) != std::string_view::npos;
    if (!ok) {
      return "\"" + description + "\" contains '" + std::string(1, c) +
             "'; a security group description allows letters, digits, spaces and \"" +
             std::string(allowed.substr(1)) + "\"";
    }
  }
  return std::nullopt;
}

std::string default_description(const SecurityGroupConfig& config) {
  return config.description.empty() ? config.name + " (managed by edustack)" : config.description;
}
}  // namespace

SecurityGroup::SecurityGroup(core::Construct& scope, std::string_view id,
                             SecurityGroupConfig config)
    : core::Construct(scope, id) {
  group_ = &make<aws::SecurityGroup>(
      "group", aws::SecurityGroupConfig{.description = default_description(config),
                                        .name = config.name,
                                        .vpc_id = config.vpc_id});
  ConfigProblems problems(*this);
  problems.name("name", config.name, kSecurityGroupName);
  problems.add_if("description", description_problem(default_description(config)));
  problems.throw_if_any();
  // An explicit empty list removes the all-traffic egress rule AWS adds to new groups.
  group_->config().egress = core::ObjectList<aws::SecurityGroupEgress>::none();
  group_->config().ingress = core::ObjectList<aws::SecurityGroupIngress>::none();
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
  check_cidr_rule(*this, cidr, port, true);
  make<aws::VpcSecurityGroupIngressRule>(
      next_id("ingress"), aws::VpcSecurityGroupIngressRuleConfig{.cidr_ipv4 = std::string(cidr),
                                                                 .description = description,
                                                                 .from_port = port,
                                                                 .ip_protocol = "tcp",
                                                                 .security_group_id = id(),
                                                                 .to_port = port});
}

void SecurityGroup::allow_to_cidr(std::string_view cidr, int port, std::string description) {
  check_cidr_rule(*this, cidr, port, false);
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

core::StringExpr SecurityGroup::id() const { return group_->id(); }
core::StringExpr SecurityGroup::arn() const { return group_->arn(); }

}  // namespace edustack::constructs
