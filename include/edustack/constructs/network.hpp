#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/constructs/iam.hpp"
#include "edustack/constructs/required.hpp"
#include "edustack/constructs/security_group.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class CloudwatchLogGroup;
class InternetGateway;
class RouteTable;
class Vpc;
class VpcEndpoint;
}  // namespace edustack::aws

namespace edustack::constructs {

// How workloads in the private subnets reach AWS APIs (ECR, CloudWatch Logs, Secrets Manager,
// ...). See docs/constructs/network-and-data.md for why VPC endpoints are the default.
enum class PrivateEgress {
  // Interface endpoints for the services in NetworkConfig::interface_endpoints plus the S3
  // gateway endpoint: no route to the internet from the private subnets at all.
  vpc_endpoints,
  // A NAT gateway (and Elastic IP) in each AZ's public subnet, the private route table of that
  // AZ pointing 0.0.0.0/0 at it; the S3 gateway endpoint is still added (it is free).
  nat_gateway_per_az,
};

// The interface endpoints a Fargate service needs with no NAT: image pulls (ecr.api, ecr.dkr;
// layers come from S3 through the gateway endpoint), awslogs, secrets in task definitions, the
// X-Ray daemon, KMS decryption and STS for the task role.
inline const std::vector<std::string>& default_interface_endpoints() {
  static const std::vector<std::string> services{"ecr.api", "ecr.dkr", "logs", "secretsmanager",
                                                 "xray",    "kms",     "sts"};
  return services;
}

struct NetworkConfig {
  // Required: prefix of every Name tag and resource name ("edu-dev"); 1-48 letters, digits, '-'.
  std::string name;
  // Required: the region the availability zones must belong to ("eu-west-2").
  std::string region;
  // The VPC's IPv4 block, /16 to /28. Default 10.0.0.0/16.
  std::string vpc_cidr = "10.0.0.0/16";
  // Required: one public and one private subnet in each ("eu-west-2a", "eu-west-2c"); at least
  // one, no repeats, each in `region`.
  std::vector<std::string> availability_zones;
  // Prefix bits added to the VPC's for each subnet (default 8: /24 subnets of a /16). Public
  // subnet i gets cidrsubnet(vpc_cidr, newbits, i), private subnet i gets index n + i (n = number
  // of AZs): 10.0.0.0/24, 10.0.1.0/24 public and 10.0.2.0/24, 10.0.3.0/24 private for two AZs.
  int subnet_newbits = 8;
  // Explicit subnet blocks, one per AZ in the same order; empty (the default) computes them as
  // above. Each must lie inside vpc_cidr and overlap no other subnet.
  std::vector<std::string> public_subnet_cidrs;
  std::vector<std::string> private_subnet_cidrs;
  // Default vpc_endpoints (no NAT gateways).
  PrivateEgress private_egress = PrivateEgress::vpc_endpoints;
  // Interface endpoint services (the part after "com.amazonaws.<region>."), used with
  // PrivateEgress::vpc_endpoints. Default: default_interface_endpoints(). Add "kinesis-streams"
  // and others your workloads call.
  std::vector<std::string> interface_endpoints = default_interface_endpoints();
  // Required: KMS key for the flow-log group. Its key policy must let
  // logs.<region>.amazonaws.com use it (KmsKeyConfig::service_principals).
  core::Required<core::String, required::flow_log_kms_key_arn> flow_log_kms_key_arn;
  // Days the flow logs are kept: a CloudWatch Logs retention value. Default 365.
  int flow_log_retention_days = 365;
  // ACCEPT, REJECT or ALL (the default).
  std::string flow_log_traffic_type = "ALL";
};

// A VPC with DNS support and hostnames, a public and a private subnet per AZ, an internet
// gateway, a public route table (0.0.0.0/0 to the gateway) and one private route table per AZ,
// private egress as configured, the S3 gateway endpoint, VPC flow logs (all traffic) to a
// KMS-encrypted log group through their own role, and the default security group emptied of
// every rule so nothing can use it by accident.
// Every problem in the config is reported at once, before anything is created: one ConfigError
// with a "[path] field: message" line per problem.
class Network : public core::Construct {
 public:
  Network(core::Construct& scope, std::string_view id, NetworkConfig config);

  core::StringExpr vpc_id() const;
  const std::string& vpc_cidr() const noexcept { return vpc_cidr_; }
  const std::vector<std::string>& availability_zones() const noexcept { return zones_; }
  // One per AZ, in the order of NetworkConfig::availability_zones.
  const std::vector<core::StringExpr>& public_subnet_ids() const noexcept { return public_ids_; }
  const std::vector<core::StringExpr>& private_subnet_ids() const noexcept { return private_ids_; }
  const std::vector<std::string>& public_subnet_cidrs() const noexcept { return public_cidrs_; }
  const std::vector<std::string>& private_subnet_cidrs() const noexcept { return private_cidrs_; }
  core::StringExpr public_route_table_id() const;
  const std::vector<core::StringExpr>& private_route_table_ids() const noexcept {
    return private_route_table_ids_;
  }
  // The security group of the interface endpoints (443 from the VPC CIDR); nullptr with NAT
  // gateways.
  SecurityGroup* endpoints_security_group() noexcept { return endpoints_group_; }
  // The S3 gateway endpoint's prefix list, for egress rules to S3 (ECR image layers).
  core::StringExpr s3_prefix_list_id() const;
  const aws::Vpc& vpc() const noexcept { return *vpc_; }
  const aws::CloudwatchLogGroup& flow_log_group() const noexcept { return *flow_log_group_; }

 private:
  // The parts, created in this order by the constructor.
  const aws::InternetGateway& add_vpc(const NetworkConfig& config);
  void add_zone(const NetworkConfig& config, std::size_t index,
                const aws::InternetGateway& gateway);
  void add_endpoints(const NetworkConfig& config);
  void add_flow_logs(const NetworkConfig& config);

  std::vector<std::string> zones_;
  std::string vpc_cidr_;
  std::vector<std::string> public_cidrs_;
  std::vector<std::string> private_cidrs_;
  aws::Vpc* vpc_ = nullptr;
  aws::RouteTable* public_route_table_ = nullptr;
  aws::VpcEndpoint* s3_endpoint_ = nullptr;
  aws::CloudwatchLogGroup* flow_log_group_ = nullptr;
  SecurityGroup* endpoints_group_ = nullptr;
  std::vector<core::StringExpr> public_ids_;
  std::vector<core::StringExpr> private_ids_;
  std::vector<core::StringExpr> private_route_table_ids_;
};

}  // namespace edustack::constructs
