#pragma once

// Serializer helpers of header-only generated bindings (`edustack-gen --header-only`, the form in
// which every AWS type and the utility providers ship, docs/generator.md). Templates, so a
// translation unit instantiates only the ones its types use.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "edustack/core/arguments.hpp"
#include "edustack/core/optional_block.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core::generated {

using Object = Value::Object;

template <class T>
void put_argument(Object& out, const char* name, const T& field) {
  if (field.is_set()) out.emplace(name, to_value(field));
}

template <class V>
void put_value(Object& out, const char* name, const V& field) {
  if (!field.is_null()) out.emplace(name, field);
}

template <class B>
void put_object(Object& out, const char* name, const OptionalBlock<B>& block) {
  if (block) out.emplace(name, to_value(*block));
}

template <class B>
void put_required_object(Object& out, const char* name, const B& block) {
  out.emplace(name, to_value(block));
}

template <class B>
void put_list_item(Object& out, const char* name, const OptionalBlock<B>& block) {
  if (block) out.emplace(name, Value::List{to_value(*block)});
}

template <class B>
void put_required_list_item(Object& out, const char* name, const B& block) {
  out.emplace(name, Value::List{to_value(block)});
}

template <class B>
Value::List to_list(const std::vector<B>& blocks) {
  Value::List items;
  items.reserve(blocks.size());
  for (const B& block : blocks) items.push_back(to_value(block));
  return items;
}

template <class B>
void put_list(Object& out, const char* name, const std::vector<B>& blocks) {
  if (!blocks.empty()) out.emplace(name, to_list(blocks));
}

template <class B>
void put_required_list(Object& out, const char* name, const std::vector<B>& blocks) {
  out.emplace(name, to_list(blocks));
}

template <class B>
void put_required_map(Object& out, const char* name, const std::map<std::string, B>& items) {
  Object objects;
  for (const auto& [key, item] : items) objects.emplace(key, to_value(item));
  out.emplace(name, std::move(objects));
}

template <class B>
void put_map(Object& out, const char* name, const std::map<std::string, B>& blocks) {
  if (!blocks.empty()) put_required_map(out, name, blocks);
}

// A core::ObjectList: emitted when set, an empty list included (`[]`).
template <class L>
void put_object_list(Object& out, const char* name, const L& items) {
  if (items.is_set()) out.emplace(name, to_list(items));
}

}  // namespace edustack::inline core::generated
