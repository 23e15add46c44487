#include "edustack/core/value.hpp"

namespace edustack::inline core {

Value::Value(const Value& other) = default;
Value& Value::operator=(const Value& other) = default;
Value::~Value() = default;

double Value::as_number() const {
  if (kind() == Kind::integer) return static_cast<double>(std::get<std::int64_t>(data_));
  return std::get<double>(data_);
}

const Value* Value::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  const auto& object = as_object();
  auto it = object.find(key);
  return it == object.end() ? nullptr : &it->second;
}

Value* Value::find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value&>(*this).find(key));
}

Value& Value::operator[](std::string_view key) {
  if (is_null()) data_ = Object{};
  auto& object = as_object();
  auto it = object.find(key);
  if (it == object.end()) it = object.emplace(std::string(key), Value()).first;
  return it->second;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) {
    if (a.is_number() && b.is_number()) return a.as_number() == b.as_number();
    return false;
  }
  switch (a.kind()) {
    case Value::Kind::expression:
      return a.as_expression().to_string() == b.as_expression().to_string();
    default:
      return a.data_ == b.data_;
  }
}

}  // namespace edustack::inline core
