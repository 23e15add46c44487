// The same misspelling in a config declared on its own: here the compiler names the field
// ("has no non-static data member named 'cidr_blok'"); inside a constructor call it only says
// that the braced list does not convert to VpcConfig.
#include "edustack/aws/vpc.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  edustack::aws::VpcConfig config{.cidr_blok = "10.0.0.0/16"};
#else
  edustack::aws::VpcConfig config{.cidr_block = "10.0.0.0/16"};
#endif
  edustack::aws::Vpc vpc(stack, "main", config);
}
