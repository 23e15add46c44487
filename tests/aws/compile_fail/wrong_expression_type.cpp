// A reference of the wrong Terraform type is a compile error: a string attribute (vpc.id())
// cannot go where a number belongs.
#include "edustack/aws/vpc.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
  edustack::aws::Vpc other(stack, "other", {.cidr_block = "10.1.0.0/16"});
  edustack::aws::VpcConfig config;
#ifdef EDUSTACK_COMPILE_FAIL
  config.ipv4_netmask_length = other.id();
#else
  config.ipv4_netmask_length = other.ipv4_netmask_length();
#endif
  edustack::aws::Vpc vpc(stack, "main", config);
}
