#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace edustack::inline core {

// Logical ids are Terraform identifiers derived from the construct path below the stack:
// - a direct child of the stack keeps its id ("vpc" -> vpc);
// - a nested construct joins its path with "_" and appends "_" plus 8 hex digits of a
//   FNV-1a hash of the "/"-joined path ("network/vpc" -> network_vpc_1a2b3c4d).
// Characters Terraform does not allow become "_", and a leading digit or "-" gets a "_"
// prefix. The id depends on the path alone, so adding unrelated constructs never changes it.
std::string make_logical_id(const std::vector<std::string>& stack_relative_path);

// Splits "network/vpc" into components and calls make_logical_id: useful for moved blocks
// after a construct was renamed.
std::string logical_id_for_path(std::string_view stack_relative_path);

}  // namespace edustack::inline core
