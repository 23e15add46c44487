// edustack check [--format text|json|sarif] [--output FILE] [--stack NAME]... [--all-stacks]

#include "cmd_check.hpp"

#include <memory>
#include <sstream>

#include "edustack/compliance/command.hpp"
#include "edustack/error.hpp"

namespace edustack::cli::detail {

Command add_check_command(CLI::App& root, Context& context) {
  CLI::App* command = root.add_subcommand(
      "check",
      "Run the compliance checks (the FERPA pack, docs/compliance.md) on the stacks that opted "
      "in and print the report, suppressions included. Exit 1 on any unsuppressed error.");
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto all_stacks = std::make_shared<bool>(false);
  command->add_option("--format", *format, "text, json, or sarif (SARIF 2.1.0, for code scanning)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  command->add_option("--output", *output, "Write the report to FILE (a summary still prints)")
      ->type_name("FILE");
  command->add_flag("--all-stacks", *all_stacks,
                    "Also check stacks that did not opt in (default FERPA options)");
  add_stack_option(*command, context, true);
  add_env_option(*command, context);

  return {
      command, [format, output, all_stacks](Context& ctx) {
        selected_stacks(ctx);  // unknown --stack names: exit_usage, listing the stacks
        compliance::CheckRun run{
            .options = {.stacks = ctx.options.stacks, .all_stacks = *all_stacks},
            .format = compliance::parse_format(*format).value_or(compliance::Format::text),
            .output = *output};
        std::ostringstream text;
        compliance::Report report = [&] {
          try {
            return compliance::run_check(*ctx.app, run, text);
          } catch (const Error& error) {
            fail(ctx.console, exit_failure, error.what());
          }
        }();
        if (output->empty()) {
          ctx.console.print(text.str());
        } else {
          ctx.console.info(compliance::summary(report) + " (report written to " + *output + ")");
        }
        if (report.stacks.empty() && *format != "text") {
          ctx.console.warning("no stack opted in to compliance checks; nothing was checked");
        }
        return static_cast<int>(report.passed() ? exit_ok : exit_failure);
      }};
}

}  // namespace edustack::cli::detail
