#pragma once

#include <concepts>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "edustack/core/arguments.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core {

namespace detail {

// A C++ literal of a Terraform type (std::string, double, bool, and vectors and maps of them)
// as a Value.
template <class T>
Value literal_value(const T& literal) {
  if constexpr (std::is_same_v<T, bool> || std::is_arithmetic_v<T> ||
                std::is_convertible_v<const T&, std::string_view> || std::is_same_v<T, Value>) {
    return Value(literal);
  } else if constexpr (requires { typename T::key_type; }) {
    Value::Object out;
    for (const auto& [key, item] : literal) out.insert_or_assign(key, literal_value(item));
    return out;
  } else {
    Value::List out;
    for (const auto& item : literal) out.push_back(literal_value(item));
    return out;
  }
}

// The names for-expression variables get: x, x2, x3... by nesting depth, so an inner for
// expression built inside an outer one's body never shadows a variable the body uses.
class ForScope {
 public:
  ForScope();
  ~ForScope();
  ForScope(const ForScope&) = delete;
  ForScope& operator=(const ForScope&) = delete;
  std::string name(std::string_view base) const;

 private:
  int depth_;
};

Expression for_expression(const Value& collection, std::string key_variable,
                          std::string value_variable, const Value* key_result,
                          const Value& value_result, const Value* condition);
Expression iterator_symbol(std::string_view iterator, std::string_view attribute);
// toset(list) for strings; {for i, v in list : tostring(i) => v} for anything else.
Value list_collection(const Value& list, bool strings);

template <class R>
concept TypedExpression = std::derived_from<R, Expression> && requires {
  typename R::value_type;
};

}  // namespace detail

// What a resource's, data source's or module's for_each iterates, with each.key and
// each.value typed from it: T is the element type, spelled as the C++ type of its literal
// (std::string, double, bool, std::vector<U>, std::map<std::string, U>). each.value() is an
// Expr<T>, so a String field accepts the element of an Iterator<std::string> and rejects the
// element of an Iterator<double> at compile time.
//
//   auto zones = Iterator<std::string>::map({{"a", "10.0.1.0/24"}, {"b", "10.0.2.0/24"}});
//   aws::Subnet subnet(stack, "subnet", {.cidr_block = zones.value(), .vpc_id = vpc.id()},
//                      {.for_each = zones});
//
// The same iterator builds dynamic blocks (dynamic_block.hpp); there it is named after the
// block unless renamed with named().
template <class T>
class Iterator {
 public:
  using element_type = T;

  // A map: each.key is the key, each.value its element.
  static Iterator map(const MapExpr<T>& map) { return Iterator(Value(map)); }
  static Iterator map(const std::map<std::string, T>& literal) {
    return Iterator(detail::literal_value(literal));
  }
  // A list. Strings become toset(list), so each.key and each.value are the string; other
  // elements are keyed by their index ({for i, v in list : tostring(i) => v}), which shifts
  // when an item is inserted: prefer map() or keyed() for those.
  static Iterator list(const ListExpr<T>& list) {
    return Iterator(detail::list_collection(Value(list), std::is_same_v<T, std::string>));
  }
  static Iterator list(const std::vector<T>& literal) {
    return Iterator(
        detail::list_collection(detail::literal_value(literal), std::is_same_v<T, std::string>));
  }
  // A set of strings (each.key == each.value).
  static Iterator set(const ListExpr<T>& set) requires std::same_as<T, std::string> {
    return list(set);
  }
  static Iterator set(const std::vector<T>& literal) requires std::same_as<T, std::string> {
    return list(literal);
  }
  // A list of objects keyed by one of their attributes: {for v in list : v.<attribute> => v}.
  static Iterator keyed(const ListExpr<T>& list, std::string_view attribute) {
    Value key = Value(detail::iterator_symbol("v", attribute));
    return Iterator(Value(detail::for_expression(
        Value(list), "", "v", &key, Value(detail::iterator_symbol("v", "")), nullptr)));
  }

  // The same collection under another iterator name (dynamic blocks; never for for_each,
  // whose symbol is always `each`).
  Iterator named(std::string name) const {
    Iterator copy = *this;
    copy.name_ = std::move(name);
    return copy;
  }
  const std::string& name() const noexcept { return name_; }

  StringExpr key() const { return StringExpr(detail::iterator_symbol(name_, "key")); }
  Expr<T> value() const { return Expr<T>(detail::iterator_symbol(name_, "value")); }
  // each.value.<attribute>, typed by the caller, for object elements.
  template <class U>
  Expr<U> value_attr(std::string_view attribute) const {
    return Expr<U>(detail::iterator_symbol(name_, "value").attr(attribute));
  }

  // What for_each is set to; also by conversion: `.for_each = zones`.
  const Value& collection() const noexcept { return collection_; }
  operator Value() const { return collection_; }

 private:
  explicit Iterator(Value collection) : collection_(std::move(collection)) {}
  Value collection_;
  std::string name_ = "each";
};

// count with its index typed: `.count = replicas` and replicas.index() is count.index.
class Count {
 public:
  Count(Number count) : count_(std::move(count)) {}
  NumberExpr index() const { return NumberExpr(detail::iterator_symbol("count", "index")); }
  operator Number() const { return count_; }

 private:
  Number count_;
};

// [for x in list : f(x)] and [for x in list : f(x) if keep(x)]: a list typed from what f returns.
template <class T, class F>
requires detail::TypedExpression<std::invoke_result_t<F, Expr<T>>>
auto for_list(const ListExpr<T>& list, F f) {
  using R = std::invoke_result_t<F, Expr<T>>;
  detail::ForScope scope;
  std::string x = scope.name("x");
  Value result = Value(static_cast<const Expression&>(f(Expr<T>(detail::iterator_symbol(x, "")))));
  return ListExpr<typename R::value_type>(
      detail::for_expression(Value(list), "", x, nullptr, result, nullptr));
}
template <class T, class F, class P>
requires detail::TypedExpression<std::invoke_result_t<F, Expr<T>>> &&
    std::convertible_to<std::invoke_result_t<P, Expr<T>>, BoolExpr>
auto for_list(const ListExpr<T>& list, F f, P keep) {
  using R = std::invoke_result_t<F, Expr<T>>;
  detail::ForScope scope;
  std::string x = scope.name("x");
  Expr<T> item(detail::iterator_symbol(x, ""));
  Value result = Value(static_cast<const Expression&>(f(item)));
  Value condition = Value(static_cast<const Expression&>(BoolExpr(keep(item))));
  return ListExpr<typename R::value_type>(
      detail::for_expression(Value(list), "", x, nullptr, result, &condition));
}

// [for k, v in map : f(k, v)]: a list from a map.
template <class T, class F>
requires detail::TypedExpression<std::invoke_result_t<F, StringExpr, Expr<T>>>
auto for_list(const MapExpr<T>& map, F f) {
  using R = std::invoke_result_t<F, StringExpr, Expr<T>>;
  detail::ForScope scope;
  std::string k = scope.name("k"), v = scope.name("v");
  Value result = Value(static_cast<const Expression&>(
      f(StringExpr(detail::iterator_symbol(k, "")), Expr<T>(detail::iterator_symbol(v, "")))));
  return ListExpr<typename R::value_type>(
      detail::for_expression(Value(map), k, v, nullptr, result, nullptr));
}

// {for k, v in map : k => f(k, v)}: a map with the same keys, typed from what f returns.
template <class T, class F>
requires detail::TypedExpression<std::invoke_result_t<F, StringExpr, Expr<T>>>
auto for_map(const MapExpr<T>& map, F f) {
  using R = std::invoke_result_t<F, StringExpr, Expr<T>>;
  detail::ForScope scope;
  std::string k = scope.name("k"), v = scope.name("v");
  StringExpr key(detail::iterator_symbol(k, ""));
  Value result =
      Value(static_cast<const Expression&>(f(key, Expr<T>(detail::iterator_symbol(v, "")))));
  Value key_result = Value(static_cast<const Expression&>(key));
  return MapExpr<typename R::value_type>(
      detail::for_expression(Value(map), k, v, &key_result, result, nullptr));
}

// {for x in list : key(x) => f(x)}: a map from a list (keys must be unique).
template <class T, class K, class F>
requires std::convertible_to<std::invoke_result_t<K, Expr<T>>, StringExpr> &&
    detail::TypedExpression<std::invoke_result_t<F, Expr<T>>>
auto for_map(const ListExpr<T>& list, K key, F f) {
  using R = std::invoke_result_t<F, Expr<T>>;
  detail::ForScope scope;
  std::string x = scope.name("x");
  Expr<T> item(detail::iterator_symbol(x, ""));
  Value key_result = Value(static_cast<const Expression&>(StringExpr(key(item))));
  Value result = Value(static_cast<const Expression&>(f(item)));
  return MapExpr<typename R::value_type>(
      detail::for_expression(Value(list), "", x, &key_result, result, nullptr));
}

}  // namespace edustack::inline core
