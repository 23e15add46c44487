// The read-only view of expressions (edustack/core/expression.hpp, edustack/core/inspect.hpp):
// what other layers read instead of the private ExpressionNode.

#include "edustack/core/inspect.hpp"

#include "render.hpp"

namespace edustack::inline core {

namespace {

ExpressionKind public_kind(detail::ExpressionNode::Kind kind) {
  using Kind = detail::ExpressionNode::Kind;
  switch (kind) {
    case Kind::reference:
      return ExpressionKind::reference;
    case Kind::raw:
      return ExpressionKind::raw;
    case Kind::call:
      return ExpressionKind::call;
    case Kind::interpolation:
      return ExpressionKind::interpolation;
    case Kind::conditional:
      return ExpressionKind::conditional;
    case Kind::index:
      return ExpressionKind::index;
    case Kind::attribute:
      return ExpressionKind::attribute;
    case Kind::for_expression:
      return ExpressionKind::for_expression;
  }
  return ExpressionKind::raw;
}

}  // namespace

ExpressionKind Expression::kind() const noexcept { return public_kind(node_->kind); }

const Element* Expression::target() const noexcept {
  return node_->kind == detail::ExpressionNode::Kind::reference ? node_->target : nullptr;
}

const std::string& Expression::name() const noexcept { return node_->text; }

const std::vector<Value>& Expression::operands() const noexcept { return node_->operands; }

const std::string& Expression::type() const noexcept { return node_->type; }

void for_each_expression(const Value& value, const std::function<void(const Expression&)>& visit) {
  switch (value.kind()) {
    case Value::Kind::list:
      for (const auto& item : value.as_list()) for_each_expression(item, visit);
      break;
    case Value::Kind::object:
      for (const auto& [key, item] : value.as_object()) for_each_expression(item, visit);
      break;
    case Value::Kind::expression: {
      const Expression& expression = value.as_expression();
      visit(expression);
      for (const auto& operand : expression.operands()) for_each_expression(operand, visit);
      break;
    }
    default:
      break;
  }
}

const std::vector<Value>* call_arguments(const Value& value, std::string_view function) {
  if (!value.is_expression()) return nullptr;
  const Expression& expression = value.as_expression();
  if (expression.kind() != ExpressionKind::call || expression.name() != function) return nullptr;
  return &expression.operands();
}

}  // namespace edustack::inline core
