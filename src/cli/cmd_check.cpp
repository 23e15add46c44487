// edustack check [--profile baseline|ferpa] [--format text|json|sarif] [--output FILE]
//                [--provider-schema FILE]... [--stack NAME]... [--all-stacks]

#include "cmd_check.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include "edustack/compliance/command.hpp"
#include "edustack/error.hpp"
#include "edustack/schema/provider_schema.hpp"

namespace edustack::cli::detail {

Command add_check_command(CLI::App& root, Context& context) {
  CLI::App* command = root.add_subcommand(
      "check",
      "Run the compliance checks (docs/compliance.md) on every stack and print the report, "
      "suppressions included: the AWS security baseline, or the FERPA profile for stacks that "
      "opted in to it. Exit 1 on any unsuppressed error.");
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto all_stacks = std::make_shared<bool>(false);
  auto profile = std::make_shared<std::string>();
  command
      ->add_option("--profile", *profile,
                   "Check every stack with this profile: baseline (the AWS security baseline) or "
                   "ferpa (baseline plus the FERPA rules); default: each stack's own")
      ->check(CLI::IsMember({"baseline", "ferpa"}));
  command->add_option("--format", *format, "text, json, or sarif (SARIF 2.1.0, for code scanning)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  command->add_option("--output", *output, "Write the report to FILE (a summary still prints)")
      ->type_name("FILE");
  command->add_flag("--all-stacks", *all_stacks,
                    "Check the stacks that did not opt in with the FERPA profile (default "
                    "options) instead of the baseline");
  auto schema_paths = std::make_shared<std::vector<std::string>>();
  command
      ->add_option("--provider-schema", *schema_paths,
                   "Output of `terraform providers schema -json`: says which types of untyped "
                   "resources take tags (repeat it for several files)")
      ->type_name("FILE");
  add_stack_option(*command, context, true);
  add_env_option(*command, context);

  return {
      command, [format, output, all_stacks, profile, schema_paths](Context& ctx) {
        selected_stacks(ctx);  // unknown --stack names: exit_usage, listing the stacks
        compliance::TagLookup schema_tags;
        if (!schema_paths->empty()) {
          std::vector<std::filesystem::path> paths(schema_paths->begin(), schema_paths->end());
          auto loaded = [&] {
            try {
              return std::make_shared<const schema::ProviderSchema>(
                  schema::ProviderSchema::load(paths));
            } catch (const Error& error) {
              fail(ctx.console, exit_usage,
                   "cannot use provider schema " + schema_paths->front() + ": " + error.what());
            }
          }();
          schema_tags = [loaded](std::string_view type) -> std::optional<bool> {
            const schema::Block* block = loaded->resource(type);
            if (!block) return std::nullopt;
            const schema::Attribute* tags = block->find_attribute("tags");
            return tags && tags->settable();
          };
        }
        compliance::CheckRun run{
            .options = {.stacks = ctx.options.stacks,
                        .all_stacks = *all_stacks,
                        .profile = compliance::parse_profile(*profile),
                        .schema_tags = std::move(schema_tags)},
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
          ctx.console.warning("the app has no stack; nothing was checked");
        }
        return static_cast<int>(report.passed() ? exit_ok : exit_failure);
      }};
}

}  // namespace edustack::cli::detail
