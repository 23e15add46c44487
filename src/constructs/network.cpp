#include "edustack/constructs/network.hpp"

#include <algorithm>

#include "edustack/aws/default_security_group.hpp"
#include "edustack/aws/eip.hpp"
#include "edustack/aws/nat_gateway.hpp"
#include "edustack/aws/route.hpp"
#include "edustack/aws/route_table_association.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

constexpr NameRule kNetworkName{"network name", 1, 48, "-", false, false, true};
constexpr NameRule kEndpointService{"endpoint service", 1, 64, ".-", true, true, true};

std::string dashed(std::string text) {
  std::replace(text.begin(), text.end(), '.', '-');
  return text;
}

// Subnet blocks for one tier: the explicit ones, checked, or the computed ones.
std::vector<Cidr> tier_cidrs(const core::Construct& owner, const char* field,
                             const std::vector<std::string>& explicit_cidrs, const Cidr& vpc,
                             int newbits, std::uint32_t first_index, std::size_t zones) {
  std::vector<Cidr> out;
  if (explicit_cidrs.empty()) {
    for (std::size_t i = 0; i < zones; ++i) {
      out.push_back(vpc.subnet(newbits, first_index + static_cast<std::uint32_t>(i)));
    }
    return out;
  }
  if (explicit_cidrs.size() != zones) {
    throw ConfigError(owner.node().path(), field,
                      std::to_string(explicit_cidrs.size()) + " CIDR blocks for " +
                          std::to_string(zones) + " availability zones; give one per zone");
  }
  for (std::size_t i = 0; i < explicit_cidrs.size(); ++i) {
    std::string where = std::string(field) + "[" + std::to_string(i) + "]";
    Cidr cidr = check_cidr(owner, where, explicit_cidrs[i]);
    if (!vpc.contains(cidr)) {
      throw ConfigError(owner.node().path(), where,
                        cidr.to_string() + " is outside the VPC CIDR block " + vpc.to_string());
    }
    if (cidr.prefix > 28) {
      throw ConfigError(owner.node().path(), where,
                        cidr.to_string() + " is smaller than /28, the smallest AWS subnet");
    }
    out.push_back(cidr);
  }
  return out;
}

}  // namespace

Network::Network(core::Construct& scope, std::string_view id, NetworkConfig config)
    : core::Construct(scope, id), zones_(config.availability_zones) {
  // Input checks, all before anything is created.
  check_name(*this, "name", config.name, kNetworkName);
  if (config.region.empty()) {
    throw ConfigError(node().path(), "region", "the region is required (\"eu-west-2\")");
  }
  Cidr vpc = check_cidr(*this, "vpc_cidr", config.vpc_cidr);
  if (vpc.prefix < 16 || vpc.prefix > 28) {
    throw ConfigError(node().path(), "vpc_cidr",
                      vpc.to_string() + ": a VPC CIDR block has a prefix length from /16 to /28");
  }
  vpc_cidr_ = vpc.to_string();
  if (zones_.empty()) {
    throw ConfigError(node().path(), "availability_zones",
                      "a network needs at least one availability zone");
  }
  for (std::size_t i = 0; i < zones_.size(); ++i) {
    std::string where = "availability_zones[" + std::to_string(i) + "]";
    check_availability_zone(*this, where, zones_[i], config.region);
    if (std::find(zones_.begin(), zones_.begin() + static_cast<std::ptrdiff_t>(i), zones_[i]) !=
        zones_.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw ConfigError(node().path(), where, "\"" + zones_[i] + "\" is listed twice");
    }
  }
  const std::size_t n = zones_.size();
  if (config.public_subnet_cidrs.empty() || config.private_subnet_cidrs.empty()) {
    if (config.subnet_newbits < 1 || vpc.prefix + config.subnet_newbits > 28) {
      throw ConfigError(node().path(), "subnet_newbits",
                        std::to_string(config.subnet_newbits) + " new bits on " + vpc.to_string() +
                            " do not give subnets from /" + std::to_string(vpc.prefix + 1) +
                            " to /28");
    }
    if ((std::uint64_t{1} << config.subnet_newbits) < 2 * n) {
      throw ConfigError(node().path(), "subnet_newbits",
                        std::to_string(n) + " availability zones need " + std::to_string(2 * n) +
                            " subnets; " + std::to_string(config.subnet_newbits) +
                            " new bits give only " +
                            std::to_string(std::uint64_t{1} << config.subnet_newbits));
    }
  }
  std::vector<Cidr> publics = tier_cidrs(*this, "public_subnet_cidrs", config.public_subnet_cidrs,
                                         vpc, config.subnet_newbits, 0, n);
  std::vector<Cidr> privates =
      tier_cidrs(*this, "private_subnet_cidrs", config.private_subnet_cidrs, vpc,
                 config.subnet_newbits, static_cast<std::uint32_t>(n), n);
  // No two subnets may overlap (computed ones never do; explicit ones, or a mix, may).
  std::vector<std::pair<std::string, Cidr>> all;
  for (std::size_t i = 0; i < n; ++i) {
    all.emplace_back("public_subnet_cidrs[" + std::to_string(i) + "]", publics[i]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    all.emplace_back("private_subnet_cidrs[" + std::to_string(i) + "]", privates[i]);
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (all[i].second.overlaps(all[j].second)) {
        throw ConfigError(node().path(), all[i].first,
                          all[i].second.to_string() + " overlaps " + all[j].first + " (" +
                              all[j].second.to_string() + ")");
      }
    }
  }
  for (std::size_t i = 0; i < config.interface_endpoints.size(); ++i) {
    check_name(*this, "interface_endpoints[" + std::to_string(i) + "]",
               config.interface_endpoints[i], kEndpointService);
  }
  check_log_retention(*this, "flow_log_retention_days", config.flow_log_retention_days);
  if (config.flow_log_traffic_type != "ALL" && config.flow_log_traffic_type != "ACCEPT" &&
      config.flow_log_traffic_type != "REJECT") {
    throw ConfigError(node().path(), "flow_log_traffic_type",
                      "\"" + config.flow_log_traffic_type + "\" is not ACCEPT, REJECT or ALL");
  }
  check_name(*this, "name", config.name + "-flow-logs", kIamRoleName);

  const std::string& name = config.name;
  vpc_ = &make<aws::Vpc>("vpc", aws::VpcConfig{.cidr_block = vpc_cidr_,
                                               .enable_dns_hostnames = true,
                                               .enable_dns_support = true,
                                               .tags = {{"Name", name + "-vpc"}}});
  // The default security group cannot be deleted; with no rules it admits and emits nothing.
  make<aws::DefaultSecurityGroup>(
      "default_security_group",
      aws::DefaultSecurityGroupConfig{.egress = core::Value::List{},
                                      .ingress = core::Value::List{},
                                      .tags = {{"Name", name + "-default-do-not-use"}},
                                      .vpc_id = vpc_->id()});
  auto& gateway = make<aws::InternetGateway>(
      "internet_gateway",
      aws::InternetGatewayConfig{.tags = {{"Name", name + "-igw"}}, .vpc_id = vpc_->id()});
  public_route_table_ = &make<aws::RouteTable>(
      "public_route_table",
      aws::RouteTableConfig{.tags = {{"Name", name + "-public"}}, .vpc_id = vpc_->id()});
  make<aws::Route>("public_default_route",
                   aws::RouteConfig{.destination_cidr_block = "0.0.0.0/0",
                                    .gateway_id = gateway.id(),
                                    .route_table_id = public_route_table_->id()});

  for (std::size_t i = 0; i < n; ++i) {
    const std::string& zone = zones_[i];
    std::string suffix = zone.substr(config.region.size());  // "a"
    public_cidrs_.push_back(publics[i].to_string());
    private_cidrs_.push_back(privates[i].to_string());
    auto& public_subnet = make<aws::Subnet>(
        "public_" + suffix,
        aws::SubnetConfig{.availability_zone = zone,
                          .cidr_block = public_cidrs_.back(),
                          .map_public_ip_on_launch = false,
                          .tags = {{"Name", name + "-public-" + zone}, {"Tier", "public"}},
                          .vpc_id = vpc_->id()});
    auto& private_subnet = make<aws::Subnet>(
        "private_" + suffix,
        aws::SubnetConfig{.availability_zone = zone,
                          .cidr_block = private_cidrs_.back(),
                          .map_public_ip_on_launch = false,
                          .tags = {{"Name", name + "-private-" + zone}, {"Tier", "private"}},
                          .vpc_id = vpc_->id()});
    public_ids_.push_back(public_subnet.id());
    private_ids_.push_back(private_subnet.id());
    make<aws::RouteTableAssociation>(
        "public_" + suffix + "_association",
        aws::RouteTableAssociationConfig{.route_table_id = public_route_table_->id(),
                                         .subnet_id = public_subnet.id()});
    auto& private_table = make<aws::RouteTable>(
        "private_" + suffix + "_route_table",
        aws::RouteTableConfig{.tags = {{"Name", name + "-private-" + zone}}, .vpc_id = vpc_->id()});
    private_route_table_ids_.push_back(private_table.id());
    make<aws::RouteTableAssociation>(
        "private_" + suffix + "_association",
        aws::RouteTableAssociationConfig{.route_table_id = private_table.id(),
                                         .subnet_id = private_subnet.id()});
    if (config.private_egress == PrivateEgress::nat_gateway_per_az) {
      auto& eip = make<aws::Eip>(
          "nat_" + suffix + "_eip",
          aws::EipConfig{.domain = "vpc", .tags = {{"Name", name + "-nat-" + zone}}});
      auto& nat = make<aws::NatGateway>(
          "nat_" + suffix, aws::NatGatewayConfig{.allocation_id = eip.id(),
                                                 .subnet_id = public_subnet.id(),
                                                 .tags = {{"Name", name + "-nat-" + zone}}});
      nat.add_dependency(gateway);  // a NAT gateway needs the internet gateway attached first
      make<aws::Route>("private_" + suffix + "_default_route",
                       aws::RouteConfig{.destination_cidr_block = "0.0.0.0/0",
                                        .nat_gateway_id = nat.id(),
                                        .route_table_id = private_table.id()});
    }
  }

  const std::string service_prefix = "com.amazonaws." + config.region + ".";
  s3_endpoint_ = &make<aws::VpcEndpoint>(
      "s3_endpoint", aws::VpcEndpointConfig{.route_table_ids = private_route_table_ids_,
                                            .service_name = service_prefix + "s3",
                                            .tags = {{"Name", name + "-s3"}},
                                            .vpc_endpoint_type = "Gateway",
                                            .vpc_id = vpc_->id()});
  if (config.private_egress == PrivateEgress::vpc_endpoints &&
      !config.interface_endpoints.empty()) {
    endpoints_group_ = &make<SecurityGroup>(
        "endpoints_security_group",
        SecurityGroupConfig{.name = name + "-endpoints",
                            .description = "Interface VPC endpoints of " + name,
                            .vpc_id = vpc_->id()});
    endpoints_group_->allow_from_cidr(vpc_cidr_, 443, "HTTPS to AWS APIs from the VPC");
    for (const auto& service : config.interface_endpoints) {
      std::string id_part = service;
      std::replace(id_part.begin(), id_part.end(), '.', '_');
      std::replace(id_part.begin(), id_part.end(), '-', '_');
      make<aws::VpcEndpoint>(
          "endpoint_" + id_part,
          aws::VpcEndpointConfig{.private_dns_enabled = true,
                                 .security_group_ids = {endpoints_group_->id()},
                                 .service_name = service_prefix + service,
                                 .subnet_ids = private_ids_,
                                 .tags = {{"Name", name + "-" + dashed(service)}},
                                 .vpc_endpoint_type = "Interface",
                                 .vpc_id = vpc_->id()});
    }
  }

  // Flow logs: every accepted and rejected flow of the VPC, to an encrypted log group.
  flow_log_group_ = &make<aws::CloudwatchLogGroup>(
      "flow_log_group",
      aws::CloudwatchLogGroupConfig{.kms_key_id = config.flow_log_kms_key_arn,
                                    .name = "/aws/vpc/flow-logs/" + name,
                                    .retention_in_days = config.flow_log_retention_days});
  core::Value same_account = core::Value::Object{
      {"StringEquals", core::Value::Object{{"aws:SourceAccount", account_id(*this)}}}};
  auto& role = make<Role>(
      "flow_log_role",
      RoleConfig{
          .name = name + "-flow-logs",
          .assumed_by = {"vpc-flow-logs.amazonaws.com"},
          .trust_conditions = same_account,
          .statements = {{.sid = "WriteFlowLogs",
                          .actions = {"logs:CreateLogStream", "logs:PutLogEvents",
                                      "logs:DescribeLogGroups", "logs:DescribeLogStreams"},
                          .resources = {flow_log_group_->arn(), flow_log_group_->arn() + ":*"}}},
          .description = "VPC flow logs of " + name + " to CloudWatch Logs"});
  make<aws::FlowLog>("flow_log", aws::FlowLogConfig{.iam_role_arn = role.arn(),
                                                    .log_destination = flow_log_group_->arn(),
                                                    .log_destination_type = "cloud-watch-logs",
                                                    .max_aggregation_interval = 60,
                                                    .tags = {{"Name", name + "-flow-logs"}},
                                                    .traffic_type = config.flow_log_traffic_type,
                                                    .vpc_id = vpc_->id()});
}

}  // namespace edustack::constructs
