#pragma once

#include <string>
#include <string_view>

#include "edustack/constructs/required.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class SecurityGroup;
}  // namespace edustack::aws

namespace edustack::constructs {

struct SecurityGroupConfig {
  std::string name;         // 1-255 characters
  std::string description;  // default "<name> (managed by edustack)"
  core::Required<core::String, required::vpc_id> vpc_id;
};

// A security group that starts with no rules at all (nothing in, nothing out) and is opened
// one port and one peer at a time. Rules are separate aws_vpc_security_group_*_rule resources,
// so each has its own description and changes one at a time.
class SecurityGroup : public core::Construct {
 public:
  SecurityGroup(core::Construct& scope, std::string_view id, SecurityGroupConfig config);

  core::StringExpr id() const;
  core::StringExpr arn() const;
  const aws::SecurityGroup& resource() const noexcept { return *group_; }

  // TCP from another group's members to this one on a port (and the matching egress rule on
  // the source, so both sides stay least-privilege).
  void allow_from(SecurityGroup& source, int port, std::string description);
  // TCP from a CIDR block on a port. 0.0.0.0/0 is only accepted for ports 80 and 443.
  void allow_from_cidr(std::string_view cidr, int port, std::string description);
  // TCP out to a CIDR block (HTTPS to AWS APIs, say) on a port.
  void allow_to_cidr(std::string_view cidr, int port, std::string description);
  // TCP out to a prefix list (the S3 gateway endpoint's) on a port.
  void allow_to_prefix_list(const core::String& prefix_list_id, int port, std::string description);

 private:
  std::string next_id(const char* kind);
  void allow_to(SecurityGroup& destination, int port, const std::string& description);

  aws::SecurityGroup* group_ = nullptr;
  int rules_ = 0;
};

}  // namespace edustack::constructs
