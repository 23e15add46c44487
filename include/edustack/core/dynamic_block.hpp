#pragma once

#include <concepts>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "edustack/core/block_list.hpp"
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
template <class B, class Tag>
struct block_field<Required<std::vector<B>, Tag>> {
  using block = B;
  static void set(Required<std::vector<B>, Tag>& field, std::vector<B> blocks) {
    field = Required<std::vector<B>, Tag>(std::move(blocks));
  }
};
template <class B>
struct block_field<BlockList<B>> {
  using block = B;
  static void set(BlockList<B>& field, std::vector<B> blocks) { field = std::move(blocks); }
};
template <class B, class Tag>
struct block_field<Required<BlockList<B>, Tag>> {
  using block = B;
  static void set(Required<BlockList<B>, Tag>& field, std::vector<B> blocks) {
    field = Required<BlockList<B>, Tag>(std::move(blocks));
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

// A dynamic block inside the content of another one (rule { dynamic "transition" {...} }),
// made by nested_dynamic_block and given to add_dynamic_block (or to another nested one): its
// name comes from the member pointer of the parent block struct, as for the outer block.
template <class Parent>
struct NestedDynamicBlock {
  std::function<DynamicBlock(const Parent& parent)> build;
};

namespace detail {

// content(iterator) gives the block struct of the field; Nested are NestedDynamicBlocks of it.
template <class Field, class T, class F, class... Nested>
concept DynamicContent = std::convertible_to < std::invoke_result_t < F,
        const Iterator<T>
& >, typename block_field<Field>::block >
         &&(std::same_as<Nested, NestedDynamicBlock<typename block_field<Field>::block>>&&...);

// The DynamicBlock of content(over) in the block field `member`, with the nested ones inside.
template <class Parent, class Field, class T, class F>
DynamicBlock make_dynamic_block(
    const Parent& parent, Field Parent::*member, const Iterator<T>& over, const F& content,
    const std::vector<NestedDynamicBlock<typename block_field<Field>::block>>& nested) {
  auto block = content(over);
  auto [name, body] = block_name_and_body(parent, member, block);
  DynamicBlock dynamic{name, over.collection(), over.name(), std::move(body), {}};
  for (const auto& inner : nested) dynamic.nested.push_back(inner.build(block));
  return dynamic;
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
// stay, and come before the dynamic ones. Dynamic blocks inside the content follow as
// nested_dynamic_block(...) arguments.
template <class R, class Config, class Field, class T, class F, class... Nested>
requires requires(R& resource) {
  { resource.config() } -> std::convertible_to<const Config&>;
} && detail::DynamicContent<Field, T, F, Nested...>
void add_dynamic_block(R& resource, Field Config::*member, const Iterator<T>& over, F content,
                       const Nested&... nested) {
  DynamicBlock dynamic = detail::make_dynamic_block(static_cast<const Config&>(resource.config()),
                                                    member, over, content, {nested...});
  if (dynamic.name.empty()) {
    throw ConfigError(resource.node().path(), "dynamic",
                      "the block field given to add_dynamic_block is not serialized");
  }
  resource.add_dynamic_block(std::move(dynamic));
}

// A dynamic block of the block struct Parent's field `member`, for add_dynamic_block's content:
//
//   auto rules = Iterator<std::vector<double>>::map({{"logs", {30, 90}}}).named("rule");
//   auto steps = Iterator<double>::list(rules.value()).named("transition");
//   add_dynamic_block(lifecycle, &Config::rule, rules, rule_content,
//                     nested_dynamic_block(&Rule::transition, steps, transition_content));
template <class Parent, class Field, class T, class F, class... Nested>
requires detail::DynamicContent<Field, T, F, Nested...> NestedDynamicBlock<Parent>
nested_dynamic_block(Field Parent::*member, const Iterator<T>& over, F content,
                     const Nested&... nested) {
  using Inner = NestedDynamicBlock<typename detail::block_field<Field>::block>;
  return {[member, over, content, deeper = std::vector<Inner>{nested...}](const Parent& parent) {
    return detail::make_dynamic_block(parent, member, over, content, deeper);
  }};
}

}  // namespace edustack::inline core
