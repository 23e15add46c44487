// Omitting a required argument (aws_subnet's vpc_id) is a compile error: core::Required has no
// default constructor.
#include "edustack/aws/subnet.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  edustack::aws::Subnet subnet(stack, "a", {.cidr_block = "10.0.1.0/24"});
#else
  edustack::aws::Subnet subnet(stack, "a", {.cidr_block = "10.0.1.0/24", .vpc_id = "vpc-1"});
#endif
}
