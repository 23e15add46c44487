#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/arguments.hpp"

// Typed Terraform functions. Each returns an expression object rendered at synthesis.
namespace edustack::inline core::fn {

// Any function by name, typed by the caller: fn::call<std::string>("upper", {name}).
template <class T = void>
auto call(std::string name, std::vector<Value> arguments) {
  if constexpr (std::is_void_v<T>) {
    return Expression::call(std::move(name), std::move(arguments));
  } else {
    return Expr<T>(Expression::call(std::move(name), std::move(arguments)));
  }
}

StringExpr jsonencode(const Value& value);
Expression jsondecode(const String& text);
StringExpr join(const String& separator, const List<String>& items);
StringExpr format(const String& spec, std::vector<Value> arguments);
Expression element(const Value& list, const Number& index);
Expression lookup(const Value& map, const String& key, const Value& fallback);
Expression lookup(const Value& map, const String& key);
StringExpr cidrsubnet(const String& prefix, const Number& newbits, const Number& netnum);
Expression tolist(const Value& collection);
Expression toset(const Value& collection);
Expression merge(std::vector<Value> maps);
Expression concat(std::vector<Value> lists);
NumberExpr length(const Value& collection);
StringExpr tostring(const Value& value);
StringExpr upper(const String& text);
StringExpr lower(const String& text);
BoolExpr contains(const Value& list, const Value& element);
StringExpr base64encode(const String& text);
StringExpr filebase64sha256(const String& path);
StringExpr sha256(const String& text);

}  // namespace edustack::inline core::fn
