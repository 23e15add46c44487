// The element type of an iterator flows into fields: each.value of an Iterator<double> is a
// NumberExpr, which a String field (aws_subnet's cidr_block) rejects at compile time; the
// control iterates strings and compiles.
#include "edustack/aws/subnet.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/iterator.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  auto zones = edustack::Iterator<double>::map({{"a", 1}, {"b", 2}});
#else
  auto zones = edustack::Iterator<std::string>::map({{"a", "10.0.1.0/24"}, {"b", "10.0.2.0/24"}});
#endif
  edustack::aws::SubnetConfig config{.vpc_id = "vpc-1"};
  config.cidr_block = zones.value();
  edustack::aws::Subnet subnet(stack, "subnet", config, {.for_each = zones});
}
