// edustack diff|plan|apply|destroy|output [--stack NAME]: synthesize, then run terraform in the
// stack's directory.

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <fnmatch.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "command.hpp"
#include "edustack/core/backend.hpp"
#include "edustack/core/manifest.hpp"
#include "edustack/core/stack.hpp"
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
  bool local_backend = false;      // plan/diff --local-backend
  bool all = false;                // --all: every stack, in dependency order
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

// The state file of a stack with a local backend; nullopt for other backends.
std::optional<fs::path> local_state_file(const Context& ctx, const Stack& stack) {
  for (const Element* element : stack.elements()) {
    auto* backend = dynamic_cast<const Backend*>(element);
    if (!backend) continue;
    if (backend->type() != "local") return std::nullopt;
    fs::path path = "terraform.tfstate";
    auto it = backend->arguments().find("path");
    if (it != backend->arguments().end()) path = it->second.as_string();
    return path.is_absolute()
               ? path
               : fs::path(ctx.options.outdir) / layout::stack_directory(stack.node().id()) / path;
  }
  return std::nullopt;
}

// A downstream stack reads its upstream's state: says so plainly when there is none yet,
// rather than terraform's "Unable to find remote state".
bool upstream_has_state(const Context& ctx, const std::string& name,
                        const std::vector<std::string>& dependencies) {
  for (const auto& dependency : dependencies) {
    Stack* upstream = ctx.app->try_find_stack(dependency);
    auto state = upstream ? local_state_file(ctx, *upstream) : std::nullopt;
    if (state && !fs::exists(*state)) {
      ctx.console.error(fmt::format(
          "stack {} reads the outputs of stack {}, which has no state yet: run `{} apply "
          "--stack {}` first (or `{} apply --all`)",
          name, dependency, ctx.program, dependency, ctx.program));
      return false;
    }
  }
  return true;
}

// One stack: synthesize (unless the caller did), init, plan, summarize, apply. summary_out
// receives the plan's summary when there was one.
// Phase (apply and destroy of several stacks): check plans and runs the destroy guard only;
// apply then applies the plan check saved, without planning again.
enum class Phase { all, check, apply };

int run_stack(Context& ctx, Mode mode, const TerraformFlags& flags, Stack& stack, bool synth,
              PlanSummary* summary_out, Phase phase = Phase::all) {
  const std::string name = stack.node().id();
  std::string binary = resolve_terraform(ctx, flags.terraform);
  const fs::path stack_directory = fs::path(ctx.options.outdir) / layout::stack_directory(name);
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
  } else if (synth) {
    // Every stack is written, so the other stacks' directories (and their .terraform/ and local
    // state, which synthesis carries over) stay in place.
    SynthResult result = synthesize(ctx, {}, true);
    for (const auto& artifact : result.stacks) {
      if (artifact.name == name && mode != Mode::destroy && mode != Mode::output &&
          !upstream_has_state(ctx, name, artifact.dependencies)) {
        throw Exit{exit_failure};
      }
      if (artifact.name == name) {
        ctx.console.note(fmt::format("synthesized {} ({} resources) into {}", name,
                                     artifact.resource_count,
                                     (fs::path(ctx.options.outdir) / artifact.file).string()));
      }
    }
  }
  Terraform terraform(ctx, binary, directory, flags);

  bool quiet = ctx.console.quiet();
  if (phase != Phase::apply)
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
  if (phase != Phase::apply) {
    std::error_code ignored;
    fs::remove(directory / plan_file, ignored);  // a failed plan leaves no older plan to apply
    terraform.step(terraform.with_color(plan_args),
                   quiet || mode == Mode::diff ? ChildOutput::capture_all : ChildOutput::inherit,
                   plan_file);
  }
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
  if (summary_out) *summary_out = summary;
  if (phase != Phase::apply) {
    print_summary(ctx, name, summary, mode);
    print_state_changes(ctx, state_changes);
  }
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
    ctx.console.note(
        fmt::format("Saved as {}. Review it, then `{} apply --stack {}`.",
                    (fs::path(ctx.options.outdir) / layout::stack_path(name, plan_file)).string(),
                    ctx.program, name));
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
  if (phase == Phase::check) return exit_ok;
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

// The stacks --stack NAME (globs allowed, repeatable) or --all select; usage errors otherwise.
std::vector<Stack*> select_many(Context& ctx, bool all) {
  std::vector<Stack*> stacks = ctx.app->stacks();
  if (all) return stacks;
  std::vector<Stack*> out;
  std::string known;
  for (Stack* s : stacks) known += (known.empty() ? "" : ", ") + s->node().id();
  for (const auto& pattern : ctx.options.stacks) {
    bool matched = false;
    for (Stack* s : stacks) {
      if (::fnmatch(pattern.c_str(), s->node().id().c_str(), 0) != 0) continue;
      matched = true;
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
    if (!matched) {
      bool glob = pattern.find_first_of("*?[") != std::string::npos;
      fail(ctx.console, exit_usage,
           fmt::format("{} \"{}\" (stacks: {})",
                       glob ? "no stack matches the pattern" : "no stack named", pattern, known));
    }
  }
  return out;
}

struct StackRun {
  Stack* stack;
  std::vector<std::string> dependencies;  // among the selected stacks
  std::string result = "pending";
  double seconds = 0;
  PlanSummary summary;
  bool planned = false;
};

// Several stacks (--all, several --stack, globs): one after the other in dependency order
// (reverse for destroy). A failed stack skips the stacks that depend on it (for destroy: those
// it depends on); the others run on. Ends with a summary table.
int run_many(Context& ctx, Mode mode, const TerraformFlags& flags, bool all) {
  std::vector<Stack*> selected = select_many(ctx, all);
  if (flags.local_backend) {
    fail(ctx.console, exit_usage, "--local-backend plans one stack at a time: give --stack once");
  }
  resolve_terraform(ctx, flags.terraform);
  SynthResult synthesized = synthesize(ctx, {}, true);
  std::map<std::string, StackRun> runs;
  for (Stack* stack : selected) runs.emplace(stack->node().id(), StackRun{stack, {}});
  for (const auto& artifact : synthesized.stacks) {
    auto it = runs.find(artifact.name);
    if (it == runs.end()) continue;
    for (const auto& dependency : artifact.dependencies) {
      if (runs.count(dependency)) it->second.dependencies.push_back(dependency);
    }
  }
  // Topological order, stable by id; synthesis already refused cycles.
  std::vector<std::string> order;
  std::set<std::string> placed;
  while (order.size() < runs.size()) {
    for (const auto& [name, run] : runs) {
      if (placed.count(name)) continue;
      bool ready = std::all_of(run.dependencies.begin(), run.dependencies.end(),
                               [&](const std::string& d) { return placed.count(d) > 0; });
      if (!ready) continue;
      order.push_back(name);
      placed.insert(name);
    }
  }
  if (mode == Mode::destroy) std::reverse(order.begin(), order.end());
  ctx.console.note(fmt::format("stacks in order: {}", fmt::join(order, ", ")));

  auto blocked_by = [&](const std::string& name) -> std::string {
    // apply/plan: an upstream stack that did not succeed; destroy: a downstream one.
    for (const auto& [other, run] : runs) {
      bool upstream =
          std::find(runs.at(name).dependencies.begin(), runs.at(name).dependencies.end(), other) !=
          runs.at(name).dependencies.end();
      bool downstream = std::find(run.dependencies.begin(), run.dependencies.end(), name) !=
                        run.dependencies.end();
      bool relevant = mode == Mode::destroy ? downstream : upstream;
      if (relevant && run.result != "ok" && run.result != "planned") return other;
    }
    return "";
  };
  int exit_code = exit_ok;
  std::vector<std::string> skipped;
  const bool applying = mode == Mode::apply || mode == Mode::destroy;
  std::vector<std::string> wave;  // planned and checked, not applied yet
  // Applies a wave once every stack of it is planned and checked: when one of them failed the
  // destroy guard, none is applied ("held").
  auto flush_wave = [&] {
    bool refused = std::any_of(wave.begin(), wave.end(), [&](const std::string& member) {
      return runs.at(member).result == "refused";
    });
    for (const auto& member : wave) {
      StackRun& planned = runs.at(member);
      if (planned.result != "planned") continue;
      if (refused) {
        planned.result = "held";
        exit_code = exit_code == exit_ok ? exit_refused : exit_code;
        continue;
      }
      if (std::string blocker = blocked_by(member); !blocker.empty()) {
        planned.result = "skipped";
        skipped.push_back(member + " (after " + blocker + ")");
        continue;
      }
      auto again = std::chrono::steady_clock::now();
      try {
        run_stack(ctx, mode, flags, *planned.stack, false, &planned.summary, Phase::apply);
        planned.result = "ok";
      } catch (const Exit& exit) {
        planned.result = "failed";
        exit_code = exit.code == exit_ok ? exit_failure : exit.code;
      }
      planned.seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - again).count();
    }
    wave.clear();
  };
  for (const auto& name : order) {
    // A stack that needs one of the wave waits for the wave's applies (destroy plans need no
    // applies: the whole run is one wave, every plan checked before anything is destroyed).
    if (mode == Mode::apply) {
      const auto& deps = runs.at(name).dependencies;
      for (const auto& member : wave) {
        if (std::find(deps.begin(), deps.end(), member) != deps.end()) {
          flush_wave();
          break;
        }
      }
    }
    StackRun& run = runs.at(name);
    if (mode != Mode::output) {
      if (std::string blocker = blocked_by(name); !blocker.empty()) {
        run.result = "skipped";
        skipped.push_back(name + " (after " + blocker + ")");
        continue;
      }
    }
    if (mode != Mode::destroy && mode != Mode::output) {
      for (const auto& artifact : synthesized.stacks) {
        if (artifact.name == name && !upstream_has_state(ctx, name, artifact.dependencies)) {
          run.result = "failed";
          exit_code = exit_failure;
        }
      }
      if (run.result == "failed") continue;
    }
    auto started = std::chrono::steady_clock::now();
    try {
      run_stack(ctx, mode, flags, *run.stack, false, &run.summary,
                applying ? Phase::check : Phase::all);
      run.result = applying ? "planned" : "ok";
    } catch (const Exit& exit) {
      run.result = exit.code == exit_refused ? "refused" : "failed";
      exit_code = exit.code == exit_ok ? exit_failure : exit.code;
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (applying) wave.push_back(name);
  }
  flush_wave();

  std::string table = fmt::format("\n{:<24} {:<8} {:>9} {:>5} {:>7} {:>8}\n", "STACK", "RESULT",
                                  "DURATION", "ADDS", "CHANGES", "DESTROYS");
  for (const auto& name : order) {
    const StackRun& run = runs.at(name);
    const PlanSummary& s = run.summary;
    table +=
        fmt::format("{:<24} {:<8} {:>8.1f}s {:>5} {:>7} {:>8}\n", name, run.result, run.seconds,
                    s.count(Action::create) + s.count(Action::replace), s.count(Action::update),
                    s.count(Action::destroy) + s.count(Action::replace));
  }
  ctx.console.print(table);
  if (!skipped.empty()) {
    ctx.console.error(
        fmt::format("skipped because a stack they need failed: {}", fmt::join(skipped, ", ")));
  }
  return exit_code;
}

int run_terraform(Context& ctx, Mode mode, const TerraformFlags& flags) {
  if (flags.all || ctx.options.stacks.size() > 1 ||
      (ctx.options.stacks.size() == 1 &&
       ctx.options.stacks.front().find_first_of("*?[") != std::string::npos)) {
    return run_many(ctx, mode, flags, flags.all);
  }
  return run_stack(ctx, mode, flags, single_stack(ctx), true, nullptr);
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
    command->add_flag("--all", flags->all,
                      "Every stack of the app, in dependency order (destroy: reverse order); "
                      "--stack may also repeat and take globs ('svc-*')");
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
