// edustack diff|plan|apply|destroy|output [--stack NAME]: synthesize, then run terraform in the
// stack's directory.

#include <fmt/core.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "command.hpp"
#include "plan.hpp"
#include "process.hpp"
#include "terraform_support.hpp"

namespace edustack::cli::detail {

namespace {

namespace fs = std::filesystem;

enum class Mode { diff, plan, apply, destroy, output };

struct TerraformFlags {
  std::string terraform;
  bool allow_destroy = false;
  bool auto_approve = false;
  std::string timeout;             // --timeout: "" (none), or a duration (parse_duration)
  std::string kill_after = "10s";  // --kill-after: between SIGINT, SIGTERM and SIGKILL
  bool local_backend = false;  // plan/diff --local-backend
};

}  // namespace

std::string resolve_terraform(const Context& ctx, const std::string& flag) {
  std::string requested = flag;
  std::string source = "--terraform";
  if (requested.empty()) {
    if (const char* env = std::getenv("EDUSTACK_TERRAFORM"); env != nullptr && *env) {
      requested = env;
      source = "EDUSTACK_TERRAFORM";
    }
  }
  if (requested.empty()) {
    if (auto found = find_executable("terraform")) return *found;
    fail(ctx.console, exit_no_terraform,
         "terraform not found on PATH: install Terraform >= 1.10 (or OpenTofu), or give its path "
         "with --terraform PATH or EDUSTACK_TERRAFORM");
  }
  if (auto found = find_executable(requested)) return *found;
  fail(ctx.console, exit_no_terraform,
       fmt::format("terraform binary \"{}\" (from {}) is not an executable file: fix the path, "
                   "or leave it unset to use terraform on PATH",
                   requested, source));
}

namespace {

class Terraform {
 public:
  Terraform(Context& ctx, std::string binary, fs::path directory, const TerraformFlags& flags)
      : ctx_(ctx),
        binary_(std::move(binary)),
        name_(fs::path(binary_).filename().string()),
        directory_(std::move(directory)),
        timeout_(parse_duration(flags.timeout).value_or(Milliseconds(0))),
        kill_after_(parse_duration(flags.kill_after).value_or(Milliseconds(10'000))) {}

  bool color() const { return ctx_.console.color_stdout(); }

  // Runs one terraform command; ends the CLI with terraform's exit code when it fails, timed out
  // or was interrupted (see describe_abnormal_end). Returns the captured output. plan_file: the
  // plan file it writes, removed when it did not finish.
  std::string step(std::vector<std::string> args, ChildOutput output,
                   const std::string& plan_file = "") {
    std::string line = name_;
    for (const auto& arg : args) line += " " + arg;
    ctx_.console.note(fmt::format("running {} in {}", line, directory_.string()));
    ProcessSpec spec{.program = binary_,
                     .args = args,
                     .directory = directory_,
                     .output = output,
                     .environment = {{"TF_IN_AUTOMATION", "1"}},
                     .timeout = timeout_,
                     .kill_after = kill_after_};
    ProcessResult result = run_process(spec);
    if (!result.started) {
      fail(
          ctx_.console, exit_no_terraform,
          fmt::format("cannot run {} in {}: {}", binary_, directory_.string(), result.start_error));
    }
    if (result.exit_code != 0 || result.abnormal()) {
      if (output == ChildOutput::capture_all && !result.output.empty()) {
        std::fflush(stdout);
        fmt::print(stderr, "{}", result.output);
      }
    }
    if (result.abnormal()) {
      AbnormalEnd end = describe_abnormal_end(name_ + " " + args.front(), result, timeout_,
                                              directory_, plan_file);
      fail(ctx_.console, end.exit_code, end.message);
    }
    if (result.exit_code != 0) {
      fail(ctx_.console, result.exit_code,
           fmt::format("{} {} failed with exit code {}", name_, args.front(), result.exit_code));
    }
    return std::move(result.output);
  }

  // args with -no-color inserted before the first positional argument after the command, when
  // our output has no colour.
  std::vector<std::string> with_color(std::vector<std::string> args) const {
    if (color()) return args;
    auto position = std::find_if(args.begin() + 1, args.end(),
                                 [](const std::string& arg) { return arg.front() != '-'; });
    args.insert(position, "-no-color");
    return args;
  }

 private:
  Context& ctx_;
  std::string binary_;
  std::string name_;
  fs::path directory_;
  Milliseconds timeout_;
  Milliseconds kill_after_;
};

const char* action_symbol(Action action) {
  switch (action) {
    case Action::create:
      return "+";
    case Action::update:
      return "~";
    case Action::replace:
      return "-/+";
    case Action::destroy:
      return "-";
    case Action::forget:
      return ".";
  }
  return "?";
}

Style action_style(Action action) {
  switch (action) {
    case Action::create:
      return Style::green;
    case Action::update:
      return Style::yellow;
    case Action::replace:
    case Action::destroy:
      return Style::red;
    case Action::forget:
      return Style::plain;
  }
  return Style::plain;
}

void print_summary(const Context& ctx, const std::string& stack, const PlanSummary& summary,
                   Mode mode) {
  const Console& console = ctx.console;
  std::string text;
  if (summary.empty()) {
    text = fmt::format("Stack {}: no changes.\n", console.out_style(stack, Style::bold));
    console.print(text);
    return;
  }
  text = fmt::format("Stack {}: {} to create, {} to update, {} to replace, {} to delete",
                     console.out_style(stack, Style::bold), summary.count(Action::create),
                     summary.count(Action::update), summary.count(Action::replace),
                     summary.count(Action::destroy));
  if (summary.count(Action::forget) > 0) {
    text += fmt::format(", {} to forget", summary.count(Action::forget));
  }
  if (summary.output_changes > 0) {
    text += fmt::format(" ({} output{} changed)", summary.output_changes,
                        summary.output_changes == 1 ? "" : "s");
  }
  text += "\n";
  for (const auto& [action, types] : summary.by_type) {
    std::string list;
    for (const auto& [type, n] : types)
      list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", type, n);
    std::string label = fmt::format("{:>3} {:<8}", action_symbol(action), to_string(action));
    text += fmt::format("  {} {}\n", console.out_style(label, action_style(action)), list);
  }
  auto destructive = summary.destructive_stateful();
  for (const auto& change : destructive) {
    std::string why = change.stateful_kind.empty()
                          ? std::string("it is not known to be stateless")
                          : fmt::format("it holds data ({})", change.stateful_kind);
    std::string line = fmt::format("  ! {} will be {}: {}", change.address,
                                   change.action == Action::replace ? "REPLACED" : "DELETED", why);
    text += console.out_style(line, Style::red) + "\n";
  }
  console.print(text);
  if (!destructive.empty() && (mode == Mode::plan || mode == Mode::diff)) {
    console.warning(fmt::format(
        "{} stateful resource{} would lose data{}: `{} apply` refuses this plan without "
        "--allow-destroy",
        destructive.size(), destructive.size() == 1 ? "" : "s", "", ctx.program));
  }
}

// Moves and imports: recorded in the state by apply, though no resource changes.
void print_state_changes(const Context& ctx, const PlanStateChanges& changes) {
  std::string text;
  for (const auto& [from, to] : changes.moves) {
    std::string label = fmt::format("{:>3} {:<8}", ">", "move");
    text += fmt::format("  {} {} -> {}\n", ctx.console.out_style(label, Style::cyan), from, to);
  }
  for (const auto& [address, id] : changes.imports) {
    std::string label = fmt::format("{:>3} {:<8}", "<", "import");
    text +=
        fmt::format("  {} {} (id {})\n", ctx.console.out_style(label, Style::cyan), address, id);
  }
  if (!text.empty()) ctx.console.print(text);
}

bool confirm(const Context& ctx, const std::string& question) {
  std::fflush(stdout);
  fmt::print(stderr, "{} Only 'yes' is accepted: ", ctx.console.err_style(question, Style::bold));
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) {
    fmt::print(stderr, "\n");
    return false;
  }
  return answer == "yes";
}

int run_terraform(Context& ctx, Mode mode, const TerraformFlags& flags) {
  Stack& stack = single_stack(ctx);
  const std::string name = stack.node().id();
  std::string binary = resolve_terraform(ctx, flags.terraform);
  const fs::path stack_directory = fs::path(ctx.options.outdir) / "stacks" / name;
  fs::path directory = stack_directory;
  std::optional<ScratchDirectory> scratch;  // --local-backend: removed when the command ends
  if (flags.local_backend) {
    // Synthesized in memory into a scratch copy: the stack directory is read (its lock file)
    // but never written, and the backend (a state bucket) is never contacted.
    SynthResult result = synthesize(ctx, {.stacks = {name}}, false);
    scratch.emplace("edustack-" + name + "-");
    directory = scratch->path();
    for (const auto& artifact : result.stacks) {
      if (artifact.name != name) continue;
      write_local_backend_copy(artifact, stack_directory, directory);
      ctx.console.note(fmt::format(
          "synthesized {} ({} resources) into the scratch copy {}, its backend replaced by a "
          "local, empty state",
          name, artifact.resource_count, directory.string()));
    }
  } else {
    // Every stack is written, so the other stacks' directories (and their .terraform/ and local
    // state, which synthesis carries over) stay in place.
    SynthResult result = synthesize(ctx, {}, true);
    for (const auto& artifact : result.stacks) {
      if (artifact.name == name) {
        ctx.console.note(fmt::format("synthesized {} ({} resources) into {}", name,
                                     artifact.resource_count,
                                     (fs::path(ctx.options.outdir) / artifact.file).string()));
      }
    }
  }
  Terraform terraform(ctx, binary, directory, flags);

  bool quiet = ctx.console.quiet();
  terraform.step(terraform.with_color({"init", "-input=false"}),
                 quiet || mode == Mode::diff || mode == Mode::output ? ChildOutput::capture_all
                                                                     : ChildOutput::inherit);
  if (mode == Mode::output) {
    terraform.step({"output", "-json"}, ChildOutput::inherit);
    return exit_ok;
  }

  const std::string plan_file =
      mode == Mode::destroy ? "edustack-destroy.tfplan" : "edustack.tfplan";
  std::vector<std::string> plan_args = {"plan", "-input=false"};
  if (mode == Mode::destroy) plan_args.push_back("-destroy");
  plan_args.push_back("-out=" + plan_file);
  std::error_code ignored;
  fs::remove(directory / plan_file, ignored);  // a failed plan leaves no older plan to apply
  terraform.step(terraform.with_color(plan_args),
                 quiet || mode == Mode::diff ? ChildOutput::capture_all : ChildOutput::inherit,
                 plan_file);
  std::string json = terraform.step({"show", "-json", plan_file}, ChildOutput::capture_stdout);
  PlanSummary summary;
  PlanStateChanges state_changes;
  try {
    summary = parse_plan(json);
    state_changes = plan_state_changes(json);
  } catch (const std::runtime_error& error) {
    fail(ctx.console, exit_failure,
         fmt::format("cannot read the plan of stack {}: {}", name, error.what()));
  }
  print_summary(ctx, name, summary, mode);
  print_state_changes(ctx, state_changes);
  if (mode == Mode::diff) return exit_ok;
  if (flags.local_backend) {
    ctx.console.note(fmt::format(
        "Planned against an empty local state in a scratch copy (now removed): the stack's "
        "backend was not contacted and {} was not touched. `{} plan --stack {}` plans against "
        "the real state.",
        stack_directory.string(), ctx.program, name));
    return exit_ok;
  }
  if (mode == Mode::plan) {
    ctx.console.note(fmt::format(
        "Saved as {}. Review it, then `{} apply --stack {}`.",
        (fs::path(ctx.options.outdir) / "stacks" / name / plan_file).string(), ctx.program, name));
    return exit_ok;
  }

  const char* verb = mode == Mode::destroy ? "destroy" : "apply";
  // terraform's own verdict when it gives one: a plan of moves or imports alone changes the state.
  bool nothing =
      state_changes.applyable.has_value()
          ? !*state_changes.applyable
          : summary.empty() && state_changes.moves.empty() && state_changes.imports.empty();
  if (nothing) {
    ctx.console.info("Nothing to " + std::string(verb) + ".");
    return exit_ok;
  }
  auto destructive = summary.destructive_stateful();
  if (!destructive.empty() && !flags.allow_destroy) {
    fail(ctx.console, exit_refused,
         fmt::format("refusing to {}: the plan deletes or replaces {} stateful resource{} (marked "
                     "! above); rerun with --allow-destroy if that is intended",
                     verb, destructive.size(), destructive.size() == 1 ? "" : "s"));
  }
  if (!flags.auto_approve &&
      !confirm(ctx, fmt::format("{} this plan to stack {}?",
                                mode == Mode::destroy ? "Destroy with" : "Apply", name))) {
    fail(ctx.console, exit_refused,
         fmt::format("{} cancelled: not confirmed (answer yes, or pass --auto-approve in CI)",
                     verb));
  }
  terraform.step(terraform.with_color({"apply", "-input=false", plan_file}), ChildOutput::inherit);
  return exit_ok;
}

// --timeout and --kill-after, checked while parsing (a bad duration is a usage error).
void add_timeout_options(CLI::App& command, TerraformFlags& flags) {
  CLI::Validator duration(
      [](std::string& text) {
        return parse_duration(text) ? std::string()
                                    : fmt::format(
                                          "invalid duration \"{}\": use a number with "
                                          "ms, s, m or h (500ms, 90s, 10m, 1h30m), or "
                                          "bare seconds",
                                          text);
      },
      "", "duration");
  command
      .add_option("--timeout", flags.timeout,
                  "Stop each terraform step that runs longer: SIGINT (terraform's graceful "
                  "stop), then SIGTERM and SIGKILL --kill-after apart (90s, 10m, 1h)")
      ->check(duration)
      ->type_name("DURATION");
  command
      .add_option("--kill-after", flags.kill_after,
                  "Time terraform gets after SIGINT before SIGTERM, and after SIGTERM before "
                  "SIGKILL (on --timeout or a second Ctrl-C)")
      ->check(duration)
      ->type_name("DURATION")
      ->capture_default_str();
}

}  // namespace

std::vector<Command> add_terraform_commands(CLI::App& root, Context& context) {
  struct Spec {
    const char* name;
    Mode mode;
    const char* help;
  };
  const Spec specs[] = {
      {"diff", Mode::diff,
       "Synthesize, then summarize what terraform would change in the stack (terraform plan, "
       "its own output hidden unless it fails)"},
      {"plan", Mode::plan,
       "Synthesize, then terraform init and plan into <stack dir>/edustack.tfplan, and summarize "
       "the changes by action and type"},
      {"apply", Mode::apply,
       "Plan as above, confirm (or --auto-approve), then apply exactly that plan. Refuses to "
       "delete or replace resources not known to be stateless without --allow-destroy"},
      {"destroy", Mode::destroy,
       "Plan the destruction of the stack, confirm (or --auto-approve), then apply that plan; "
       "resources not known to be stateless need --allow-destroy"},
      {"output", Mode::output, "Synthesize, then print `terraform output -json` for the stack"},
  };
  std::vector<Command> commands;
  for (const auto& spec : specs) {
    CLI::App* command = root.add_subcommand(spec.name, spec.help);
    auto flags = std::make_shared<TerraformFlags>();
    add_stack_option(*command, context, false);
    add_out_option(*command, context);
    add_env_option(*command, context);
    command
        ->add_option("--terraform", flags->terraform,
                     "terraform or tofu binary (default: $EDUSTACK_TERRAFORM, else terraform on "
                     "PATH)")
        ->type_name("PATH");
    add_timeout_options(*command, *flags);
    if (spec.mode == Mode::plan || spec.mode == Mode::diff) {
      command->add_flag("--local-backend", flags->local_backend,
                        "Plan a scratch copy of the stack whose backend is replaced by a local, "
                        "empty state: no state bucket or credentials for it needed (a pull "
                        "request's dry run); the stack directory is not touched");
    }
    if (spec.mode == Mode::apply || spec.mode == Mode::destroy) {
      command->add_flag("--auto-approve", flags->auto_approve,
                        "Do not ask for confirmation (CI, after reviewing the plan)");
      command->add_flag("--allow-destroy", flags->allow_destroy,
                        "Allow deleting or replacing resources not known to be stateless "
                        "(databases, buckets, keys, secrets, ... and every type the destroy "
                        "guard does not list as stateless)");
    }
    Mode mode = spec.mode;
    commands.push_back(
        {command, [mode, flags](Context& ctx) { return run_terraform(ctx, mode, *flags); }});
  }
  return commands;
}

}  // namespace edustack::cli::detail
