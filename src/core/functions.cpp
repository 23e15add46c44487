#include "edustack/core/functions.hpp"

namespace edustack::inline core::fn {

StringExpr jsonencode(const Value& value) { return call<std::string>("jsonencode", {value}); }
Expression jsondecode(const String& text) { return call("jsondecode", {text.value()}); }
StringExpr join(const String& separator, const List<String>& items) {
  return call<std::string>("join", {separator.value(), items.value()});
}
StringExpr format(const String& spec, std::vector<Value> arguments) {
  arguments.insert(arguments.begin(), spec.value());
  return call<std::string>("format", std::move(arguments));
}
Expression element(const Value& list, const Number& index) {
  return call("element", {list, index.value()});
}
Expression lookup(const Value& map, const String& key, const Value& fallback) {
  return call("lookup", {map, key.value(), fallback});
}
Expression lookup(const Value& map, const String& key) {
  return call("lookup", {map, key.value()});
}
StringExpr cidrsubnet(const String& prefix, const Number& newbits, const Number& netnum) {
  return call<std::string>("cidrsubnet", {prefix.value(), newbits.value(), netnum.value()});
}
Expression tolist(const Value& collection) { return call("tolist", {collection}); }
Expression toset(const Value& collection) { return call("toset", {collection}); }
Expression merge(std::vector<Value> maps) { return call("merge", std::move(maps)); }
Expression concat(std::vector<Value> lists) { return call("concat", std::move(lists)); }
NumberExpr length(const Value& collection) { return call<double>("length", {collection}); }
StringExpr tostring(const Value& value) { return call<std::string>("tostring", {value}); }
StringExpr upper(const String& text) { return call<std::string>("upper", {text.value()}); }
StringExpr lower(const String& text) { return call<std::string>("lower", {text.value()}); }
BoolExpr contains(const Value& list, const Value& element) {
  return call<bool>("contains", {list, element});
}
StringExpr base64encode(const String& text) {
  return call<std::string>("base64encode", {text.value()});
}
StringExpr filebase64sha256(const String& path) {
  return call<std::string>("filebase64sha256", {path.value()});
}
StringExpr sha256(const String& text) { return call<std::string>("sha256", {text.value()}); }

}  // namespace edustack::inline core::fn
