// Omitting a required argument of a header-only type (random_password's length; its
// constructors are templates, docs/generator.md) is a compile error naming the field, as for
// the committed types.
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/random/password.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  edustack::random::Password password(stack, "p", {.special = true});
#else
  edustack::random::Password password(stack, "p", {.length = 20, .special = true});
#endif
}
