// edustack validate [--provider-schema FILE] [--terraform] [--stack NAME]...

#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "edustack/core/manifest.hpp"
#include "edustack/error.hpp"
#include "edustack/schema/provider_schema.hpp"
#include "edustack/schema/validator.hpp"
#include "process.hpp"
#include "terraform_support.hpp"

namespace edustack::cli::detail {

namespace {

namespace fs = std::filesystem;

// EDUSTACK_PROVIDER_SCHEMA: one file, or several separated by ':'.
std::vector<std::string> schema_paths_from_environment() {
  std::vector<std::string> paths;
  const char* from_env = std::getenv("EDUSTACK_PROVIDER_SCHEMA");
  std::string_view rest = from_env != nullptr ? from_env : "";
  while (!rest.empty()) {
    std::size_t colon = rest.find(':');
    if (colon != 0) paths.emplace_back(rest.substr(0, colon));
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return paths;
}

// Runs one terraform command in a stack directory; ends the command when it cannot start or a
// signal interrupted it.
ProcessResult run_terraform_step(const Context& ctx, const std::string& binary,
                                 const fs::path& directory, std::vector<std::string> args,
                                 ChildOutput output) {
  std::string line = fs::path(binary).filename().string();
  for (const auto& arg : args) line += " " + arg;
  ctx.console.note(fmt::format("running {} in {}", line, directory.string()));
  ProcessResult result = run_process({.program = binary,
                                      .args = std::move(args),
                                      .directory = directory,
                                      .output = output,
                                      .environment = {{"TF_IN_AUTOMATION", "1"}}});
  if (!result.started) {
    fail(ctx.console, exit_no_terraform,
         fmt::format("cannot run {} in {}: {}", binary, directory.string(), result.start_error));
  }
  if (result.forwarded_signal != 0) {
    fail(ctx.console, result.exit_code != 0 ? result.exit_code : 128 + result.forwarded_signal,
         fmt::format("interrupted: {} exited with code {}", line, result.exit_code));
  }
  return result;
}

// `terraform init -backend=false` and `terraform validate -json` in each stack directory (written
// first, as synth does), terraform's diagnostics printed with the construct path of the element
// they name. Returns the number of errors.
std::size_t terraform_validate(Context& ctx, bool synthesized_already) {
  std::string binary = resolve_terraform(ctx, "");
  SynthResult written;
  if (synthesized_already) {
    try {  // annotations were printed by the in-memory synthesis
      written = ctx.app->synth(ctx.options.outdir, {.stacks = ctx.options.stacks});
    } catch (const Error& error) {
      fail(ctx.console, exit_failure, error.what());
    }
  } else {
    written = synthesize(ctx, {.stacks = ctx.options.stacks}, true);
  }
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::string text;
  for (const auto& artifact : written.stacks) {
    fs::path directory = fs::path(ctx.options.outdir) / layout::stack_directory(artifact.name);
    ProcessResult init = run_terraform_step(ctx, binary, directory,
                                            {"init", "-backend=false", "-input=false", "-no-color"},
                                            ChildOutput::capture_all);
    if (init.exit_code != 0) {
      std::fflush(stdout);
      fmt::print(stderr, "{}", init.output);
      fail(ctx.console, init.exit_code,
           fmt::format("terraform init -backend=false failed in {} with exit code {}",
                       directory.string(), init.exit_code));
    }
    ProcessResult validate = run_terraform_step(
        ctx, binary, directory, {"validate", "-json", "-no-color"}, ChildOutput::capture_stdout);
    Stack* stack = ctx.app->try_find_stack(artifact.name);
    ValidateResult result;
    try {
      result = parse_validate_json(validate.output, stack != nullptr
                                                        ? construct_paths_by_address(*stack)
                                                        : std::map<std::string, std::string>{});
    } catch (const std::runtime_error& error) {
      fail(ctx.console, validate.exit_code != 0 ? validate.exit_code : exit_failure,
           fmt::format("terraform validate in {}: {}", directory.string(), error.what()));
    }
    for (const auto& diagnostic : result.diagnostics) {
      text += diagnostic.to_string(artifact.construct_path) + "\n";
      (diagnostic.severity == "error" ? errors : warnings) += 1;
    }
    if (!result.valid && result.diagnostics.empty()) {
      text += fmt::format("[{}] error: terraform validate found the configuration invalid\n",
                          artifact.construct_path);
      ++errors;
    }
  }
  ctx.console.print(text);
  std::size_t count = written.stacks.size();
  if (errors > 0) {
    ctx.console.error(fmt::format("terraform validate: {} error{}, {} warning{} in {} stack{}",
                                  errors, errors == 1 ? "" : "s", warnings,
                                  warnings == 1 ? "" : "s", count, count == 1 ? "" : "s"));
  } else {
    ctx.console.info(fmt::format("{} stack{} valid for terraform validate{}", count,
                                 count == 1 ? "" : "s",
                                 warnings > 0 ? fmt::format(" ({} warnings)", warnings) : ""));
  }
  return errors;
}

}  // namespace

Command add_validate_command(CLI::App& root, Context& context) {
  CLI::App* command = root.add_subcommand(
      "validate",
      "Synthesize in memory and check every resource, data source and reference against a "
      "provider schema (offline: no terraform, no credentials). Exit 1 on any finding.");
  auto schema_paths = std::make_shared<std::vector<std::string>>();
  command
      ->add_option("--provider-schema", *schema_paths,
                   "Output of `terraform providers schema -json`; repeat it for files of several "
                   "providers (default: $EDUSTACK_PROVIDER_SCHEMA, ':' between files)")
      ->type_name("FILE");
  auto with_terraform = std::make_shared<bool>(false);
  command->add_flag("--terraform", *with_terraform,
                    "Then write the stacks (as synth does) and run `terraform init "
                    "-backend=false` and `terraform validate -json` in each stack directory "
                    "(terraform: $EDUSTACK_TERRAFORM, else on PATH; no backend, no credentials); "
                    "without a provider schema, only terraform's check runs");
  add_stack_option(*command, context, true);
  add_env_option(*command, context);

  return {command, [schema_paths, with_terraform](Context& ctx) {
            std::vector<Stack*> stacks = selected_stacks(ctx);
            std::vector<std::string> paths = *schema_paths;
            if (paths.empty()) paths = schema_paths_from_environment();
            std::string path;  // as shown in messages
            for (const auto& each : paths) path += (path.empty() ? "" : " + ") + each;
            if (path.empty() && *with_terraform) {
              ctx.console.note(
                  "no provider schema (--provider-schema, EDUSTACK_PROVIDER_SCHEMA): the offline "
                  "check is skipped, terraform validate checks against the providers it "
                  "installs");
              return terraform_validate(ctx, false) > 0 ? static_cast<int>(exit_failure)
                                                        : static_cast<int>(exit_ok);
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
            schema::ProviderSchema provider_schema = [&] {
              try {
                return schema::ProviderSchema::load(
                    std::vector<std::filesystem::path>(paths.begin(), paths.end()));
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
            if (*with_terraform && terraform_validate(ctx, true) > 0) {
              return static_cast<int>(exit_failure);
            }
            return static_cast<int>(exit_ok);
          }};
}

}  // namespace edustack::cli::detail
