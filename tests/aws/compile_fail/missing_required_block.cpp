// Omitting a required block (aws_lb_listener's default_action, min_items 1) is a compile error.
#include "edustack/aws/lb_listener.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  edustack::aws::LbListener listener(stack, "http", {.load_balancer_arn = "arn:lb", .port = 80});
#else
  edustack::aws::LbListener listener(
      stack, "http",
      {.default_action = {{.target_group_arn = "arn:tg", .type = "forward"}},
       .load_balancer_arn = "arn:lb",
       .port = 80});
#endif
}
