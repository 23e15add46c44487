#include "plan.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

namespace edustack::cli::detail {

namespace {

using Json = nlohmann::json;

// Resource types whose delete or replace destroys data that cannot be recreated from
// configuration. Sorted by type for binary search.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> stateful_types = {{
    {"aws_cloudwatch_log_group", "log group"},
    {"aws_db_cluster_snapshot", "database snapshot"},
    {"aws_db_instance", "database"},
    {"aws_db_snapshot", "database snapshot"},
    {"aws_docdb_cluster", "database"},
    {"aws_dynamodb_table", "database"},
    {"aws_ebs_volume", "volume"},
    {"aws_ecr_repository", "image repository"},
    {"aws_efs_file_system", "file system"},
    {"aws_elasticache_cluster", "cache"},
    {"aws_elasticache_replication_group", "cache"},
    {"aws_elasticache_serverless_cache", "cache"},
    {"aws_kinesis_firehose_delivery_stream", "stream"},
    {"aws_kinesis_stream", "stream"},
    {"aws_kms_key", "KMS key"},
    {"aws_memorydb_cluster", "cache"},
    {"aws_msk_cluster", "stream"},
    {"aws_neptune_cluster", "database"},
    {"aws_opensearch_domain", "search domain"},
    {"aws_rds_cluster", "database"},
    {"aws_redshift_cluster", "database"},
    {"aws_s3_bucket", "bucket"},
    {"aws_secretsmanager_secret", "secret"},
    {"aws_sqs_queue", "queue"},
}};

static_assert(std::is_sorted(stateful_types.begin(), stateful_types.end()));

Action action_of(const Json& actions, bool& relevant) {
  relevant = true;
  std::vector<std::string> names;
  for (const auto& a : actions) names.push_back(a.get<std::string>());
  auto has = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (has("create") && has("delete")) return Action::replace;
  if (has("create")) return Action::create;
  if (has("delete")) return Action::destroy;
  if (has("update")) return Action::update;
  if (has("forget")) return Action::forget;
  relevant = false;  // no-op, read
  return Action::update;
}

}  // namespace

std::string_view to_string(Action action) noexcept {
  switch (action) {
    case Action::create:
      return "create";
    case Action::update:
      return "update";
    case Action::replace:
      return "replace";
    case Action::destroy:
      return "delete";
    case Action::forget:
      return "forget";
  }
  return "?";
}

std::string stateful_kind(std::string_view type) {
  auto it = std::lower_bound(stateful_types.begin(), stateful_types.end(), type,
                             [](const auto& entry, std::string_view t) { return entry.first < t; });
  if (it != stateful_types.end() && it->first == type) return std::string(it->second);
  return "";
}

std::size_t PlanSummary::count(Action action) const {
  auto it = by_type.find(action);
  if (it == by_type.end()) return 0;
  std::size_t total = 0;
  for (const auto& [type, n] : it->second) total += n;
  return total;
}

std::vector<ResourceChange> PlanSummary::destructive_stateful() const {
  std::vector<ResourceChange> out;
  for (const auto& change : changes) {
    if ((change.action == Action::destroy || change.action == Action::replace) &&
        !change.stateful_kind.empty()) {
      out.push_back(change);
    }
  }
  return out;
}

PlanSummary parse_plan(std::string_view json) {
  Json document = Json::parse(json, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    throw std::runtime_error("terraform show -json did not print a JSON object");
  }
  if (!document.contains("format_version")) {
    throw std::runtime_error("terraform show -json printed no format_version: not a plan");
  }
  PlanSummary summary;
  try {
    if (auto it = document.find("resource_changes"); it != document.end() && it->is_array()) {
      for (const auto& entry : *it) {
        if (entry.value("mode", "managed") != "managed") continue;
        bool relevant = false;
        Action action = action_of(entry.at("change").at("actions"), relevant);
        if (!relevant) continue;
        ResourceChange change;
        change.address = entry.at("address").get<std::string>();
        change.type = entry.at("type").get<std::string>();
        change.action = action;
        change.stateful_kind = stateful_kind(change.type);
        ++summary.by_type[action][change.type];
        summary.changes.push_back(std::move(change));
      }
    }
    if (auto it = document.find("output_changes"); it != document.end() && it->is_object()) {
      for (const auto& [name, output] : it->items()) {
        bool relevant = false;
        action_of(output.at("actions"), relevant);
        if (relevant) ++summary.output_changes;
      }
    }
  } catch (const Json::exception& error) {
    throw std::runtime_error(std::string("unexpected plan JSON: ") + error.what());
  }
  return summary;
}

}  // namespace edustack::cli::detail
