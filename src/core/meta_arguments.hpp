#pragma once

// The meta-arguments that resources, data sources and modules share, written one way.

#include <vector>

#include "edustack/core/arguments.hpp"  // Number
#include "edustack/core/element.hpp"    // Element, ElementRef
#include "edustack/core/value.hpp"

namespace edustack::inline core::detail {

// depends_on (addresses, written bare), count and for_each into a block's body, when set.
inline void write_repetition_and_dependencies(Value& body,
                                              const std::vector<ElementRef>& depends_on,
                                              const Number& count, const Value& for_each) {
  if (!depends_on.empty()) {
    Value::List addresses;
    for (const Element& element : depends_on) addresses.emplace_back(element.address());
    body["depends_on"] = std::move(addresses);
  }
  if (count.is_set()) body["count"] = count.value();
  if (!for_each.is_null()) body["for_each"] = for_each;
}

}  // namespace edustack::inline core::detail
