#pragma once

// Serializer helpers of header-only generated bindings (`edustack-gen --header-only`, the form in
// which every AWS type and the utility providers ship, docs/generator.md). A generated serializer
// is a template (`template <int N = 0> Value to_value(const S&)`) whose body is one call of
// object<N, ...> below, which depends on N, so nothing here is instantiated for a type that a
// program includes but never constructs. Where a type is constructed, the templates below are thin:
// they test the field and convert it, and every insertion into an object or a list is one of the
// functions compiled once in the library (src/core/generated_support.cpp), not instantiated per
// program.

#include <cstddef>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/arguments.hpp"
#include "edustack/core/block_list.hpp"
#include "edustack/core/optional_block.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core::generated {

using Object = Value::Object;

// Compiled in the library: out[name] = value (the first one wins, as emplace), and the like.
void put(Object& out, std::string_view name, const Value& value);
void put(Object& out, std::string_view name, Value&& value);
// out[name] = [item]
void put_one_item(Object& out, std::string_view name, Value&& item);
// A member of a plain object type left unset: written as null (Terraform wants every member).
void put_null(Object& out, std::string_view name);
Value::List list_with_capacity(std::size_t capacity);
void push(Value::List& items, Value&& item);

template <class T>
void put_argument(Object& out, const char* name, const T& field) {
  if (field.is_set()) put(out, name, to_value(field));
}

template <class V>
void put_value(Object& out, const char* name, const V& field) {
  if (!field.is_null()) put(out, name, field);
}

template <class B>
void put_object(Object& out, const char* name, const OptionalBlock<B>& block) {
  if (block) put(out, name, to_value(*block));
}

template <class B>
void put_required_object(Object& out, const char* name, const B& block) {
  put(out, name, to_value(block));
}

template <class B>
void put_list_item(Object& out, const char* name, const OptionalBlock<B>& block) {
  if (block) put_one_item(out, name, to_value(*block));
}

template <class B>
void put_required_list_item(Object& out, const char* name, const B& block) {
  put_one_item(out, name, to_value(block));
}

template <class L>
Value::List to_list(const L& blocks) {
  Value::List items = list_with_capacity(blocks.size());
  for (const auto& block : blocks) push(items, to_value(block));
  return items;
}

// A list block (core::BlockList, the generated field type) or a required list of objects:
// emitted when not empty, or always (required). The std::vector overloads serve hand-written
// structs that still hold blocks in a vector.
template <class B>
void put_list(Object& out, const char* name, const BlockList<B>& blocks) {
  if (!blocks.empty()) put(out, name, Value(to_list(blocks)));
}

template <class B>
void put_required_list(Object& out, const char* name, const BlockList<B>& blocks) {
  put(out, name, Value(to_list(blocks)));
}

template <class B>
void put_list(Object& out, const char* name, const std::vector<B>& blocks) {
  if (!blocks.empty()) put(out, name, Value(to_list(blocks)));
}

template <class B>
void put_required_list(Object& out, const char* name, const std::vector<B>& blocks) {
  put(out, name, Value(to_list(blocks)));
}

template <class B>
void put_required_map(Object& out, const char* name, const std::map<std::string, B>& items) {
  Object objects;
  for (const auto& [key, item] : items) put(objects, key, to_value(item));
  put(out, name, Value(std::move(objects)));
}

template <class B>
void put_map(Object& out, const char* name, const std::map<std::string, B>& blocks) {
  if (!blocks.empty()) put_required_map(out, name, blocks);
}

// A core::ObjectList: emitted when set, an empty list included (`[]`).
template <class L>
void put_object_list(Object& out, const char* name, const L& items) {
  if (items.is_set()) put(out, name, Value(to_list(items)));
}

// A whole generated serializer in one call (the header-only form's `to_value` of a struct):
//   return core::generated::object<N, 'a', 'l'>(block, {"name", "rule"}, &S::name, &S::rule);
// writes each member with the helper its kind names, in order. The kind is given because two
// kinds can share a C++ type (an OptionalBlock is an object or a one-item list; a BlockList is
// optional or required), as one character so that the generated text stays short: one call
// instead of a statement per field, kinds that need no name lookup, is what every includer of a
// generated header parses (bench/README.md, "Compile cost of the header-only AWS types"):
//   'a' put_argument   'v' put_value   'o' put_object   'r' put_required_object
//   'i' put_list_item  'j' put_required_list_item   'l' put_list   'k' put_required_list
//   'm' put_map   'n' put_required_map   'x' put_object_list
// Uppercase: the same, then put_null (a member of a plain object type: null when unset).
template <char Kind, class F>
void put_field(Object& out, const char* name, const F& field) {
  constexpr char kind = static_cast<char>(Kind | 0x20);  // lowercase
  if constexpr (kind == 'a') {
    put_argument(out, name, field);
  } else if constexpr (kind == 'v') {
    put_value(out, name, field);
  } else if constexpr (kind == 'o') {
    put_object(out, name, field);
  } else if constexpr (kind == 'r') {
    put_required_object(out, name, field);
  } else if constexpr (kind == 'i') {
    put_list_item(out, name, field);
  } else if constexpr (kind == 'j') {
    put_required_list_item(out, name, field);
  } else if constexpr (kind == 'l') {
    put_list(out, name, field);
  } else if constexpr (kind == 'k') {
    put_required_list(out, name, field);
  } else if constexpr (kind == 'm') {
    put_map(out, name, field);
  } else if constexpr (kind == 'n') {
    put_required_map(out, name, field);
  } else {
    static_assert(kind == 'x', "unknown field kind");
    put_object_list(out, name, field);
  }
  if constexpr (Kind != kind) put_null(out, name);
}

template <int N, char... Kinds, class S, class... F>
Value object(const S& block, std::initializer_list<const char*> names, F S::*... members) {
  static_assert(sizeof...(Kinds) == sizeof...(F), "one kind per member");
  Object out;
  const char* const* name = names.begin();
  (put_field<Kinds>(out, *name++, block.*members), ...);  // left to right: the names' order
  return out;
}

}  // namespace edustack::inline core::generated
