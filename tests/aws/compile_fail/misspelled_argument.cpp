// A misspelled argument is a compile error: config structs have exactly the schema's fields.
#include "edustack/aws/vpc.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  edustack::aws::Vpc vpc(stack, "main", {.cidr_blok = "10.0.0.0/16"});
#else
  edustack::aws::Vpc vpc(stack, "main", {.cidr_block = "10.0.0.0/16"});
#endif
}
