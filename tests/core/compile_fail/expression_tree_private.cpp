// The expression tree is the core's own (issue 11): Expression has no public node(); other
// layers read an expression through kind(), target(), name(), operands() and type(), which the
// control uses.
#include "edustack/core/expression.hpp"

int main() {
  edustack::Expression expression = edustack::Expression::raw("var.x");
#ifdef EDUSTACK_COMPILE_FAIL
  return expression.node().text.empty() ? 1 : 0;
#else
  return expression.name().empty() ? 1 : 0;
#endif
}
