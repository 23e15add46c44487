// VPC 10.0.0.0/16: public and private subnets in eu-west-2a and eu-west-2c, internet gateway,
// route tables, private egress through VPC endpoints, flow logs.
#include "edustack/constructs/network.hpp"

#include "edustack/constructs/kms_key.hpp"
#include "parts.hpp"

namespace edustack::stacks {

void build_network(AssessmentStack& stack, AssessmentStack::Parts& parts) {
  const auto& config = stack.config();
  parts.network = &stack.make<constructs::Network>(
      "network", constructs::NetworkConfig{.name = stack.name("net"),
                                           .region = config.region,
                                           .vpc_cidr = config.vpc_cidr,
                                           .availability_zones = config.availability_zones,
                                           .flow_log_kms_key_arn = parts.logs_key->arn()});
}

}  // namespace edustack::stacks
