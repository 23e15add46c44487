// A misspelled argument of a header-only type (random_password's lenght) in the braces of its
// constructor (a template): the first error names it, as for the committed types.
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/random/password.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  edustack::random::Password password(stack, "p", {.lenght = 20});
#else
  edustack::random::Password password(stack, "p", {.length = 20});
#endif
}
