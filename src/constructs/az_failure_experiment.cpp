#include "edustack/constructs/az_failure_experiment.hpp"

#include "edustack/aws/fis_experiment_template.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

core::StringExpr join(std::vector<core::Value> parts) {
  return core::Expression::interpolation(std::move(parts)).as<std::string>();
}

}  // namespace

long iso8601_duration_seconds(std::string_view text) {
  if (text.size() < 4 || text.substr(0, 2) != "PT") return -1;
  long total = 0;
  long number = -1;
  int last_unit = 0;  // H = 1, M = 2, S = 3: each at most once, in that order
  for (char c : text.substr(2)) {
    if (c >= '0' && c <= '9') {
      number = (number < 0 ? 0 : number) * 10 + (c - '0');
      if (number > 1000000) return -1;
      continue;
    }
    int unit = c == 'H' ? 1 : c == 'M' ? 2 : c == 'S' ? 3 : 0;
    if (unit == 0 || unit <= last_unit || number < 0) return -1;
    total += number * (unit == 1 ? 3600 : unit == 2 ? 60 : 1);
    number = -1;
    last_unit = unit;
  }
  return number >= 0 ? -1 : total;
}

namespace {

void check_config(const AzFailureExperimentConfig& config, ConfigProblems& problems) {
  if (config.availability_zone.empty()) {
    problems.add("availability_zone", "name the availability zone to fail");
  } else if (!config.region.empty()) {
    problems.availability_zone("availability_zone", config.availability_zone, config.region);
  }
  std::string description = config.description.empty()
                                ? "Simulate the loss of " + config.availability_zone
                                : config.description;
  if (description.size() > 512) {
    problems.add("description", std::to_string(description.size()) + " characters; 512 at most");
  }
  long seconds = iso8601_duration_seconds(config.duration);
  if (seconds < 0) {
    problems.add("duration", "\"" + config.duration +
                                 "\" is not an ISO-8601 duration of hours, minutes and seconds "
                                 "(PT10M)");
  } else if (seconds < 60 || seconds > 12 * 3600) {
    problems.add("duration", "\"" + config.duration + "\" is outside 1 minute to 12 hours");
  }
  const std::string& scope_name = config.disruption_scope;
  if (scope_name != "all" && scope_name != "availability-zone" && scope_name != "dynamodb" &&
      scope_name != "prefix-list" && scope_name != "s3") {
    problems.add("disruption_scope", "\"" + scope_name +
                                         "\" is not all, availability-zone, dynamodb, "
                                         "prefix-list or s3");
  }
  bool stop_tasks = config.ecs_cluster_name.is_set();
  if (stop_tasks != config.ecs_service_name.is_set()) {
    problems.add("ecs_service_name", "give both ecs_cluster_name and ecs_service_name, or neither");
  }
  if (config.subnet_arns.empty() && !stop_tasks) {
    problems.add("subnet_arns",
                 "nothing to disrupt: give the zone's subnets, an ECS service, or both");
  }
  if (config.stop_condition_alarm_arns.empty()) {
    problems.add("stop_condition_alarm_arns",
                 "an experiment needs at least one CloudWatch alarm that stops it");
  }
}

// ARNs in the experiment's account, partition and region.
struct ZoneArns {
  core::StringExpr account;
  core::StringExpr partition;
  core::StringExpr region;

  core::StringExpr operator()(const char* service, std::vector<core::Value> resource) const {
    std::vector<core::Value> parts{
        "arn:", partition, std::string(":") + service + ":", region, ":", account, ":"};
    for (auto& part : resource) parts.push_back(std::move(part));
    return join(std::move(parts));
  }
};

// What the experiment does: the role's statements and the template's actions and targets.
struct Disruption {
  std::vector<PolicyStatement> statements;
  std::vector<aws::FisExperimentTemplateAction> actions;
  std::vector<aws::FisExperimentTemplateTarget> targets;
};

// Cut the zone's subnets off with a FIS-managed network ACL (aws:network:disrupt-connectivity).
void disrupt_zone_network(const AzFailureExperimentConfig& config, const ZoneArns& arn,
                          Disruption& out) {
  core::StringExpr acls = arn("ec2", {"network-acl/*"});
  core::Value fis_tag = core::Value::Object{{"aws:RequestTag/managedByFIS", "true"}};
  out.statements.push_back(
      {.sid = "DescribeNetwork",
       .actions = {"ec2:DescribeManagedPrefixLists", "ec2:DescribeNetworkAcls",
                   "ec2:DescribeSubnets", "ec2:DescribeVpcEndpoints", "ec2:DescribeVpcs"},
       .resources = {"*"}});
  out.statements.push_back({.sid = "ReadPrefixLists",
                            .actions = {"ec2:GetManagedPrefixListEntries"},
                            .resources = {arn("ec2", {"prefix-list/*"})}});
  out.statements.push_back({.sid = "CreateFisNetworkAcl",
                            .actions = {"ec2:CreateNetworkAcl"},
                            .resources = {acls},
                            .conditions = core::Value::Object{{"StringEquals", fis_tag}}});
  out.statements.push_back({.sid = "CreateNetworkAclInVpc",
                            .actions = {"ec2:CreateNetworkAcl"},
                            .resources = {arn("ec2", {"vpc/*"})}});
  core::Value tag_on_create = fis_tag;
  tag_on_create["ec2:CreateAction"] = "CreateNetworkAcl";
  out.statements.push_back({.sid = "TagFisNetworkAcl",
                            .actions = {"ec2:CreateTags"},
                            .resources = {acls},
                            .conditions = core::Value::Object{{"StringEquals", tag_on_create}}});
  out.statements.push_back(
      {.sid = "EditFisNetworkAcl",
       .actions = {"ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"},
       .resources = {acls},
       .conditions = core::Value::Object{
           {"StringEquals", core::Value::Object{{"ec2:ResourceTag/managedByFIS", "true"}}}}});
  std::vector<core::String> swap{acls};
  for (const auto& subnet : config.subnet_arns) swap.push_back(subnet);
  out.statements.push_back({.sid = "SwapNetworkAcl",
                            .actions = {"ec2:ReplaceNetworkAclAssociation"},
                            .resources = std::move(swap)});
  out.targets.push_back({.name = "zone-subnets",
                         .resource_arns = config.subnet_arns,
                         .resource_type = "aws:ec2:subnet",
                         .selection_mode = "ALL"});
  out.actions.push_back({.action_id = "aws:network:disrupt-connectivity",
                         .description = "Cut the network of " + config.availability_zone,
                         .name = "disrupt-zone-network",
                         .parameter = {{.key = "duration", .value = config.duration},
                                       {.key = "scope", .value = config.disruption_scope}},
                         .target = {{.key = "Subnets", .value = "zone-subnets"}}});
}

// Stop the service's tasks in the zone (aws:ecs:stop-task).
void stop_zone_tasks(const AzFailureExperimentConfig& config, const ZoneArns& arn,
                     Disruption& out) {
  out.statements.push_back(
      {.sid = "FindTasks", .actions = {"ecs:DescribeTasks", "ecs:ListTasks"}, .resources = {"*"}});
  out.statements.push_back(
      {.sid = "StopServiceTasks",
       .actions = {"ecs:StopTask"},
       .resources = {arn("ecs", {"task/", config.ecs_cluster_name.value(), "/*"})}});
  out.targets.push_back(
      {.filter = {{.path = "AvailabilityZone", .values = {config.availability_zone}}},
       .name = "zone-tasks",
       .parameters = {{"cluster", config.ecs_cluster_name}, {"service", config.ecs_service_name}},
       .resource_type = "aws:ecs:task",
       .selection_mode = "ALL"});
  out.actions.push_back({.action_id = "aws:ecs:stop-task",
                         .description = "Stop the service's tasks in " + config.availability_zone,
                         .name = "stop-zone-tasks",
                         .target = {{.key = "Tasks", .value = "zone-tasks"}}});
}

}  // namespace

AzFailureExperiment::AzFailureExperiment(core::Construct& scope, std::string_view id,
                                         AzFailureExperimentConfig config)
    : core::Construct(scope, id) {
  // Every config problem is reported (all of them, in one ConfigError) before any part is created.
  ConfigProblems problems(*this);
  check_config(config, problems);
  problems.throw_if_any();
  const std::string description = config.description.empty()
                                      ? "Simulate the loss of " + config.availability_zone
                                      : config.description;
  const bool stop_tasks = config.ecs_cluster_name.is_set();

  core::StringExpr account = account_id(*this);
  ZoneArns arn{account, partition(*this), region_name(*this)};

  // --- role ---------------------------------------------------------------------------------
  Disruption disruption;
  if (!config.subnet_arns.empty()) disrupt_zone_network(config, arn, disruption);
  if (stop_tasks) stop_zone_tasks(config, arn, disruption);
  std::vector<PolicyStatement>& statements = disruption.statements;
  if (config.log_group_arn.is_set()) {
    statements.push_back({.sid = "DeliverExperimentLogs",
                          .actions = {"logs:CreateLogDelivery", "logs:PutResourcePolicy",
                                      "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"},
                          .resources = {"*"}});
  }
  role_ = &make<Role>(
      "role",
      RoleConfig{.name = config.name + "-fis",
                 .assumed_by = {"fis.amazonaws.com"},
                 .trust_conditions =
                     core::Value::Object{
                         {"StringEquals", core::Value::Object{{"aws:SourceAccount", account}}}},
                 .statements = std::move(statements),
                 .description = "FIS: " + description});

  // --- template -----------------------------------------------------------------------------
  std::vector<aws::FisExperimentTemplateStopCondition> stops;
  for (const auto& alarm : config.stop_condition_alarm_arns) {
    stops.push_back({.source = "aws:cloudwatch:alarm", .value = alarm});
  }
  template_ = &make<aws::FisExperimentTemplate>(
      "template", aws::FisExperimentTemplateConfig{.action = std::move(disruption.actions),
                                                   .description = description,
                                                   .role_arn = role_->arn(),
                                                   .stop_condition = std::move(stops),
                                                   .target = std::move(disruption.targets)});
  if (config.log_group_arn.is_set()) {
    aws::FisExperimentTemplateLogConfiguration logs{.log_schema_version = 2};
    logs.cloudwatch_logs_configuration =
        aws::FisExperimentTemplateLogConfigurationCloudwatchLogsConfiguration{
            .log_group_arn = join({config.log_group_arn.value(), ":*"})};
    template_->config().log_configuration = std::move(logs);
  }
}

core::StringExpr AzFailureExperiment::id() const { return template_->id(); }

}  // namespace edustack::constructs
