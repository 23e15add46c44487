#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "edustack/constructs/required.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class CloudwatchDashboard;
class CloudwatchLogGroup;
class CloudwatchMetricAlarm;
}  // namespace edustack::aws

// Observability building blocks: encrypted log groups with a checked retention, typed metric
// alarms, and dashboards whose JSON body is built from typed widgets.
namespace edustack::constructs {

struct LogGroupConfig {
  std::string name;  // log group name rules: 1-512 of [A-Za-z0-9_-/.#]
  core::Required<core::String, required::kms_key_arn>
      kms_key_arn;             // the key's policy must let logs.<region> use it
  int retention_in_days = 90;  // one of the CloudWatch Logs retention periods
  bool skip_destroy = false;   // keep the logs when the group leaves the config
};

// A CloudWatch Logs group encrypted with a customer-managed KMS key and a retention period
// CloudWatch accepts (never "forever": 0 is rejected like any other unlisted value).
class LogGroup : public core::Construct {
 public:
  LogGroup(core::Construct& scope, std::string_view id, LogGroupConfig config);

  core::StringExpr name() const;
  core::StringExpr arn() const;
  const aws::CloudwatchLogGroup& resource() const noexcept { return *group_; }

 private:
  aws::CloudwatchLogGroup* group_ = nullptr;
};

// One CloudWatch metric, as an alarm watches it or a dashboard draws it.
struct Metric {
  std::string namespace_;                          // "AWS/ECS", "AWS/ApiGateway", ...
  std::string metric_name;                         // "CPUUtilization"
  std::map<std::string, core::String> dimensions;  // {"ClusterName", cluster.name()}
  // "Average", "Sum", "Minimum", "Maximum", "SampleCount", or a percentile "p50".."p99.9".
  std::string statistic = "Average";
  int period = 60;    // seconds: 10, 20, 30 or a multiple of 60
  std::string label;  // dashboards only; empty: CloudWatch's default label
};

enum class Comparison {
  greater_than_threshold,
  greater_than_or_equal_to_threshold,
  less_than_threshold,
  less_than_or_equal_to_threshold,
};

struct MetricAlarmConfig {
  std::string name;  // alarm name rules: 1-255 characters
  std::string description;
  Metric metric;
  double threshold = 0;
  Comparison comparison = Comparison::greater_than_threshold;
  int evaluation_periods = 3;   // 1 or more
  int datapoints_to_alarm = 0;  // 0: all evaluation periods must breach
  // "missing", "notBreaching", "breaching" or "ignore". Default "notBreaching": a quiet metric
  // (no traffic) is not an incident.
  std::string treat_missing_data = "notBreaching";
  std::vector<core::String> alarm_actions;  // SNS topic ARNs, ...
  std::vector<core::String> ok_actions;
};

// A CloudWatch metric alarm on one typed metric.
class MetricAlarm : public core::Construct {
 public:
  MetricAlarm(core::Construct& scope, std::string_view id, MetricAlarmConfig config);

  core::StringExpr arn() const;
  core::StringExpr name() const;
  const aws::CloudwatchMetricAlarm& resource() const noexcept { return *alarm_; }

 private:
  aws::CloudwatchMetricAlarm* alarm_ = nullptr;
};

// Where a widget sits on the 24-column dashboard grid.
struct WidgetLayout {
  int x = 0;       // 0-23
  int y = 0;       // 0 or more
  int width = 12;  // 1-24, and x + width <= 24
  int height = 6;  // 1-1000
};

struct MetricWidget {
  std::string title;
  std::vector<Metric> metrics;  // one line each; at least one
  WidgetLayout layout;
  std::string view = "timeSeries";  // "timeSeries", "singleValue", "bar" or "pie"
  bool stacked = false;
  int period = 300;  // seconds the graph aggregates over
};

struct TextWidget {
  std::string markdown;  // non-empty
  WidgetLayout layout = {.width = 24, .height = 2};
};

using Widget = std::variant<MetricWidget, TextWidget>;

struct DashboardConfig {
  std::string name;  // 1-255 of [A-Za-z0-9_-]
  std::vector<Widget> widgets;
};

// A CloudWatch dashboard. The body is built from typed widgets and serialized with
// jsonencode(), so references (an ALB's arn_suffix, a cluster name) resolve at apply time.
class Dashboard : public core::Construct {
 public:
  Dashboard(core::Construct& scope, std::string_view id, DashboardConfig config);

  core::StringExpr name() const;
  core::StringExpr arn() const;
  const aws::CloudwatchDashboard& resource() const noexcept { return *dashboard_; }

  // The dashboard body before jsonencode(): {"widgets": [...]}.
  static core::Value body(core::Construct& scope, const std::vector<Widget>& widgets);

 private:
  aws::CloudwatchDashboard* dashboard_ = nullptr;
};

}  // namespace edustack::constructs
