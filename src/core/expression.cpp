#include "edustack/core/expression.hpp"

#include <charconv>
#include <cmath>
#include <functional>

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

// Rendering appends to one buffer: an expression's text is built in place, never from
// temporaries that are copied into their parent's text (a nested operand used to be copied once
// per level). Any number JSON and HCL cannot carry is rendered as null and flagged.
struct Renderer {
  std::string& out;
  bool non_finite = false;

  void number(const Value& value) {
    char buffer[32];
    if (value.kind() == Value::Kind::integer) {
      auto result = std::to_chars(buffer, buffer + sizeof buffer, value.as_integer());
      out.append(buffer, result.ptr);
      return;
    }
    double d = value.as_number();
    if (!std::isfinite(d)) {
      non_finite = true;
      out += "null";
      return;
    }
    auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
    out.append(buffer, result.ptr);
  }

  // text with HCL string escapes and "${" / "%{" doubled, without the quotes.
  void quoted_content(std::string_view text) {
    std::size_t plain = 0;  // start of the run of characters copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      const char* escape = nullptr;
      switch (c) {
        case '"':
          escape = "\\\"";
          break;
        case '\\':
          escape = "\\\\";
          break;
        case '\n':
          escape = "\\n";
          break;
        case '\r':
          escape = "\\r";
          break;
        case '\t':
          escape = "\\t";
          break;
        case '$':
        case '%':
          if (i + 1 < text.size() && text[i + 1] == '{') {
            out.append(text.data() + plain, i + 1 - plain);
            plain = i;  // the character is written twice
          }
          continue;
        default:
          continue;
      }
      out.append(text.data() + plain, i - plain);
      out += escape;
      plain = i + 1;
    }
    out.append(text.data() + plain, text.size() - plain);
  }

  void quoted(std::string_view text) {
    out += '"';
    quoted_content(text);
    out += '"';
  }

  void operand(const Value& value) {
    switch (value.kind()) {
      case Value::Kind::null:
        out += "null";
        return;
      case Value::Kind::boolean:
        out += value.as_bool() ? "true" : "false";
        return;
      case Value::Kind::integer:
      case Value::Kind::real:
        number(value);
        return;
      case Value::Kind::string:
        quoted(value.as_string());
        return;
      case Value::Kind::list: {
        out += '[';
        bool first = true;
        for (const auto& item : value.as_list()) {
          if (!first) out += ", ";
          first = false;
          operand(item);
        }
        out += ']';
        return;
      }
      case Value::Kind::object: {
        out += '{';
        bool first = true;
        for (const auto& [key, item] : value.as_object()) {
          if (!first) out += ", ";
          first = false;
          quoted(key);
          out += " = ";
          operand(item);
        }
        out += '}';
        return;
      }
      case Value::Kind::expression: {
        const auto& node = detail::node_of(value.as_expression());
        if (node.kind == ExpressionNode::Kind::conditional) {
          out += '(';
          hcl(node);
          out += ')';
          return;
        }
        hcl(node);  // an interpolation renders as a quoted template
        return;
      }
    }
    out += "null";
  }

  // The parts of a template inside an HCL quoted string.
  void template_parts(const ExpressionNode& node) {
    for (const auto& part : node.operands) {
      if (part.is_string()) {
        quoted_content(part.as_string());
      } else if (part.is_expression() && detail::node_of(part.as_expression()).kind ==
                                             ExpressionNode::Kind::interpolation) {
        template_parts(detail::node_of(part.as_expression()));
      } else if (part.is_number()) {
        number(part);
      } else {
        out += "${";
        operand(part);
        out += '}';
      }
    }
  }

  // The parts of a template as the text of a JSON string (no HCL string escapes).
  void json_template_parts(const ExpressionNode& node) {
    for (const auto& part : node.operands) {
      if (part.is_string()) {
        append_template_literal(out, part.as_string());
      } else if (part.is_expression() && detail::node_of(part.as_expression()).kind ==
                                             ExpressionNode::Kind::interpolation) {
        json_template_parts(detail::node_of(part.as_expression()));
      } else if (part.is_number()) {
        number(part);
      } else {
        out += "${";
        operand(part);
        out += '}';
      }
    }
  }

  void hcl(const ExpressionNode& node) {
    switch (node.kind) {
      case ExpressionNode::Kind::reference:
        out += node.target->address();
        if (!node.text.empty()) {
          out += '.';
          out += node.text;
        }
        return;
      case ExpressionNode::Kind::raw:
        out += node.text;
        return;
      case ExpressionNode::Kind::call:
        out += node.text;
        out += '(';
        for (std::size_t i = 0; i < node.operands.size(); ++i) {
          if (i) out += ", ";
          operand(node.operands[i]);
        }
        out += ')';
        return;
      case ExpressionNode::Kind::interpolation:
        out += '"';
        template_parts(node);
        out += '"';
        return;
      case ExpressionNode::Kind::conditional:
        operand(node.operands[0]);
        out += " ? ";
        operand(node.operands[1]);
        out += " : ";
        operand(node.operands[2]);
        return;
      case ExpressionNode::Kind::index:
        operand(node.operands[0]);
        out += '[';
        operand(node.operands[1]);
        out += ']';
        return;
      case ExpressionNode::Kind::attribute:
        operand(node.operands[0]);
        out += '.';
        out += node.text;
        return;
      case ExpressionNode::Kind::for_expression: {
        const bool map = !node.operands[2].is_null();
        out += map ? "{for " : "[for ";
        if (auto space = node.text.find(' '); space != std::string::npos) {
          out.append(node.text, 0, space);
          out += ", ";
          out.append(node.text, space + 1);
        } else {
          out += node.text;
        }
        out += " in ";
        operand(node.operands[0]);
        out += " : ";
        if (map) {
          operand(node.operands[2]);
          out += " => ";
        }
        operand(node.operands[1]);
        if (!node.operands[3].is_null()) {
          out += " if ";
          operand(node.operands[3]);
        }
        out += map ? '}' : ']';
        return;
      }
    }
    out += "null";
  }

  void template_text(const ExpressionNode& node) {
    if (node.kind == ExpressionNode::Kind::interpolation) {
      json_template_parts(node);
      return;
    }
    out += "${";
    hcl(node);
    out += '}';
  }
};

}  // namespace

void append_template_literal(std::string& out, std::string_view text) {
  std::size_t plain = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if ((text[i] == '$' || text[i] == '%') && text[i + 1] == '{') {
      out.append(text.data() + plain, i + 1 - plain);
      plain = i;  // the character is written twice
    }
  }
  out.append(text.data() + plain, text.size() - plain);
}

std::string escape_template_literal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_template_literal(out, text);
  return out;
}

std::string render_hcl(const Expression& expression) {
  std::string out;
  Renderer{out}.hcl(detail::node_of(expression));
  return out;
}

std::string render_template(const Expression& expression) {
  std::string out;
  Renderer{out}.template_text(detail::node_of(expression));
  return out;
}

bool append_template(std::string& out, const Expression& expression) {
  Renderer renderer{out};
  renderer.template_text(detail::node_of(expression));
  return !renderer.non_finite;
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
      const auto& node = detail::node_of(value.as_expression());
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
      const auto& node = detail::node_of(value.as_expression());
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
