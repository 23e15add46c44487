// One instance of a header-only generated type (random_pet, committed in the header-only form of
// every AWS type), built with a config and with meta-arguments as a user's program does.
// tests/core/instance_codegen_check.cmake compiles it and reads its symbols: what it may not
// define is the code that is compiled once in the library (issue 12, bench/README.md).
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/random/pet.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "s");
  edustack::random::Pet pet(stack, "pet", {.length = 2, .prefix = "edu"});
  edustack::random::Pet other(stack, "other");
  return app.synth_in_memory().stacks.size() == 1 ? 0 : 1;
}
