#include "edustack/constructs/monitoring.hpp"

#include <charconv>

#include "edustack/aws/cloudwatch_dashboard.hpp"
#include "edustack/aws/cloudwatch_log_group.hpp"
#include "edustack/aws/cloudwatch_metric_alarm.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/core/functions.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

constexpr NameRule kDashboardName{"dashboard name", 1, 255, "-_"};

bool is_basic_statistic(const std::string& statistic) {
  return statistic == "Average" || statistic == "Sum" || statistic == "Minimum" ||
         statistic == "Maximum" || statistic == "SampleCount";
}

// "p50", "p99.9": a percentile between 0 and 100.
bool is_percentile(const std::string& statistic) {
  if (statistic.size() < 2 || statistic[0] != 'p') return false;
  double value = 0;
  const char* begin = statistic.data() + 1;
  const char* end = statistic.data() + statistic.size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  return ec == std::errc() && ptr == end && value >= 0 && value <= 100;
}

void check_metric(ConfigProblems& problems, const std::string& field, const Metric& metric) {
  if (metric.namespace_.empty()) problems.add(field + ".namespace_", "a metric needs a namespace");
  if (metric.metric_name.empty()) problems.add(field + ".metric_name", "a metric needs a name");
  if (!is_basic_statistic(metric.statistic) && !is_percentile(metric.statistic)) {
    problems.add(field + ".statistic", "\"" + metric.statistic +
                                           "\" is not Average, Sum, Minimum, Maximum, SampleCount "
                                           "or a percentile (p0 to p100)");
  }
  bool period_ok = metric.period == 10 || metric.period == 20 || metric.period == 30 ||
                   (metric.period >= 60 && metric.period % 60 == 0);
  if (!period_ok) {
    problems.add(field + ".period",
                 std::to_string(metric.period) +
                     " seconds is not a CloudWatch period (10, 20, 30 or a multiple of 60)");
  }
  if (metric.dimensions.size() > 30) {
    problems.add(field + ".dimensions", "a metric has at most 30 dimensions");
  }
}

const char* comparison_name(Comparison comparison) {
  switch (comparison) {
    case Comparison::greater_than_threshold:
      return "GreaterThanThreshold";
    case Comparison::greater_than_or_equal_to_threshold:
      return "GreaterThanOrEqualToThreshold";
    case Comparison::less_than_threshold:
      return "LessThanThreshold";
    case Comparison::less_than_or_equal_to_threshold:
      return "LessThanOrEqualToThreshold";
  }
  return "GreaterThanThreshold";
}

void check_layout(ConfigProblems& problems, const std::string& field, const WidgetLayout& layout) {
  bool x_ok = problems.range(field + ".x", layout.x, 0, 23, 1);
  problems.range(field + ".y", layout.y, 0, 10000, 1);
  bool width_ok = problems.range(field + ".width", layout.width, 1, 24, 1);
  problems.range(field + ".height", layout.height, 1, 1000, 1);
  // The grid check only on a valid x and width (no knock-on message).
  if (x_ok && width_ok && layout.x + layout.width > 24) {
    problems.add(field + ".width", "x " + std::to_string(layout.x) + " + width " +
                                       std::to_string(layout.width) +
                                       " is wider than the 24-column grid");
  }
}

core::Value metric_row(const Metric& metric) {
  core::Value::List row{metric.namespace_, metric.metric_name};
  for (const auto& [name, value] : metric.dimensions) {
    row.push_back(name);
    row.push_back(value.value());
  }
  core::Value options = core::Value::Object{{"period", metric.period}};
  options["stat"] = metric.statistic;
  if (!metric.label.empty()) options["label"] = metric.label;
  row.push_back(std::move(options));
  return row;
}

core::Value widget_position(const char* type, const WidgetLayout& layout) {
  return core::Value::Object{{"type", type},
                             {"x", layout.x},
                             {"y", layout.y},
                             {"width", layout.width},
                             {"height", layout.height}};
}

void check_widgets(ConfigProblems& problems, const std::vector<Widget>& widgets) {
  if (widgets.empty()) problems.add("widgets", "a dashboard needs at least one widget");
  for (std::size_t i = 0; i < widgets.size(); ++i) {
    std::string field = "widgets[" + std::to_string(i) + "]";
    if (const auto* metric = std::get_if<MetricWidget>(&widgets[i])) {
      check_layout(problems, field + ".layout", metric->layout);
      if (metric->metrics.empty()) {
        problems.add(field + ".metrics", "a metric widget needs at least one metric");
      }
      for (std::size_t m = 0; m < metric->metrics.size(); ++m) {
        check_metric(problems, field + ".metrics[" + std::to_string(m) + "]", metric->metrics[m]);
      }
      const std::string& view = metric->view;
      if (view != "timeSeries" && view != "singleValue" && view != "bar" && view != "pie") {
        problems.add(field + ".view",
                     "\"" + view + "\" is not timeSeries, singleValue, bar or pie");
      }
    } else {
      const auto& text = std::get<TextWidget>(widgets[i]);
      check_layout(problems, field + ".layout", text.layout);
      if (text.markdown.empty()) problems.add(field + ".markdown", "a text widget needs markdown");
    }
  }
}

// Every config problem is reported (all of them, in one ConfigError) before any part is created:
// each construct runs its checks in the initialiser of its one resource.
aws::CloudwatchLogGroupConfig checked_log_group(const core::Construct& owner,
                                                const LogGroupConfig& config) {
  ConfigProblems problems(owner);
  problems.name("name", config.name, kLogGroupName);
  problems.log_retention("retention_in_days", config.retention_in_days);
  problems.throw_if_any();
  return {.kms_key_id = config.kms_key_arn,
          .name = config.name,
          .retention_in_days = config.retention_in_days};
}

aws::CloudwatchMetricAlarmConfig checked_alarm(const core::Construct& owner,
                                               const MetricAlarmConfig& config) {
  ConfigProblems problems(owner);
  problems.name("name", config.name, kAlarmName);
  check_metric(problems, "metric", config.metric);
  // datapoints_to_alarm is bounded by a valid evaluation_periods only (no knock-on message).
  if (problems.range("evaluation_periods", config.evaluation_periods, 1, 100000, 1) &&
      config.datapoints_to_alarm != 0) {
    problems.range("datapoints_to_alarm", config.datapoints_to_alarm, 1, config.evaluation_periods,
                   1);
  }
  const std::string& missing = config.treat_missing_data;
  if (missing != "missing" && missing != "notBreaching" && missing != "breaching" &&
      missing != "ignore") {
    problems.add("treat_missing_data",
                 "\"" + missing + "\" is not missing, notBreaching, breaching or ignore");
  }
  problems.throw_if_any();
  return {.alarm_name = config.name};
}

aws::CloudwatchDashboardConfig checked_dashboard(const core::Construct& owner,
                                                 const DashboardConfig& config) {
  ConfigProblems problems(owner);
  problems.name("name", config.name, kDashboardName);
  check_widgets(problems, config.widgets);
  problems.throw_if_any();
  return {.dashboard_body = "", .dashboard_name = config.name};
}

}  // namespace

LogGroup::LogGroup(core::Construct& scope, std::string_view id, LogGroupConfig config)
    : core::Construct(scope, id) {
  group_ = &make<aws::CloudwatchLogGroup>("group", checked_log_group(*this, config));
  if (config.skip_destroy) group_->config().skip_destroy = true;
}

MetricAlarm::MetricAlarm(core::Construct& scope, std::string_view id, MetricAlarmConfig config)
    : core::Construct(scope, id) {
  alarm_ = &make<aws::CloudwatchMetricAlarm>("alarm", checked_alarm(*this, config));
  auto& out = alarm_->config();
  if (!config.description.empty()) out.alarm_description = config.description;
  out.namespace_ = config.metric.namespace_;
  out.metric_name = config.metric.metric_name;
  if (!config.metric.dimensions.empty()) out.dimensions = config.metric.dimensions;
  if (is_basic_statistic(config.metric.statistic)) {
    out.statistic = config.metric.statistic;
  } else {
    out.extended_statistic = config.metric.statistic;
  }
  out.period = config.metric.period;
  out.threshold = config.threshold;
  out.comparison_operator = comparison_name(config.comparison);
  out.evaluation_periods = config.evaluation_periods;
  if (config.datapoints_to_alarm != 0) out.datapoints_to_alarm = config.datapoints_to_alarm;
  out.treat_missing_data = config.treat_missing_data;
  if (!config.alarm_actions.empty()) out.alarm_actions = config.alarm_actions;
  if (!config.ok_actions.empty()) out.ok_actions = config.ok_actions;
}

core::Value Dashboard::body(core::Construct& scope, const std::vector<Widget>& widgets) {
  core::Value::List out;
  for (const auto& widget : widgets) {
    if (const auto* metric = std::get_if<MetricWidget>(&widget)) {
      core::Value entry = widget_position("metric", metric->layout);
      core::Value::List rows;
      for (const auto& m : metric->metrics) rows.push_back(metric_row(m));
      core::Value properties = core::Value::Object{{"metrics", std::move(rows)}};
      properties["view"] = metric->view;
      properties["stacked"] = metric->stacked;
      properties["period"] = metric->period;
      properties["region"] = region_name(scope);
      if (!metric->title.empty()) properties["title"] = metric->title;
      entry["properties"] = std::move(properties);
      out.push_back(std::move(entry));
    } else {
      const auto& text = std::get<TextWidget>(widget);
      core::Value entry = widget_position("text", text.layout);
      entry["properties"] = core::Value::Object{{"markdown", text.markdown}};
      out.push_back(std::move(entry));
    }
  }
  return core::Value::Object{{"widgets", std::move(out)}};
}

Dashboard::Dashboard(core::Construct& scope, std::string_view id, DashboardConfig config)
    : core::Construct(scope, id) {
  dashboard_ = &make<aws::CloudwatchDashboard>("dashboard", checked_dashboard(*this, config));
  dashboard_->config().dashboard_body = core::fn::jsonencode(body(*this, config.widgets));
}

core::StringExpr LogGroup::name() const { return group_->name(); }
core::StringExpr LogGroup::arn() const { return group_->arn(); }
core::StringExpr MetricAlarm::arn() const { return alarm_->arn(); }
core::StringExpr MetricAlarm::name() const { return alarm_->alarm_name(); }
core::StringExpr Dashboard::name() const { return dashboard_->dashboard_name(); }
core::StringExpr Dashboard::arn() const { return dashboard_->dashboard_arn(); }

}  // namespace edustack::constructs
