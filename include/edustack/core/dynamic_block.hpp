#pragma once

#include <concepts>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "edustack/core/iterator.hpp"
#include "edustack/core/optional_block.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/error.hpp"

namespace edustack::inline core {

namespace detail {

template <class Field>
struct block_field;
template <class B>
struct block_field<std::vector<B>> {
  using block = B;
  static void set(std::vector<B>& field, std::vector<B> blocks) { field = std::move(blocks); }
};
template <class B>
struct block_field<Required<std::vector<B>>> {
  using block = B;
  static void set(Required<std::vector<B>>& field, std::vector<B> blocks) {
    field = Required<std::vector<B>>(std::move(blocks));
  }
};
template <class B>
struct block_field<OptionalBlock<B>> {
  using block = B;
  static void set(OptionalBlock<B>& field, std::vector<B> blocks) {
    field = blocks.empty() ? OptionalBlock<B>() : OptionalBlock<B>(std::move(blocks.front()));
  }
};

// The key and the body a config's serializer gives a block field holding `block` alone:
// serializing the config with the field holding only that block and with it empty, the key
// whose value differs is the block's Terraform name. So the name comes from the member pointer
// and the generated serializer, never from a string that could be misspelled.
template <class Config, class Field, class Block>
std::pair<std::string, Value> block_name_and_body(const Config& config, Field Config::*member,
                                                  Block block) {
  using Traits = block_field<Field>;
  Config with = config;
  Config without = config;
  Traits::set(with.*member, {std::move(block)});
  Traits::set(without.*member, {});
  Value a = to_value(with);
  Value b = to_value(without);
  for (const auto& [key, item] : a.as_object()) {
    const Value* other = b.find(key);
    if (other && *other == item) continue;
    if (item.is_list() && !item.as_list().empty()) return {key, item.as_list().front()};
    return {key, item};
  }
  return {"", Value()};
}

}  // namespace detail

// A dynamic block from a typed iterator and the generated block struct of the resource's type:
// content(iterator) returns the block (aws::S3BucketLifecycleConfigurationRule, say), so its
// fields are checked at compile time exactly as in a static block, and iterator.value() is an
// Expr<T> of the iterated element type. The block's name comes from the member pointer:
//
//   auto rules = Iterator<double>::map(var_days).named("rule");
//   add_dynamic_block(lifecycle, &aws::S3BucketLifecycleConfigurationConfig::rule, rules,
//                     [](const Iterator<double>& rule) -> aws::S3BucketLifecycleConfigurationRule {
//                       return {.expiration = {{.days = rule.value()}}, .id = rule.key(),
//                               .status = "Enabled"};
//                     });
//
// The iterator's name (named(), default "each") is the symbol in the content; a name other than
// the block's is written as the block's `iterator` argument. Static blocks already in the field
// stay, and come before the dynamic ones.
template <class R, class Config, class Field, class T, class F>
requires requires(R& resource) {
  { resource.config() } -> std::convertible_to<const Config&>;
} && std::convertible_to < std::invoke_result_t < F, const Iterator<T>
& >, typename detail::block_field<Field>::block >
         void add_dynamic_block(R& resource, Field Config::*member, const Iterator<T>& over,
                                F content) {
  using Block = typename detail::block_field<Field>::block;
  Block block = content(over);
  auto [name, body] = detail::block_name_and_body(static_cast<const Config&>(resource.config()),
                                                  member, std::move(block));
  if (name.empty()) {
    throw ConfigError(resource.node().path(), "dynamic",
                      "the block field given to add_dynamic_block is not serialized");
  }
  resource.add_dynamic_block({name, over.collection(), over.name(), std::move(body)});
}

}  // namespace edustack::inline core
