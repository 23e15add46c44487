#include "plan.hpp"

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

namespace edustack::cli::detail {

namespace {

using Json = nlohmann::json;

// Every resource type of the provider schemas, classified by tools/classify (generated, sorted).
constexpr ResourceClassEntry resource_classes[] = {
#include "resource_classes.inc"
};

constexpr bool sorted_and_unique() {
  for (std::size_t i = 1; i < std::size(resource_classes); ++i) {
    if (!(resource_classes[i - 1].type < resource_classes[i].type)) return false;
  }
  return true;
}
static_assert(sorted_and_unique(), "resource_classes.inc must be sorted by type, without repeats");

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

std::span<const ResourceClassEntry> resource_class_table() noexcept { return resource_classes; }

ResourceClassEntry classify_resource_type(std::string_view type) noexcept {
  auto it = std::lower_bound(
      std::begin(resource_classes), std::end(resource_classes), type,
      [](const ResourceClassEntry& entry, std::string_view t) { return entry.type < t; });
  if (it != std::end(resource_classes) && it->type == type) return *it;
  return {type, ResourceClass::guarded, "", "unknown"};
}

bool is_guarded(std::string_view type) noexcept {
  return classify_resource_type(type).resource_class != ResourceClass::stateless;
}

std::string stateful_kind(std::string_view type) {
  ResourceClassEntry entry = classify_resource_type(type);
  return entry.resource_class == ResourceClass::data ? std::string(entry.kind) : std::string();
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
    if ((change.action == Action::destroy || change.action == Action::replace) && change.guarded) {
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
        change.guarded = is_guarded(change.type);
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
