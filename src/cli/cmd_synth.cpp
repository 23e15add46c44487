// edustack synth [--out DIR] [--stack NAME]... [--env SUFFIX] [--metadata] [--lock-timeout SECONDS]

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "command.hpp"

namespace edustack::cli::detail {

namespace {

std::string file_of(const Context& ctx, const StackArtifact& artifact) {
  return (std::filesystem::path(ctx.options.outdir) / artifact.file).string();
}

}  // namespace

Command add_synth_command(CLI::App& root, Context& context) {
  CLI::App* command = root.add_subcommand(
      "synth",
      "Synthesize the stacks into DIR/stacks/<stack>/main.tf.json (and DIR/manifest.json). "
      "Any error: exit 1 and nothing written. With --stack, the other stacks' directories are "
      "kept.");
  add_out_option(*command, context);
  add_stack_option(*command, context, true);
  add_env_option(*command, context);
  command->add_flag("--metadata", context.metadata,
                    "Add each element's construct path to the JSON (\"//\": {\"metadata\": ...})");
  auto lock_timeout =
      std::make_shared<double>(static_cast<double>(SynthOptions{}.lock_timeout.count()) / 1000.0);
  command
      ->add_option("--lock-timeout", *lock_timeout,
                   "Seconds to wait for another synthesis writing the same output directory "
                   "(0: fail at once, naming the process that holds it)")
      ->type_name("SECONDS")
      ->check(CLI::Range(0.0, 86400.0))
      ->capture_default_str();

  return {command, [lock_timeout](Context& ctx) {
            selected_stacks(ctx);  // unknown names are a usage error
            SynthOptions options{.stacks = ctx.options.stacks, .metadata = ctx.metadata};
            // Only the sizes are printed: the documents go from their pieces into the files.
            options.keep_json = false;
            options.lock_timeout =
                Milliseconds(static_cast<std::int64_t>(*lock_timeout * 1000.0 + 0.5));
            SynthResult result = synthesize(ctx, options, true);
            std::size_t name_width = 0;
            std::size_t file_width = 0;
            for (const auto& artifact : result.stacks) {
              name_width = std::max(name_width, artifact.name.size());
              file_width = std::max(file_width, file_of(ctx, artifact).size());
            }
            for (const auto& artifact : result.stacks) {
              ctx.console.info(fmt::format(
                  "{:<{}}  {:>4} {:<9}  {:<{}}  {:>7} bytes  {:.2f} ms", artifact.name, name_width,
                  artifact.resource_count, artifact.resource_count == 1 ? "resource" : "resources",
                  file_of(ctx, artifact), file_width, artifact.json_size, artifact.milliseconds));
            }
            return static_cast<int>(exit_ok);
          }};
}

}  // namespace edustack::cli::detail
