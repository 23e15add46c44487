#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "edustack/core/expression.hpp"

namespace edustack::inline core {

// A Terraform value before rendering: null, bool, number, string, list, object or an
// expression. Objects keep keys sorted, so everything built from them is deterministic.
class Value {
 public:
  using List = std::vector<Value>;
  using Object = std::map<std::string, Value, std::less<>>;
  enum class Kind { null, boolean, integer, real, string, list, object, expression };

  Value() = default;
  Value(std::nullptr_t) {}
  template <class B>
  requires std::same_as<B, bool> Value(B b) : data_(b) {}
  template <class I>
  requires(std::is_integral_v<I> && !std::same_as<I, bool> && !std::same_as<I, char>) Value(I i)
      : data_(static_cast<std::int64_t>(i)) {}
  Value(double d) : data_(d) {}
  Value(float d) : data_(static_cast<double>(d)) {}
  Value(const char* s) : data_(std::string(s)) {}
  Value(std::string s) : data_(std::move(s)) {}
  Value(std::string_view s) : data_(std::string(s)) {}
  Value(List l) : data_(std::move(l)) {}
  Value(Object o) : data_(std::move(o)) {}
  Value(Expression e) : data_(std::move(e)) {}
  // Copies and destruction walk the whole variant (strings, lists, objects, expressions): they
  // are compiled once in the library (src/core/value.cpp) rather than in every program that
  // constructs a generated type. Moves stay inline.
  Value(const Value& other);
  Value(Value&& other) noexcept = default;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept = default;
  ~Value();

  Kind kind() const noexcept { return static_cast<Kind>(data_.index()); }
  bool is_null() const noexcept { return kind() == Kind::null; }
  bool is_string() const noexcept { return kind() == Kind::string; }
  bool is_list() const noexcept { return kind() == Kind::list; }
  bool is_object() const noexcept { return kind() == Kind::object; }
  bool is_expression() const noexcept { return kind() == Kind::expression; }
  bool is_number() const noexcept { return kind() == Kind::integer || kind() == Kind::real; }

  bool as_bool() const { return std::get<bool>(data_); }
  std::int64_t as_integer() const { return std::get<std::int64_t>(data_); }
  double as_number() const;
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const List& as_list() const { return std::get<List>(data_); }
  List& as_list() { return std::get<List>(data_); }
  const Object& as_object() const { return std::get<Object>(data_); }
  Object& as_object() { return std::get<Object>(data_); }
  const Expression& as_expression() const { return std::get<Expression>(data_); }

  // Object member access; find() returns nullptr when absent or when this is not an object.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);

  // Sets a key, turning a null value into an empty object first.
  Value& operator[](std::string_view key);

  friend bool operator==(const Value& a, const Value& b);

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Object, Expression>
      data_;
};

}  // namespace edustack::inline core
