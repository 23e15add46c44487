#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "edustack/constructs/iam.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class FisExperimentTemplate;
}  // namespace edustack::aws

namespace edustack::constructs {

struct AzFailureExperimentConfig {
  std::string name;               // the role is "<name>-fis" (IAM role name rules)
  std::string description;        // default "Simulate the loss of <availability_zone>"; 512 at most
  std::string availability_zone;  // required: "eu-west-2a"
  std::string region;             // when set ("eu-west-2"), availability_zone must belong to it

  // Network disruption: every subnet of the zone loses connectivity (a deny-all network ACL
  // FIS swaps in, then restores) for `duration`. Empty: no network disruption.
  std::vector<core::String> subnet_arns;
  std::string disruption_scope = "all";  // all, availability-zone, dynamodb, prefix-list or s3

  // ECS tasks of this cluster and service running in the zone are stopped. Unset: none.
  core::String ecs_cluster_name;
  core::String ecs_service_name;

  std::string duration = "PT10M";  // ISO-8601, 1 minute to 12 hours ("PT5M", "PT1H30M")

  // CloudWatch alarms that stop the experiment when they fire: at least one.
  std::vector<core::String> stop_condition_alarm_arns;

  // Experiment logs to this CloudWatch log group (its ARN, without ":*"). Unset: no logs.
  core::String log_group_arn;
};

// An AWS FIS experiment template that simulates losing one availability zone: the zone's
// subnets lose network connectivity and/or the service's tasks in the zone are stopped, for a
// checked duration, stopped early by CloudWatch alarms. Its role may touch only what the
// actions need (FIS-tagged network ACLs, the given subnets, the cluster's tasks).
class AzFailureExperiment : public core::Construct {
 public:
  AzFailureExperiment(core::Construct& scope, std::string_view id,
                      AzFailureExperimentConfig config);

  core::StringExpr id() const;
  Role& role() noexcept { return *role_; }
  const aws::FisExperimentTemplate& resource() const noexcept { return *template_; }

 private:
  Role* role_ = nullptr;
  aws::FisExperimentTemplate* template_ = nullptr;
};

// Seconds in an ISO-8601 duration of hours, minutes and seconds ("PT1H30M" -> 5400), or -1
// when the text is not one.
long iso8601_duration_seconds(std::string_view text);

}  // namespace edustack::constructs
