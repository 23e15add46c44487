#include "edustack/core/generated_support.hpp"

#include <utility>

// The insertions of header-only generated serializers, compiled once here rather than
// instantiated in every program that constructs a generated type.
namespace edustack::inline core::generated {

void put(Object& out, std::string_view name, const Value& value) { out.emplace(name, value); }

void put(Object& out, std::string_view name, Value&& value) { out.emplace(name, std::move(value)); }

void put_one_item(Object& out, std::string_view name, Value&& item) {
  Value::List items;
  items.push_back(std::move(item));
  out.emplace(name, std::move(items));
}

void put_null(Object& out, std::string_view name) { out.try_emplace(std::string(name)); }

Value::List list_with_capacity(std::size_t capacity) {
  Value::List items;
  items.reserve(capacity);
  return items;
}

void push(Value::List& items, Value&& item) { items.push_back(std::move(item)); }

}  // namespace edustack::inline core::generated
