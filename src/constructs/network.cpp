#include "edustack/constructs/network.hpp"

#include <algorithm>

#include "edustack/aws/cloudwatch_log_group.hpp"
#include "edustack/aws/default_security_group.hpp"
#include "edustack/aws/eip.hpp"
#include "edustack/aws/flow_log.hpp"
#include "edustack/aws/internet_gateway.hpp"
#include "edustack/aws/nat_gateway.hpp"
#include "edustack/aws/route.hpp"
#include "edustack/aws/route_table.hpp"
#include "edustack/aws/route_table_association.hpp"
#include "edustack/aws/subnet.hpp"
#include "edustack/aws/vpc.hpp"
#include "edustack/aws/vpc_endpoint.hpp"
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

// The subnet blocks of both tiers, once the config is known to be valid.
struct SubnetPlan {
  Cidr vpc;
  std::vector<Cidr> publics;
  std::vector<Cidr> privates;
};

void check_zones(const NetworkConfig& config, ConfigProblems& problems) {
  const auto& zones = config.availability_zones;
  if (zones.empty()) {
    problems.add("availability_zones", "a network needs at least one availability zone");
  }
  for (std::size_t i = 0; i < zones.size(); ++i) {
    std::string where = "availability_zones[" + std::to_string(i) + "]";
    // Without a region every zone would be wrong: the region's own problem says enough.
    if (!config.region.empty()) problems.availability_zone(where, zones[i], config.region);
    if (std::find(zones.begin(), zones.begin() + static_cast<std::ptrdiff_t>(i), zones[i]) !=
        zones.begin() + static_cast<std::ptrdiff_t>(i)) {
      problems.add(where, "\"" + zones[i] + "\" is listed twice");
    }
  }
}

// Whether subnet_newbits can give the computed blocks (only checked when some are computed).
bool check_newbits(const NetworkConfig& config, const Cidr& vpc, ConfigProblems& problems) {
  const std::size_t n = config.availability_zones.size();
  if (config.subnet_newbits < 1 || vpc.prefix + config.subnet_newbits > 28) {
    problems.add("subnet_newbits", std::to_string(config.subnet_newbits) + " new bits on " +
                                       vpc.to_string() + " do not give subnets from /" +
                                       std::to_string(vpc.prefix + 1) + " to /28");
    return false;
  }
  if ((std::uint64_t{1} << config.subnet_newbits) < 2 * n) {
    problems.add("subnet_newbits",
                 std::to_string(n) + " availability zones need " + std::to_string(2 * n) +
                     " subnets; " + std::to_string(config.subnet_newbits) + " new bits give only " +
                     std::to_string(std::uint64_t{1} << config.subnet_newbits));
    return false;
  }
  return true;
}

// Subnet blocks for one tier: the explicit ones, checked, or the computed ones (only when the
// new bits are valid). Empty when a block has a problem.
std::vector<Cidr> tier_cidrs(ConfigProblems& problems, const char* field,
                             const std::vector<std::string>& explicit_cidrs, const Cidr& vpc,
                             int newbits, std::uint32_t first_index, std::size_t zones,
                             bool newbits_ok) {
  std::vector<Cidr> out;
  if (explicit_cidrs.empty()) {
    for (std::size_t i = 0; newbits_ok && i < zones; ++i) {
      out.push_back(vpc.subnet(newbits, first_index + static_cast<std::uint32_t>(i)));
    }
    return out;
  }
  if (explicit_cidrs.size() != zones) {
    problems.add(field, std::to_string(explicit_cidrs.size()) + " CIDR blocks for " +
                            std::to_string(zones) + " availability zones; give one per zone");
    return {};
  }
  bool ok = true;
  for (std::size_t i = 0; i < explicit_cidrs.size(); ++i) {
    std::string where = std::string(field) + "[" + std::to_string(i) + "]";
    std::optional<Cidr> cidr = problems.cidr(where, explicit_cidrs[i]);
    if (!cidr) {
      ok = false;
    } else if (!vpc.contains(*cidr)) {
      problems.add(where, cidr->to_string() + " is outside the VPC CIDR block " + vpc.to_string());
      ok = false;
    } else if (cidr->prefix > 28) {
      problems.add(where, cidr->to_string() + " is smaller than /28, the smallest AWS subnet");
      ok = false;
    }
    if (cidr) out.push_back(*cidr);
  }
  return ok ? out : std::vector<Cidr>{};
}

// No two subnets may overlap (computed ones never do; explicit ones, or a mix, may).
void check_overlaps(const SubnetPlan& plan, ConfigProblems& problems) {
  std::vector<std::pair<std::string, Cidr>> all;
  for (std::size_t i = 0; i < plan.publics.size(); ++i) {
    all.emplace_back("public_subnet_cidrs[" + std::to_string(i) + "]", plan.publics[i]);
  }
  for (std::size_t i = 0; i < plan.privates.size(); ++i) {
    all.emplace_back("private_subnet_cidrs[" + std::to_string(i) + "]", plan.privates[i]);
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (all[i].second.overlaps(all[j].second)) {
        problems.add(all[i].first, all[i].second.to_string() + " overlaps " + all[j].first + " (" +
                                       all[j].second.to_string() + ")");
      }
    }
  }
}

// The VPC block and both tiers of subnet blocks; every address problem is added.
SubnetPlan check_addresses(const NetworkConfig& config, ConfigProblems& problems) {
  SubnetPlan plan;
  std::optional<Cidr> vpc = problems.cidr("vpc_cidr", config.vpc_cidr);
  if (!vpc) return plan;
  if (vpc->prefix < 16 || vpc->prefix > 28) {
    problems.add("vpc_cidr",
                 vpc->to_string() + ": a VPC CIDR block has a prefix length from /16 to /28");
    return plan;
  }
  plan.vpc = *vpc;
  const std::size_t n = config.availability_zones.size();
  if (n == 0) return plan;
  bool newbits_ok = true;
  if (config.public_subnet_cidrs.empty() || config.private_subnet_cidrs.empty()) {
    newbits_ok = check_newbits(config, *vpc, problems);
  }
  plan.publics = tier_cidrs(problems, "public_subnet_cidrs", config.public_subnet_cidrs, *vpc,
                            config.subnet_newbits, 0, n, newbits_ok);
  plan.privates = tier_cidrs(problems, "private_subnet_cidrs", config.private_subnet_cidrs, *vpc,
                             config.subnet_newbits, static_cast<std::uint32_t>(n), n, newbits_ok);
  check_overlaps(plan, problems);
  return plan;
}

void check_names_and_logs(const NetworkConfig& config, ConfigProblems& problems) {
  for (std::size_t i = 0; i < config.interface_endpoints.size(); ++i) {
    problems.name("interface_endpoints[" + std::to_string(i) + "]", config.interface_endpoints[i],
                  kEndpointService);
  }
  problems.log_retention("flow_log_retention_days", config.flow_log_retention_days);
  if (config.flow_log_traffic_type != "ALL" && config.flow_log_traffic_type != "ACCEPT" &&
      config.flow_log_traffic_type != "REJECT") {
    problems.add("flow_log_traffic_type",
                 "\"" + config.flow_log_traffic_type + "\" is not ACCEPT, REJECT or ALL");
  }
}

// Every problem of the config, in one ConfigError; the subnet blocks when there is none.
SubnetPlan checked_plan(const core::Construct& owner, const NetworkConfig& config) {
  ConfigProblems problems(owner);
  // The flow log role is "<name>-flow-logs": the name must make a valid role name too.
  if (problems.name("name", config.name, kNetworkName)) {
    problems.name("name", config.name + "-flow-logs", kIamRoleName);
  }
  if (config.region.empty()) problems.add("region", "the region is required (\"eu-west-2\")");
  check_zones(config, problems);
  SubnetPlan plan = check_addresses(config, problems);
  check_names_and_logs(config, problems);
  problems.throw_if_any();
  return plan;
}

}  // namespace

// The parts: the VPC and its public routing, then a public and a private subnet (and their
// routing) per zone, the endpoints, the flow logs. Every config problem is reported (all of them,
// in one ConfigError) before any part is created.
Network::Network(core::Construct& scope, std::string_view id, NetworkConfig config)
    : core::Construct(scope, id), zones_(config.availability_zones) {
  const SubnetPlan plan = checked_plan(*this, config);
  vpc_cidr_ = plan.vpc.to_string();
  const aws::InternetGateway& gateway = add_vpc(config);
  for (std::size_t i = 0; i < zones_.size(); ++i) {
    public_cidrs_.push_back(plan.publics[i].to_string());
    private_cidrs_.push_back(plan.privates[i].to_string());
    add_zone(config, i, gateway);
  }
  add_endpoints(config);
  add_flow_logs(config);
}

// The VPC, its (closed) default security group, the internet gateway and the public route table.
const aws::InternetGateway& Network::add_vpc(const NetworkConfig& config) {
  const std::string& name = config.name;
  vpc_ = &make<aws::Vpc>("vpc", aws::VpcConfig{.cidr_block = vpc_cidr_,
                                               .enable_dns_hostnames = true,
                                               .enable_dns_support = true,
                                               .tags = {{"Name", name + "-vpc"}}});
  // The default security group cannot be deleted; with no rules it admits and emits nothing.
  make<aws::DefaultSecurityGroup>(
      "default_security_group",
      aws::DefaultSecurityGroupConfig{
          .egress = core::ObjectList<aws::DefaultSecurityGroupEgress>::none(),
          .ingress = core::ObjectList<aws::DefaultSecurityGroupIngress>::none(),
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
  return gateway;
}

// Zone i: its public and private subnet (blocks already in public_cidrs_ / private_cidrs_), the
// private route table, and the NAT gateway when the private subnets egress through one.
void Network::add_zone(const NetworkConfig& config, std::size_t i,
                       const aws::InternetGateway& gateway) {
  const std::string& name = config.name;
  const std::string& zone = zones_[i];
  const std::string suffix = zone.substr(config.region.size());  // "a"
  auto subnet = [&](const std::string& tier, const std::string& cidr) -> aws::Subnet& {
    return make<aws::Subnet>(
        tier + "_" + suffix,
        aws::SubnetConfig{.availability_zone = zone,
                          .cidr_block = cidr,
                          .map_public_ip_on_launch = false,
                          .tags = {{"Name", name + "-" + tier + "-" + zone}, {"Tier", tier}},
                          .vpc_id = vpc_->id()});
  };
  auto& public_subnet = subnet("public", public_cidrs_[i]);
  auto& private_subnet = subnet("private", private_cidrs_[i]);
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
  if (config.private_egress != PrivateEgress::nat_gateway_per_az) return;
  auto& eip =
      make<aws::Eip>("nat_" + suffix + "_eip",
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

// The S3 gateway endpoint, and the interface endpoints (with their security group) when the
// private subnets have no NAT.
void Network::add_endpoints(const NetworkConfig& config) {
  const std::string& name = config.name;
  const std::string service_prefix = "com.amazonaws." + config.region + ".";
  s3_endpoint_ = &make<aws::VpcEndpoint>(
      "s3_endpoint", aws::VpcEndpointConfig{.route_table_ids = private_route_table_ids_,
                                            .service_name = service_prefix + "s3",
                                            .tags = {{"Name", name + "-s3"}},
                                            .vpc_endpoint_type = "Gateway",
                                            .vpc_id = vpc_->id()});
  if (config.private_egress != PrivateEgress::vpc_endpoints || config.interface_endpoints.empty()) {
    return;
  }
  endpoints_group_ =
      &make<SecurityGroup>("endpoints_security_group",
                           SecurityGroupConfig{.name = name + "-endpoints",
                                               .description = "Interface VPC endpoints of " + name,
                                               .vpc_id = vpc_->id()});
  endpoints_group_->allow_from_cidr(vpc_cidr_, 443, "HTTPS to AWS APIs from the VPC");
  for (const auto& service : config.interface_endpoints) {
    std::string id_part = service;
    std::replace(id_part.begin(), id_part.end(), '.', '_');
    std::replace(id_part.begin(), id_part.end(), '-', '_');
    make<aws::VpcEndpoint>("endpoint_" + id_part,
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
void Network::add_flow_logs(const NetworkConfig& config) {
  const std::string& name = config.name;
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

core::StringExpr Network::vpc_id() const { return vpc_->id(); }
core::StringExpr Network::public_route_table_id() const { return public_route_table_->id(); }
core::StringExpr Network::s3_prefix_list_id() const { return s3_endpoint_->prefix_list_id(); }

}  // namespace edustack::constructs
