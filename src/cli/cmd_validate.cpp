// edustack validate [--provider-schema FILE] [--stack NAME]...

#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>

#include "command.hpp"
#include "edustack/error.hpp"

#if EDUSTACK_CLI_HAS_SCHEMA
#include "edustack/schema/provider_schema.hpp"
#include "edustack/schema/validator.hpp"
#endif

namespace edustack::cli::detail {

Command add_validate_command(CLI::App& root, Context& context) {
  CLI::App* command = root.add_subcommand(
      "validate",
      "Synthesize in memory and check every resource, data source and reference against a "
      "provider schema (offline: no terraform, no credentials). Exit 1 on any finding.");
  auto schema_path = std::make_shared<std::string>();
  command
      ->add_option("--provider-schema", *schema_path,
                   "Output of `terraform providers schema -json` (default: "
                   "$EDUSTACK_PROVIDER_SCHEMA)")
      ->type_name("FILE");
  add_stack_option(*command, context, true);
  add_env_option(*command, context);

  return {command, [schema_path](Context& ctx) {
            std::vector<Stack*> stacks = selected_stacks(ctx);
            std::string path = *schema_path;
            if (path.empty()) {
              const char* from_env = std::getenv("EDUSTACK_PROVIDER_SCHEMA");
              if (from_env != nullptr) path = from_env;
            }
            if (path.empty()) {
              ctx.console.error(
                  "no provider schema: give --provider-schema FILE or set "
                  "EDUSTACK_PROVIDER_SCHEMA");
              fmt::print(stderr,
                         "Produce one once per provider version, with terraform and the "
                         "providers available:\n"
                         "  {0} synth --stack {1} && cd {2}/stacks/{1} && terraform init "
                         "-backend=false && terraform providers schema -json > schema.json\n",
                         ctx.program, stacks.front()->node().id(), ctx.options.outdir);
              return static_cast<int>(exit_usage);
            }
#if EDUSTACK_CLI_HAS_SCHEMA
            schema::ProviderSchema provider_schema = [&] {
              try {
                return schema::ProviderSchema::load(path);
              } catch (const Error& error) {
                fail(ctx.console, exit_failure,
                     fmt::format("cannot use provider schema {}: {}", path, error.what()));
              }
            }();
            SynthResult result =
                synthesize(ctx, {.stacks = ctx.options.stacks, .metadata = true}, false);
            std::size_t findings = 0;
            std::string text;
            for (const auto& artifact : result.stacks) {
              for (const auto& finding : schema::validate(provider_schema, artifact)) {
                text += finding.to_string() + "\n";
                ++findings;
              }
            }
            ctx.console.print(text);
            std::size_t count = result.stacks.size();
            if (findings > 0) {
              ctx.console.error(fmt::format("{} finding{} in {} stack{} against {}", findings,
                                            findings == 1 ? "" : "s", count, count == 1 ? "" : "s",
                                            path));
              return static_cast<int>(exit_failure);
            }
            ctx.console.info(
                fmt::format("{} stack{} valid against {}", count, count == 1 ? "" : "s", path));
            return static_cast<int>(exit_ok);
#else
            fail(ctx.console, exit_failure,
                 "this build of edustack has no schema validator (src/schema)");
#endif
          }};
}

}  // namespace edustack::cli::detail
