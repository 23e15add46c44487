#include "cmd_check.hpp"
#include "command.hpp"

namespace edustack::cli::detail {

void add_stack_option(CLI::App& command, Context& context, bool many) {
  command
      .add_option("--stack", context.options.stacks,
                  many ? "Only this stack (repeat for several; default: all)"
                       : "The stack (default: the app's only stack)")
      ->type_name("NAME");
}

void add_out_option(CLI::App& command, Context& context) {
  command.add_option("--out,-o", context.options.outdir, "Output directory")
      ->type_name("DIR")
      ->capture_default_str();
}

void add_env_option(CLI::App& command, Context& context) {
  command
      .add_option_function<std::string>(
          "--env",
          [&context](const std::string& value) {
            context.options.environment = value;
            context.environment_given = true;
          },
          "Environment suffix the stacks are built for (default: $ENVIRONMENT_SUFFIX, else dev)")
      ->type_name("SUFFIX");
}

std::vector<Command> add_commands(CLI::App& root, Context& context) {
  std::vector<Command> commands;
  commands.push_back(add_synth_command(root, context));
  commands.push_back(add_list_command(root, context));
  commands.push_back(add_validate_command(root, context));
  commands.push_back(add_graph_command(root, context));
  for (auto& command : add_terraform_commands(root, context)) commands.push_back(command);
  commands.push_back(add_check_command(root, context));
  return commands;
}

}  // namespace edustack::cli::detail
