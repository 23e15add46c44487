#include "resource_tags.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace edustack::compliance::detail {

namespace {

using Entry = std::pair<std::string_view, bool>;

// generated/aws_resource_tags.inc: written by edustack-gen --tag-registry from the AWS provider
// schema (tools/gen/CMakeLists.txt, edustack-regenerate); the test
// compliance.tag_registry_matches_schema compares it with the schema beside the checkout.
constexpr Entry kResourceTypes[] = {
#include "generated/aws_resource_tags.inc"
};

}  // namespace

std::optional<bool> schema_has_tags(std::string_view type) {
  const auto* begin = std::begin(kResourceTypes);
  const auto* end = std::end(kResourceTypes);
  const auto* it = std::lower_bound(
      begin, end, type,
      [](const Entry& entry, std::string_view name) { return entry.first < name; });
  if (it == end || it->first != type) return std::nullopt;
  return it->second;
}

}  // namespace edustack::compliance::detail
