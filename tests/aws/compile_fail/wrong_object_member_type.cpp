// A member of an object-typed attribute takes only its own Terraform type: a string reference
// (vpc.id()) cannot go into `from_port`, a number, of aws_security_group's `ingress` objects.
#include "edustack/aws/security_group.hpp"
#include "edustack/aws/vpc.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
  edustack::aws::Vpc vpc(stack, "main", {.cidr_block = "10.0.0.0/16"});
  edustack::aws::SecurityGroupIngress https{.protocol = "tcp", .to_port = 443};
#ifdef EDUSTACK_COMPILE_FAIL
  https.from_port = vpc.id();
#else
  https.from_port = vpc.ipv4_netmask_length();
#endif
  edustack::aws::SecurityGroup group(stack, "web", {.ingress = {https}, .vpc_id = vpc.id()});
}
