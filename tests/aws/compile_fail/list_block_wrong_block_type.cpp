// A list block field (core::BlockList<Block>) takes blocks of its own struct only: a
// std::vector of another block struct is a compile error, as it was when the field was a
// std::vector<Block>.
#include <utility>
#include <vector>

#include "edustack/aws/ecs_task_definition.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  std::vector<edustack::aws::EcsTaskDefinitionPlacementConstraints> volumes{{.type = "memberOf"}};
#else
  std::vector<edustack::aws::EcsTaskDefinitionVolume> volumes{{.name = "data"}};
#endif
  edustack::aws::EcsTaskDefinitionConfig config{
      .container_definitions = "[]", .family = "app", .volume = volumes};
  edustack::aws::EcsTaskDefinition definition(stack, "definition", std::move(config));
}
