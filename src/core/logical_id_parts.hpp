#pragma once

// make_logical_id over borrowed components (internal to the library): Element::logical_id
// reads the ids of its construct path without copying them.

#include <cstddef>
#include <string>
#include <string_view>

#include "edustack/core/logical_id.hpp"

namespace edustack::inline core::detail {

std::string make_logical_id(const std::string_view* parts, std::size_t count);

}  // namespace edustack::inline core::detail
