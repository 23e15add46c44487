#pragma once

// How a subcommand plugs into the CLI. Each command lives in its own cmd_*.cpp and exposes a
// function that adds its CLI11 subcommand to the root and returns what runs it:
//
//   Command add_synth_command(CLI::App& root, Context& context);
//
// Options parsed into `context.options` are known before the app is built; the runner is called
// after. To add a command (the compliance pack's `check`), write src/cli/cmd_<name>.cpp (every
// cmd_*.cpp is compiled) and declare its add_<name>_command in src/cli/cmd_<name>.hpp: commands.cpp
// registers it when that header exists.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "context.hpp"

namespace edustack::cli::detail {

struct Command {
  CLI::App* subcommand = nullptr;
  std::function<int(Context&)> run;
};

// The shared options, bound to context.options.
void add_stack_option(CLI::App& command, Context& context, bool many);
void add_out_option(CLI::App& command, Context& context);
void add_env_option(CLI::App& command, Context& context);

Command add_synth_command(CLI::App& root, Context& context);
Command add_list_command(CLI::App& root, Context& context);
Command add_validate_command(CLI::App& root, Context& context);
Command add_graph_command(CLI::App& root, Context& context);
// diff, plan, apply, destroy, output
std::vector<Command> add_terraform_commands(CLI::App& root, Context& context);
// The terraform binary: the --terraform flag, else $EDUSTACK_TERRAFORM, else terraform on PATH;
// fails with exit_no_terraform when there is none.
std::string resolve_terraform(const Context& ctx, const std::string& flag);

// Every command, the built-in ones and those of other components.
std::vector<Command> add_commands(CLI::App& root, Context& context);

}  // namespace edustack::cli::detail
