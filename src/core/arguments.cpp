#include "edustack/core/arguments.hpp"

#include "edustack/core/functions.hpp"

namespace edustack::inline core {

detail::ArgumentValue::ArgumentValue(const ArgumentValue& other)
    : value_(other.value_ ? new Value(*other.value_) : nullptr) {}

detail::ArgumentValue::~ArgumentValue() { delete value_; }

const Value& detail::ArgumentValue::null_value() noexcept {
  static const Value null;
  return null;
}

Value merge_tag_defaults(const Value& tags, const std::map<std::string, std::string>& defaults) {
  if (defaults.empty()) return tags;
  if (tags.is_expression()) {
    Value::Object literal;
    for (const auto& [key, value] : defaults) literal.emplace(key, value);
    return Value(fn::merge({Value(std::move(literal)), tags}));
  }
  Value merged = tags.is_object() ? tags : Value(Value::Object{});
  for (const auto& [key, value] : defaults) merged.as_object().emplace(key, value);
  return merged;
}

}  // namespace edustack::inline core
