#pragma once

// Which AWS resource types have a tags argument, from the provider schema the bindings are
// generated from (generated/aws_resource_tags.inc, written by edustack-gen --tag-registry). Typed
// resources say it themselves (ResourceBase::tags_argument); this answers for untyped ones.

#include <optional>
#include <string_view>

namespace edustack::compliance::detail {

// The provider schema edustack's AWS bindings are generated from.
inline constexpr std::string_view kTagRegistrySchema = "hashicorp/aws 6.47.0";

// Whether the resource type has a top-level tags argument; nullopt when the schema does not
// know the type (another provider, a newer type, a misspelling).
std::optional<bool> schema_has_tags(std::string_view type);

}  // namespace edustack::compliance::detail
