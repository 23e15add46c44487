#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace edustack::inline core {

class Value;
class Element;
template <class T>
class Expr;

namespace detail {
struct ExpressionNode;
struct ExpressionAccess;  // src/core/render.hpp: the library's own access to the tree
}  // namespace detail

// What an expression is, for code that reads a configuration instead of writing it (compliance
// rules, linters): the read-only view of Expression (kind(), target(), name(), operands(),
// type()) and the walks of edustack/core/inspect.hpp. The tree the renderer uses stays private.
enum class ExpressionKind {
  reference,      // target().name: name() is the attribute, "" for the element itself
  raw,            // name() is the HCL text
  call,           // name() is the function, operands() the arguments
  interpolation,  // operands() are the template parts
  conditional,    // operands() are condition, if true, if false
  index,          // operands() are base, key
  attribute,      // base.name(): operands() is {base}
  for_expression  // name() is "k v" or "v"; operands() are collection, value result,
                  // key result (null for a list) and condition (null for none)
};

// A Terraform expression kept as a small typed tree, not as a string: a reference keeps the
// element it points at, so logical-id overrides made later are respected and a reference to an
// element of another stack is caught at synthesis. Rendered to "${...}" only when synthesized.
class Expression {
 public:
  // element.attribute (attribute may be dotted, or empty for the element itself). type is the
  // Terraform type of the value when known (see terraform_type_name); a reference to an element
  // of another stack becomes an output of that stack with this type.
  static Expression reference(const Element& target, std::string_view attribute,
                              std::string type = {});
  // HCL text used as-is inside "${...}": the escape hatch for syntax edustack does not model.
  static Expression raw(std::string hcl);
  // function(args...), for any Terraform function (see functions.hpp for typed ones).
  static Expression call(std::string function, std::vector<Value> arguments);
  // A string template: literal parts stay literal, expression parts are interpolated.
  static Expression interpolation(std::vector<Value> parts);
  static Expression conditional(const Value& condition, const Value& if_true,
                                const Value& if_false);

  Expression index(const Value& key) const;      // base[key]
  Expression attr(std::string_view name) const;  // base.name

  // Views this expression as one of a given Terraform type, when the caller knows better than
  // the type system (a variable of type string, a dynamic attribute).
  template <class T>
  Expr<T> as() const {
    return Expr<T>(*this);
  }

  // "${...}" as Terraform will read it. Synthesis renders the same way, plus stack checks.
  std::string to_string() const;

  // Read-only inspection; see ExpressionKind for what name() and operands() hold per kind.
  ExpressionKind kind() const noexcept;
  // The element a reference points at; nullptr for every other kind.
  const Element* target() const noexcept;
  const std::string& name() const noexcept;
  const std::vector<Value>& operands() const noexcept;
  // A reference's Terraform type when known ("string", "list(string)"), else "".
  const std::string& type() const noexcept;

 protected:
  explicit Expression(std::shared_ptr<const detail::ExpressionNode> node)
      : node_(std::move(node)) {}

 private:
  // The tree is the library's own (its renderer and checks: detail::node_of in
  // src/core/render.hpp); other layers read it through the inspection functions above.
  friend struct detail::ExpressionAccess;
  std::shared_ptr<const detail::ExpressionNode> node_;
};

namespace detail {
template <class T>
struct expr_element {};
template <class U>
struct expr_element<std::vector<U>> {
  using type = U;
};
template <class U>
struct expr_element<std::map<std::string, U>> {
  using type = U;
};
}  // namespace detail

// An expression whose Terraform type is T, spelled as the C++ type a literal of it has:
// std::string, double, bool, std::vector<U>, std::map<std::string, U>. A config field of type
// String accepts Expr<std::string> but not Expr<double>, so a number cannot go where an ARN goes.
template <class T>
class Expr : public Expression {
 public:
  using value_type = T;
  explicit Expr(Expression e) : Expression(std::move(e)) {}

  // list[index] or map[key], typed as the element.
  template <class K>
  auto operator[](const K& key) const requires requires {
    typename detail::expr_element<T>::type;
  }
  { return Expr<typename detail::expr_element<T>::type>(index(key)); }
};

// The Terraform type constraint spelling of T ("string", "list(number)", "map(bool)"), or
// "dynamic" for types without one.
template <class T>
std::string terraform_type_name() {
  if constexpr (std::is_same_v<T, std::string>) {
    return "string";
  } else if constexpr (std::is_same_v<T, double>) {
    return "number";
  } else if constexpr (std::is_same_v<T, bool>) {
    return "bool";
  } else if constexpr (requires { typename detail::expr_element<T>::type; }) {
    std::string inner = terraform_type_name<typename detail::expr_element<T>::type>();
    if (inner == "dynamic") return inner;
    return (std::is_same_v<T, std::vector<typename detail::expr_element<T>::type>> ? "list("
                                                                                   : "map(") +
           inner + ")";
  } else {
    return "dynamic";
  }
}

using StringExpr = Expr<std::string>;
using NumberExpr = Expr<double>;
using BoolExpr = Expr<bool>;
template <class T>
using ListExpr = Expr<std::vector<T>>;
template <class T>
using MapExpr = Expr<std::map<std::string, T>>;

// String concatenation builds an interpolation: bucket.arn() + "/*" renders "${...arn}/*".
StringExpr operator+(const StringExpr& a, std::string_view b);
StringExpr operator+(std::string_view a, const StringExpr& b);
StringExpr operator+(const StringExpr& a, const StringExpr& b);

// Values only meaningful inside a resource that sets count or for_each.
NumberExpr count_index();
StringExpr each_key();
Expression each_value();

}  // namespace edustack::inline core
