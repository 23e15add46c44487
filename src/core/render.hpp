#pragma once

// Rendering of expressions to Terraform syntax. Internal to the library.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/inspect.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core {

namespace detail {

struct ExpressionNode {
  enum class Kind {
    reference,
    raw,
    call,
    interpolation,
    conditional,
    index,
    attribute,
    for_expression
  };
  Kind kind = Kind::raw;
  const Element* target = nullptr;  // reference
  std::string text;                 // reference attribute, raw text, function or attribute name
  std::vector<Value> operands;  // call arguments, template parts, condition/true/false, base/key
  // for_expression: text is "k v" or "v"; operands are collection, value result, key result
  // (null for a list result) and condition (null for none).
  std::string type;  // reference: the Terraform type when known ("string", "list(string)")
};

// The tree behind an Expression (a friend of it): for the renderer and checks of src/core only.
struct ExpressionAccess {
  static const ExpressionNode& node(const Expression& expression) noexcept {
    return *expression.node_;
  }
};
inline const ExpressionNode& node_of(const Expression& expression) noexcept {
  return ExpressionAccess::node(expression);
}

}  // namespace detail

// The text Terraform reads in a JSON string: "${...}", or a template for interpolations.
std::string render_template(const Expression& expression);
// The expression in HCL syntax, without "${}": "aws_vpc.main.id".
std::string render_hcl(const Expression& expression);
// A literal string in an expression position: "${" and "%{" are doubled so they stay literal.
std::string escape_template_literal(std::string_view text);
// The same, appended to out.
void append_template_literal(std::string& out, std::string_view text);
// render_template appended to out; false when the expression holds a number JSON and HCL cannot
// carry (NaN, infinity; rendered as null).
bool append_template(std::string& out, const Expression& expression);
// for_each_reference is public: edustack/core/inspect.hpp.
// A copy of value in which every reference for which replace returns an expression is replaced
// by it (the rest of the tree is rebuilt around it, nothing else changes).
using ReferenceReplacer = std::function<std::optional<Expression>(const detail::ExpressionNode&)>;
Value replace_references(const Value& value, const ReferenceReplacer& replace);

}  // namespace edustack::inline core
