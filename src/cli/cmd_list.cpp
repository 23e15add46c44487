// edustack list [--json] [--stack NAME]...

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "edustack/core/data_source.hpp"
#include "edustack/core/resource.hpp"

namespace edustack::cli::detail {

namespace {

struct StackCounts {
  std::string name;
  std::string path;
  std::size_t resources = 0;
  std::size_t data_sources = 0;
  std::map<std::string, std::size_t> by_type;
};

StackCounts count(const Stack& stack) {
  StackCounts counts{.name = stack.node().id(), .path = stack.node().path()};
  for (const Element* element : stack.elements()) {
    if (const auto* resource = dynamic_cast<const Resource*>(element)) {
      ++counts.resources;
      ++counts.by_type[resource->terraform_type()];
    } else if (dynamic_cast<const DataSource*>(element) != nullptr) {
      ++counts.data_sources;
    }
  }
  return counts;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

Command add_list_command(CLI::App& root, Context& context) {
  CLI::App* command =
      root.add_subcommand("list", "List the stacks with their resource counts by type");
  auto json = std::make_shared<bool>(false);
  command->add_flag("--json", *json, "Print JSON for machines");
  add_stack_option(*command, context, true);
  add_env_option(*command, context);

  return {command, [json](Context& ctx) {
            std::vector<Stack*> stacks = selected_stacks(ctx);
            apply_aspects(*ctx.app);  // aspects may add resources; synthesis applies them too
            std::vector<StackCounts> all;
            for (Stack* stack : stacks) all.push_back(count(*stack));

            if (*json) {
              nlohmann::json document = {{"stacks", nlohmann::json::array()}};
              for (const auto& c : all) {
                document["stacks"].push_back({{"name", c.name},
                                              {"path", c.path},
                                              {"resources", c.resources},
                                              {"data_sources", c.data_sources},
                                              {"resource_types", c.by_type}});
              }
              ctx.console.print(document.dump(2) + "\n");
              return static_cast<int>(exit_ok);
            }
            std::string text;
            for (const auto& c : all) {
              text += fmt::format("{}  {}, {}\n", ctx.console.out_style(c.name, Style::bold),
                                  plural(c.resources, "resource", "resources"),
                                  plural(c.data_sources, "data source", "data sources"));
              std::size_t width = 0;
              for (const auto& [type, n] : c.by_type) width = std::max(width, type.size());
              for (const auto& [type, n] : c.by_type) {
                text += fmt::format("  {:<{}}  {:>3}\n", type, width, n);
              }
            }
            ctx.console.print(text);
            return static_cast<int>(exit_ok);
          }};
}

}  // namespace edustack::cli::detail
