#include "edustack/core/expression.hpp"

#include <charconv>
#include <cmath>

#include "edustack/core/element.hpp"
#include "edustack/core/iterator.hpp"
#include "edustack/core/value.hpp"
#include "render.hpp"

namespace edustack::inline core {

using detail::ExpressionNode;

namespace {

std::shared_ptr<ExpressionNode> make_node(ExpressionNode::Kind kind) {
  auto node = std::make_shared<ExpressionNode>();
  node->kind = kind;
  return node;
}

struct ExpressionFactory : Expression {
  static Expression wrap(std::shared_ptr<const ExpressionNode> node) {
    return ExpressionFactory(std::move(node));
  }
  explicit ExpressionFactory(std::shared_ptr<const ExpressionNode> node)
      : Expression(std::move(node)) {}
};

std::string number_text(const Value& value) {
  if (value.kind() == Value::Kind::integer) return std::to_string(value.as_integer());
  double d = value.as_number();
  if (!std::isfinite(d)) return "null";
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  return std::string(buffer, result.ptr);
}

std::string quote_hcl(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return escape_template_literal(out);
}

void append_template_parts(const ExpressionNode& node, std::string& out);
std::string hcl(const ExpressionNode& node);

std::string operand(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null:
      return "null";
    case Value::Kind::boolean:
      return value.as_bool() ? "true" : "false";
    case Value::Kind::integer:
    case Value::Kind::real:
      return number_text(value);
    case Value::Kind::string:
      return quote_hcl(value.as_string());
    case Value::Kind::list: {
      std::string out = "[";
      bool first = true;
      for (const auto& item : value.as_list()) {
        if (!first) out += ", ";
        first = false;
        out += operand(item);
      }
      return out + "]";
    }
    case Value::Kind::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, item] : value.as_object()) {
        if (!first) out += ", ";
        first = false;
        out += quote_hcl(key) + " = " + operand(item);
      }
      return out + "}";
    }
    case Value::Kind::expression: {
      const auto& node = value.as_expression().node();
      if (node.kind == ExpressionNode::Kind::interpolation) {
        std::string out = "\"";
        append_template_parts(node, out);
        return out + "\"";
      }
      if (node.kind == ExpressionNode::Kind::conditional) return "(" + hcl(node) + ")";
      return hcl(node);
    }
  }
  return "null";
}

void append_template_parts(const ExpressionNode& node, std::string& out) {
  for (const auto& part : node.operands) {
    if (part.is_string()) {
      // Inside a quoted template, quotes and backslashes need HCL escapes as well.
      std::string quoted = quote_hcl(part.as_string());
      out += quoted.substr(1, quoted.size() - 2);
    } else if (part.is_expression() &&
               part.as_expression().node().kind == ExpressionNode::Kind::interpolation) {
      append_template_parts(part.as_expression().node(), out);
    } else if (part.is_number()) {
      out += number_text(part);
    } else {
      out += "${" + operand(part) + "}";
    }
  }
}

void append_json_template_parts(const ExpressionNode& node, std::string& out) {
  for (const auto& part : node.operands) {
    if (part.is_string()) {
      out += escape_template_literal(part.as_string());
    } else if (part.is_expression() &&
               part.as_expression().node().kind == ExpressionNode::Kind::interpolation) {
      append_json_template_parts(part.as_expression().node(), out);
    } else if (part.is_number()) {
      out += number_text(part);
    } else {
      out += "${" + operand(part) + "}";
    }
  }
}

std::string hcl(const ExpressionNode& node) {
  switch (node.kind) {
    case ExpressionNode::Kind::reference: {
      std::string address = node.target->address();
      return node.text.empty() ? address : address + "." + node.text;
    }
    case ExpressionNode::Kind::raw:
      return node.text;
    case ExpressionNode::Kind::call: {
      std::string out = node.text + "(";
      for (std::size_t i = 0; i < node.operands.size(); ++i) {
        if (i) out += ", ";
        out += operand(node.operands[i]);
      }
      return out + ")";
    }
    case ExpressionNode::Kind::interpolation: {
      std::string out = "\"";
      append_template_parts(node, out);
      return out + "\"";
    }
    case ExpressionNode::Kind::conditional:
      return operand(node.operands[0]) + " ? " + operand(node.operands[1]) + " : " +
             operand(node.operands[2]);
    case ExpressionNode::Kind::index:
      return operand(node.operands[0]) + "[" + operand(node.operands[1]) + "]";
    case ExpressionNode::Kind::attribute:
      return operand(node.operands[0]) + "." + node.text;
    case ExpressionNode::Kind::for_expression: {
      bool map = !node.operands[2].is_null();
      std::string variables = node.text;
      if (auto space = variables.find(' '); space != std::string::npos) {
        variables.replace(space, 1, ", ");
      }
      std::string out = std::string(map ? "{" : "[") + "for " + variables + " in " +
                        operand(node.operands[0]) + " : ";
      if (map) out += operand(node.operands[2]) + " => ";
      out += operand(node.operands[1]);
      if (!node.operands[3].is_null()) out += " if " + operand(node.operands[3]);
      return out + (map ? "}" : "]");
    }
  }
  return "null";
}

}  // namespace

std::string escape_template_literal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{') out += c;
    out += c;
  }
  return out;
}

std::string render_hcl(const Expression& expression) { return hcl(expression.node()); }

std::string render_template(const Expression& expression) {
  const auto& node = expression.node();
  if (node.kind == ExpressionNode::Kind::interpolation) {
    std::string out;
    append_json_template_parts(node, out);
    return out;
  }
  return "${" + hcl(node) + "}";
}

void for_each_reference(const Value& value, const std::function<void(const Element&)>& visit) {
  switch (value.kind()) {
    case Value::Kind::list:
      for (const auto& item : value.as_list()) for_each_reference(item, visit);
      break;
    case Value::Kind::object:
      for (const auto& [key, item] : value.as_object()) for_each_reference(item, visit);
      break;
    case Value::Kind::expression: {
      const auto& node = value.as_expression().node();
      if (node.kind == ExpressionNode::Kind::reference) visit(*node.target);
      for (const auto& item : node.operands) for_each_reference(item, visit);
      break;
    }
    default:
      break;
  }
}

Value replace_references(const Value& value, const ReferenceReplacer& replace) {
  switch (value.kind()) {
    case Value::Kind::list: {
      Value::List out;
      out.reserve(value.as_list().size());
      for (const auto& item : value.as_list()) out.push_back(replace_references(item, replace));
      return Value(std::move(out));
    }
    case Value::Kind::object: {
      Value::Object out;
      for (const auto& [key, item] : value.as_object()) {
        out.emplace(key, replace_references(item, replace));
      }
      return Value(std::move(out));
    }
    case Value::Kind::expression: {
      const auto& node = value.as_expression().node();
      if (node.kind == ExpressionNode::Kind::reference) {
        if (auto replaced = replace(node)) return Value(*replaced);
        return value;
      }
      if (node.operands.empty()) return value;
      auto copy = std::make_shared<ExpressionNode>(node);
      for (auto& item : copy->operands) item = replace_references(item, replace);
      return Value(ExpressionFactory::wrap(std::move(copy)));
    }
    default:
      return value;
  }
}

Expression Expression::reference(const Element& target, std::string_view attribute,
                                 std::string type) {
  auto node = make_node(ExpressionNode::Kind::reference);
  node->target = &target;
  node->text = std::string(attribute);
  node->type = std::move(type);
  return ExpressionFactory::wrap(std::move(node));
}

Expression Expression::raw(std::string hcl_text) {
  auto node = make_node(ExpressionNode::Kind::raw);
  node->text = std::move(hcl_text);
  return ExpressionFactory::wrap(std::move(node));
}

Expression Expression::call(std::string function, std::vector<Value> arguments) {
  auto node = make_node(ExpressionNode::Kind::call);
  node->text = std::move(function);
  node->operands = std::move(arguments);
  return ExpressionFactory::wrap(std::move(node));
}

Expression Expression::interpolation(std::vector<Value> parts) {
  auto node = make_node(ExpressionNode::Kind::interpolation);
  node->operands = std::move(parts);
  return ExpressionFactory::wrap(std::move(node));
}

Expression Expression::conditional(const Value& condition, const Value& if_true,
                                   const Value& if_false) {
  auto node = make_node(ExpressionNode::Kind::conditional);
  node->operands = {condition, if_true, if_false};
  return ExpressionFactory::wrap(std::move(node));
}

Expression Expression::index(const Value& key) const {
  auto node = make_node(ExpressionNode::Kind::index);
  node->operands = {Value(*this), key};
  return ExpressionFactory::wrap(std::move(node));
}

Expression Expression::attr(std::string_view name) const {
  if (node_->kind == ExpressionNode::Kind::reference) {
    auto node = make_node(ExpressionNode::Kind::reference);
    node->target = node_->target;
    node->text = node_->text.empty() ? std::string(name) : node_->text + "." + std::string(name);
    return ExpressionFactory::wrap(std::move(node));
  }
  auto node = make_node(ExpressionNode::Kind::attribute);
  node->text = std::string(name);
  node->operands = {Value(*this)};
  return ExpressionFactory::wrap(std::move(node));
}

std::string Expression::to_string() const { return render_template(*this); }

StringExpr operator+(const StringExpr& a, std::string_view b) {
  return StringExpr(
      Expression::interpolation({Value(static_cast<const Expression&>(a)), Value(b)}));
}
StringExpr operator+(std::string_view a, const StringExpr& b) {
  return StringExpr(
      Expression::interpolation({Value(a), Value(static_cast<const Expression&>(b))}));
}
StringExpr operator+(const StringExpr& a, const StringExpr& b) {
  return StringExpr(Expression::interpolation(
      {Value(static_cast<const Expression&>(a)), Value(static_cast<const Expression&>(b))}));
}

namespace detail {

namespace {
thread_local int for_depth = 0;
}

ForScope::ForScope() : depth_(for_depth++) {}
ForScope::~ForScope() { --for_depth; }
std::string ForScope::name(std::string_view base) const {
  std::string out(base);
  if (depth_ > 0) out += std::to_string(depth_ + 1);
  return out;
}

Expression for_expression(const Value& collection, std::string key_variable,
                          std::string value_variable, const Value* key_result,
                          const Value& value_result, const Value* condition) {
  auto node = make_node(ExpressionNode::Kind::for_expression);
  node->text = key_variable.empty() ? value_variable : key_variable + " " + value_variable;
  node->operands = {collection, value_result, key_result ? *key_result : Value(),
                    condition ? *condition : Value()};
  return ExpressionFactory::wrap(std::move(node));
}

Expression iterator_symbol(std::string_view iterator, std::string_view attribute) {
  std::string text(iterator);
  if (!attribute.empty()) text += "." + std::string(attribute);
  return Expression::raw(std::move(text));
}

Value list_collection(const Value& list, bool strings) {
  if (strings) return Value(Expression::call("toset", {list}));
  ForScope scope;
  std::string i = scope.name("i"), v = scope.name("v");
  Value key = Value(Expression::call("tostring", {Value(Expression::raw(i))}));
  return Value(for_expression(list, i, v, &key, Value(Expression::raw(v)), nullptr));
}

}  // namespace detail

NumberExpr count_index() { return NumberExpr(Expression::raw("count.index")); }
StringExpr each_key() { return StringExpr(Expression::raw("each.key")); }
Expression each_value() { return Expression::raw("each.value"); }

}  // namespace edustack::inline core
