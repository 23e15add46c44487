#pragma once

// Reading `terraform show -json <planfile>` (the documented JSON output format, "resource_changes"
// with change.actions per resource) into a summary by action and type, and spotting changes that
// lose data.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace edustack::cli::detail {

enum class Action { create, update, replace, destroy, forget };

std::string_view to_string(Action action) noexcept;  // "create", ..., "delete", "forget"

struct ResourceChange {
  std::string address;  // "aws_db_instance.main"
  std::string type;     // "aws_db_instance"
  Action action = Action::update;
  std::string stateful_kind;  // non-empty when the type holds data: "database", "bucket", ...
};

struct PlanSummary {
  std::vector<ResourceChange> changes;                           // no-op and read changes left out
  std::map<Action, std::map<std::string, std::size_t>> by_type;  // action -> type -> count
  std::size_t output_changes = 0;                                // outputs that change

  std::size_t count(Action action) const;
  bool empty() const noexcept { return changes.empty() && output_changes == 0; }
  // Deletes and replaces of types that hold data.
  std::vector<ResourceChange> destructive_stateful() const;
};

// Throws std::runtime_error when the document is not a plan in that format.
PlanSummary parse_plan(std::string_view json);

// What kind of data a resource type holds, or "" when replacing it loses nothing:
// databases, caches, buckets, KMS keys, streams, log groups, file systems, ...
std::string stateful_kind(std::string_view type);

}  // namespace edustack::cli::detail
