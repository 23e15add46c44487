// A misspelled member of an object-typed attribute (aws_security_group's `ingress`, a
// set(object({...})) in the schema) is a compile error naming it, as a misspelled argument is:
// the object is a generated struct (SecurityGroupIngress), not an untyped core::Value.
#include "edustack/aws/security_group.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  edustack::aws::SecurityGroupIngress https{.from_prot = 443, .protocol = "tcp", .to_port = 443};
#else
  edustack::aws::SecurityGroupIngress https{.from_port = 443, .protocol = "tcp", .to_port = 443};
#endif
  edustack::aws::SecurityGroup group(stack, "web", {.ingress = {https}, .vpc_id = "vpc-1"});
}
