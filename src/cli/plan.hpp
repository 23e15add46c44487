#pragma once

// Reading `terraform show -json <planfile>` (the documented JSON output format, "resource_changes"
// with change.actions per resource) into a summary by action and type, and spotting changes that
// may lose data: the destroy guard (docs/reliability.md, "Destroy guard").

#include <cstddef>
#include <map>
#include <span>
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
  bool guarded = false;       // deleting or replacing it needs --allow-destroy
  std::string stateful_kind;  // what data it holds ("database", "bucket", ...); "" when it is
                              // guarded only because it is not known to be stateless
};

struct PlanSummary {
  std::vector<ResourceChange> changes;                           // no-op and read changes left out
  std::map<Action, std::map<std::string, std::size_t>> by_type;  // action -> type -> count
  std::size_t output_changes = 0;                                // outputs that change

  std::size_t count(Action action) const;
  bool empty() const noexcept { return changes.empty() && output_changes == 0; }
  // Deletes and replaces of guarded types (every type not known to be stateless).
  std::vector<ResourceChange> destructive_stateful() const;
};

// Throws std::runtime_error when the document is not a plan in that format.
PlanSummary parse_plan(std::string_view json);

// What the destroy guard knows of a resource type. The table (resource_classes.inc) is generated
// by tools/classify from every resource type of the provider schemas in ../shared/schemas.
enum class ResourceClass : unsigned char {
  stateless,  // deleting or replacing it loses nothing the configuration cannot recreate
  data,       // it holds data, of the entry's kind
  guarded,    // not known to be stateless
};

struct ResourceClassEntry {
  std::string_view type;
  ResourceClass resource_class;
  std::string_view kind;  // for data: "database", "bucket", ...
  std::string_view rule;  // the classification rule that decided: "family:aws_s3_bucket", ...
};

// The whole table, sorted by type.
std::span<const ResourceClassEntry> resource_class_table() noexcept;

// The table's entry for the type; a type it does not list (another provider, a newer provider
// version) is guarded, with rule "unknown".
ResourceClassEntry classify_resource_type(std::string_view type) noexcept;

// Deleting or replacing the type needs --allow-destroy (it is not known to be stateless).
bool is_guarded(std::string_view type) noexcept;

// What kind of data a resource type holds ("database", "KMS key", ...), or "" when the table
// names none: stateless types, and guarded ones not known to hold a particular kind of data.
std::string stateful_kind(std::string_view type);

}  // namespace edustack::cli::detail
