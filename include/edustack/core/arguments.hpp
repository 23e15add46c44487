#pragma once

#include <concepts>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "edustack/core/value.hpp"

namespace edustack::inline core {

// Argument types of config structs. Each is either unset (the default: nothing is emitted),
// a literal, or an expression of the matching Terraform type. Being nullable themselves, they
// need no std::optional around them, which keeps `.subnet_ids = {"a", "b"}` working: a braced
// list cannot initialize a std::optional<List<...>>.

namespace detail {

// The value of one argument of a config struct: unset (a null pointer, 8 bytes) or a Value on
// the heap. Config structs hold every argument of their type and most are left unset, so an
// inline 56-byte Value per argument made a typed resource 1-2 KiB (`aws::Subnet` 2,160 bytes,
// 960 with this; bench/README.md, issue 16). value() of an unset argument is a null Value.
class ArgumentValue {
 public:
  ArgumentValue() noexcept = default;
  template <class V>
  requires std::constructible_from<Value, V&&>
  explicit ArgumentValue(V&& value) : value_(new Value(std::forward<V>(value))) {}
  // Copies and destruction are compiled once in the library (src/core/arguments.cpp): inline,
  // every config struct's destructor would inline core::Value's variant destruction for each of
  // its fields, in every program that constructs the type (bench/README.md, issue 12).
  ArgumentValue(const ArgumentValue& other);
  ArgumentValue(ArgumentValue&& other) noexcept : value_(std::exchange(other.value_, nullptr)) {}
  ArgumentValue& operator=(ArgumentValue other) noexcept {
    std::swap(value_, other.value_);
    return *this;
  }
  ~ArgumentValue();

  bool is_set() const noexcept { return value_ != nullptr && !value_->is_null(); }
  const Value& get() const noexcept { return value_ ? *value_ : null_value(); }
  // The stored value, created (null) when unset.
  Value& mutable_value() {
    if (!value_) value_ = new Value();
    return *value_;
  }

 private:
  static const Value& null_value() noexcept;
  Value* value_ = nullptr;
};

}  // namespace detail

class String {
 public:
  using literal_type = std::string;
  String() = default;
  String(const char* s) : value_(s) {}
  String(std::string s) : value_(std::move(s)) {}
  String(std::string_view s) : value_(s) {}
  String(const StringExpr& e) : value_(static_cast<const Expression&>(e)) {}

  bool is_set() const noexcept { return value_.is_set(); }
  const Value& value() const noexcept { return value_.get(); }

 private:
  detail::ArgumentValue value_;
};

class Number {
 public:
  using literal_type = double;
  Number() = default;
  template <class N>
  requires(std::is_arithmetic_v<N> && !std::same_as<N, bool> && !std::same_as<N, char>) Number(N n)
      : value_(n) {}
  Number(const NumberExpr& e) : value_(static_cast<const Expression&>(e)) {}

  bool is_set() const noexcept { return value_.is_set(); }
  const Value& value() const noexcept { return value_.get(); }

 private:
  detail::ArgumentValue value_;
};

class Bool {
 public:
  using literal_type = bool;
  Bool() = default;
  // Only a real bool: a string literal would otherwise convert to true silently.
  template <class B>
  requires std::same_as<B, bool> Bool(B b) : value_(b) {}
  Bool(const BoolExpr& e) : value_(static_cast<const Expression&>(e)) {}

  bool is_set() const noexcept { return value_.is_set(); }
  const Value& value() const noexcept { return value_.get(); }

 private:
  detail::ArgumentValue value_;
};

template <class T>
class List {
 public:
  using literal_type = std::vector<typename T::literal_type>;
  List() = default;
  List(std::initializer_list<T> items) : value_(Value::List{}) {
    Value::List& list = value_.mutable_value().as_list();
    list.reserve(items.size());
    for (const T& item : items) list.push_back(item.value());
  }
  template <class U>
  requires std::constructible_from<T, const U&> List(const std::vector<U>& items)
      : value_(Value::List{}) {
    Value::List& list = value_.mutable_value().as_list();
    list.reserve(items.size());
    for (const U& item : items) list.push_back(T(item).value());
  }
  List(const Expr<literal_type>& e) : value_(static_cast<const Expression&>(e)) {}

  bool is_set() const noexcept { return value_.is_set(); }
  const Value& value() const noexcept { return value_.get(); }

 private:
  detail::ArgumentValue value_;
};

template <class T>
class Map {
 public:
  using literal_type = std::map<std::string, typename T::literal_type>;
  Map() = default;
  Map(std::initializer_list<std::pair<const std::string, T>> items) : value_(Value::Object{}) {
    Value::Object& object = value_.mutable_value().as_object();
    for (const auto& [key, item] : items) object.insert_or_assign(key, item.value());
  }
  template <class U>
  requires std::constructible_from<T, const U&> Map(const std::map<std::string, U>& items)
      : value_(Value::Object{}) {
    Value::Object& object = value_.mutable_value().as_object();
    for (const auto& [key, item] : items) object.insert_or_assign(key, T(item).value());
  }
  Map(const Expr<literal_type>& e) : value_(static_cast<const Expression&>(e)) {}

  bool is_set() const noexcept { return value_.is_set(); }
  const Value& value() const noexcept { return value_.get(); }

  // Adds the keys this map does not already have; an expression map becomes
  // merge(defaults, expression) so its own keys still win.
  void merge_defaults(const std::map<std::string, std::string>& defaults);

 private:
  detail::ArgumentValue value_;
};

// Only ever false: the condition of the static_assert in Required's default constructor, written
// so that the compiler prints the Field it was instantiated with.
template <class Field>
inline constexpr bool required_field_left_out = false;

// Marks a required argument or block. Leaving it out of a designated initializer is a compile
// error whose first lines name the field: generated bindings pass a tag type named after it
// (`Required<String, required::vpc_id>`), and the default constructor, defined rather than
// deleted, fails a static_assert when it is used. g++ 12 prints
//   In instantiation of 'Required<T, Field>::Required() [with ...; Field = ...::required::vpc_id]'
// and clang 14
//   static_assert failed due to requirement 'required_field_left_out<...::required::vpc_id>'
// (a deleted constructor gave "use of deleted function" in g++ and, in clang, only "cannot
// convert initializer list argument"). docs/generator.md shows both.
template <class T, class Field = void>
struct Required : T {
  using T::T;
  Required() {
    static_assert(required_field_left_out<Field>,
                  "a required argument or block was left out: it is the Field named above");
  }
  // given_: T may be a block with a field of any name ("value": acmpca_certificate.validity),
  // which -Wshadow reports for a parameter of that name; generated names never end in "_"
  // except C++ keywords (delete_), and "given" is none.
  Required(T given_) : T(std::move(given_)) {}
};

// Value conversion used by generated serializers; blocks provide their own to_value overloads.
inline const Value& to_value(const String& v) { return v.value(); }
inline const Value& to_value(const Number& v) { return v.value(); }
inline const Value& to_value(const Bool& v) { return v.value(); }
template <class T>
const Value& to_value(const List<T>& v) {
  return v.value();
}
template <class T>
const Value& to_value(const Map<T>& v) {
  return v.value();
}
inline const Value& to_value(const Value& v) { return v; }

Value merge_tag_defaults(const Value& tags, const std::map<std::string, std::string>& defaults);

template <class T>
void Map<T>::merge_defaults(const std::map<std::string, std::string>& defaults) {
  if (defaults.empty()) return;
  value_ = detail::ArgumentValue(merge_tag_defaults(value_.get(), defaults));
}

}  // namespace edustack::inline core
