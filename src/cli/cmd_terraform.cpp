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
#include <thread>

#include "command.hpp"
#include "edustack/core/backend.hpp"
#include "edustack/core/manifest.hpp"
#include "edustack/core/stack.hpp"
#include "plan.hpp"
#include "process.hpp"
#include "stack_workers.hpp"
#include "terraform_support.hpp"

namespace edustack::cli::detail {

namespace {

namespace fs = std::filesystem;

enum class Mode { diff, plan, apply, destroy, output };

struct TerraformFlags {
  std::string terraform;
  bool allow_destroy = false;
  bool auto_approve = false;
  std::string timeout;                  // --timeout: "" (none), or a duration (parse_duration)
  std::string kill_after = "10s";       // --kill-after: between SIGINT, SIGTERM and SIGKILL
  bool local_backend = false;           // plan/diff --local-backend
  bool all = false;                     // --all: every stack, in dependency order
  int parallelism = 0;                  // --parallelism: stacks of a wave at once (0: the cores)
  const InitLock* init_lock = nullptr;  // several stacks: serializes their terraform init
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

// What run_stack tells its caller about the plan (several stacks: sent back from the worker).
struct StackReport {
  bool planned = false;  // a plan was read
  bool nothing = false;  // applying it changes nothing
  std::size_t adds = 0, changes = 0, destroys = 0;

  std::string serialize() const {
    return fmt::format("{} {} {} {} {}", planned ? 1 : 0, nothing ? 1 : 0, adds, changes, destroys);
  }
  static StackReport parse(const std::string& text) {
    StackReport report;
    int planned = 0, nothing = 0;
    if (std::sscanf(text.c_str(), "%d %d %zu %zu %zu", &planned, &nothing, &report.adds,
                    &report.changes, &report.destroys) == 5) {
      report.planned = planned != 0;
      report.nothing = nothing != 0;
    }
    return report;
  }
};

// One stack: synthesize (unless the caller did), init, plan, summarize, apply. report_out
// receives what the plan holds when there was one.
// Phase (apply and destroy of several stacks): check plans and runs the destroy guard only;
// apply then applies the plan check saved, without planning again.
enum class Phase { all, check, apply };

int run_stack(Context& ctx, Mode mode, const TerraformFlags& flags, Stack& stack, bool synth,
              StackReport* report_out, Phase phase = Phase::all) {
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
  if (phase != Phase::apply) {
    std::optional<InitLock::Guard> serialized;
    if (flags.init_lock) serialized.emplace(*flags.init_lock);
    terraform.step(terraform.with_color({"init", "-input=false"}),
                   quiet || mode == Mode::diff || mode == Mode::output ? ChildOutput::capture_all
                                                                       : ChildOutput::inherit);
  }
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
  const char* verb = mode == Mode::destroy ? "destroy" : "apply";
  // terraform's own verdict when it gives one: a plan of moves or imports alone changes the state.
  bool nothing =
      state_changes.applyable.has_value()
          ? !*state_changes.applyable
          : summary.empty() && state_changes.moves.empty() && state_changes.imports.empty();
  if (report_out) {
    report_out->planned = true;
    report_out->nothing = nothing;
    report_out->adds = summary.count(Action::create) + summary.count(Action::replace);
    report_out->changes = summary.count(Action::update);
    report_out->destroys = summary.count(Action::destroy) + summary.count(Action::replace);
  }
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
  StackReport report;
  // From terraform's own output: the remote state it could not find (a backend other than local,
  // whose state edustack cannot look for), "data.terraform_remote_state.NAME" -> NAME.
  bool remote_state_missing = false;
  std::string remote_state;
};

int default_parallelism() {
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

// Several stacks (--all, several --stack, globs): in topological waves (a stack's wave is one
// after the latest of its dependencies'; destroy: the waves in reverse), the stacks of a wave in
// worker processes, --parallelism at a time, each line of their output prefixed with the stack's
// name. A failed stack skips the stacks that depend on it (for destroy: those it depends on);
// the others run on. Ends with a summary table.
int run_many(Context& ctx, Mode mode, const TerraformFlags& given, bool all) {
  std::vector<Stack*> selected = select_many(ctx, all);
  if (given.local_backend) {
    fail(ctx.console, exit_usage, "--local-backend plans one stack at a time: give --stack once");
  }
  resolve_terraform(ctx, given.terraform);
  SynthResult synthesized = synthesize(ctx, {}, true);
  std::map<std::string, StackRun> runs;
  for (Stack* stack : selected)
    runs.emplace(stack->node().id(), StackRun{.stack = stack, .dependencies = {}});
  for (const auto& artifact : synthesized.stacks) {
    auto it = runs.find(artifact.name);
    if (it == runs.end()) continue;
    for (const auto& dependency : artifact.dependencies) {
      if (runs.count(dependency)) it->second.dependencies.push_back(dependency);
    }
  }
  // Waves, each stable by id; synthesis already refused cycles.
  std::map<std::string, std::size_t> wave_of;
  while (wave_of.size() < runs.size()) {
    for (const auto& [name, run] : runs) {
      if (wave_of.count(name)) continue;
      std::size_t wave = 0;
      bool ready = true;
      for (const auto& dependency : run.dependencies) {
        auto it = wave_of.find(dependency);
        if (it == wave_of.end()) {
          ready = false;
          break;
        }
        wave = std::max(wave, it->second + 1);
      }
      if (ready) wave_of.emplace(name, wave);
    }
  }
  std::vector<std::vector<std::string>> waves;
  for (const auto& [name, wave] : wave_of) {
    if (waves.size() <= wave) waves.resize(wave + 1);
    waves[wave].push_back(name);
  }
  if (mode == Mode::destroy) std::reverse(waves.begin(), waves.end());
  std::vector<std::string> order;
  std::vector<std::string> wave_texts;
  for (const auto& wave : waves) {
    order.insert(order.end(), wave.begin(), wave.end());
    wave_texts.push_back(fmt::format("{}", fmt::join(wave, " ")));
  }

  TerraformFlags flags = given;
  InitLock init_lock = InitLock::create();
  flags.init_lock = &init_lock;
  TerraformFlags apply_flags = flags;  // confirmed by the CLI before the workers start
  apply_flags.auto_approve = true;
  const int parallelism = flags.parallelism > 0 ? flags.parallelism : default_parallelism();
  ctx.console.note(fmt::format("stacks in order: {} (waves: {}; up to {} at a time)",
                               fmt::join(order, ", "), fmt::join(wave_texts, " | "), parallelism));

  int exit_code = exit_ok;
  auto record_exit = [&](int code) {
    if (exit_code == exit_ok) exit_code = code == exit_ok ? exit_failure : code;
  };
  int interrupted = 0;
  std::vector<std::string> skipped;
  auto blocked_by = [&](const std::string& name) -> std::string {
    // apply/plan: an upstream stack that did not succeed; destroy: a downstream one.
    for (const auto& [other, run] : runs) {
      const auto& mine = runs.at(name).dependencies;
      bool upstream = std::find(mine.begin(), mine.end(), other) != mine.end();
      bool downstream = std::find(run.dependencies.begin(), run.dependencies.end(), name) !=
                        run.dependencies.end();
      bool relevant = mode == Mode::destroy ? downstream : upstream;
      if (relevant && run.result != "ok" && run.result != "planned") return other;
    }
    return "";
  };
  auto skip = [&](const std::string& name, const std::string& blocker) {
    runs.at(name).result = "skipped";
    skipped.push_back(name + " (after " + blocker + ")");
  };

  // Runs one phase of the given stacks in workers and records how each ended.
  auto run_phase = [&](const std::vector<std::string>& names, Phase phase,
                       const TerraformFlags& phase_flags) {
    if (names.empty()) return;
    if (interrupted != 0) {
      for (const auto& name : names) runs.at(name).result = "stopped";
      return;
    }
    std::vector<WorkerJob> jobs;
    for (const auto& name : names) {
      StackRun& run = runs.at(name);
      Stack* stack = run.stack;
      jobs.push_back(WorkerJob{
          .prefix = ctx.console.out_style("[" + name + "]", Style::bold) + " ",
          .body =
              [&ctx, mode, &phase_flags, stack, phase](std::string& report) {
                StackReport stack_report;
                int code = exit_ok;
                try {
                  code = run_stack(ctx, mode, phase_flags, *stack, false, &stack_report, phase);
                } catch (const Exit& exit) {
                  code = exit.code == exit_ok ? exit_failure : exit.code;
                }
                report = stack_report.serialize();
                return code;
              },
          .on_line =
              [&run](std::string_view line) {
                if (line.find("Unable to find remote state") != std::string_view::npos) {
                  run.remote_state_missing = true;
                }
                constexpr std::string_view with = "with data.terraform_remote_state.";
                if (auto at = line.find(with); at != std::string_view::npos &&
                                               run.remote_state_missing &&
                                               run.remote_state.empty()) {
                  std::string_view rest = line.substr(at + with.size());
                  run.remote_state = std::string(rest.substr(0, rest.find_first_of(", \t[")));
                }
              }});
    }
    WorkerRun result = run_workers(jobs, parallelism);
    for (std::size_t i = 0; i < names.size(); ++i) {
      StackRun& run = runs.at(names[i]);
      const WorkerOutcome& outcome = result.outcomes[i];
      if (!outcome.started) {
        run.result = "stopped";
        continue;
      }
      run.seconds += outcome.elapsed.count();
      StackReport report = StackReport::parse(outcome.report);
      if (report.planned) run.report = report;
      if (outcome.exit_code == exit_ok) {
        run.result = phase == Phase::check ? "planned" : "ok";
        continue;
      }
      run.result =
          phase == Phase::check && outcome.exit_code == exit_refused ? "refused" : "failed";
      record_exit(outcome.exit_code);
      if (run.remote_state_missing) {
        std::string upstream = run.remote_state.empty() ? "an upstream stack" : run.remote_state;
        ctx.console.error(fmt::format(
            "stack {} reads the outputs of stack {}, whose state terraform did not find (not "
            "applied yet?): run `{} apply --stack {}` first (or `{} apply --all`)",
            names[i], upstream, ctx.program, run.remote_state.empty() ? "NAME" : upstream,
            ctx.program));
      }
    }
    if (result.signal != 0 && interrupted == 0) {
      interrupted = result.signal;
      record_exit(128 + result.signal);  // unless a worker's code (terraform's) came first
    }
  };
  // A refused plan holds the other planned stacks of its wave; returns true when one was.
  auto hold_if_refused = [&](const std::vector<std::string>& wave) {
    bool refused = std::any_of(wave.begin(), wave.end(), [&](const std::string& member) {
      return runs.at(member).result == "refused";
    });
    if (!refused) return false;
    for (const auto& member : wave) {
      if (runs.at(member).result == "planned") runs.at(member).result = "held";
    }
    record_exit(exit_refused);
    return true;
  };
  // The planned stacks of a wave with changes, confirmed (unless --auto-approve), applied.
  auto apply_planned = [&](const std::vector<std::string>& wave) {
    std::vector<std::string> to_apply;
    for (const auto& member : wave) {
      StackRun& run = runs.at(member);
      if (run.result != "planned") continue;
      if (mode == Mode::destroy) {
        if (std::string blocker = blocked_by(member); !blocker.empty()) {
          skip(member, blocker);
          continue;
        }
      }
      if (run.report.nothing) {
        run.result = "ok";
        continue;
      }
      if (!flags.auto_approve && interrupted == 0 &&
          !confirm(ctx, fmt::format("{} this plan to stack {}?",
                                    mode == Mode::destroy ? "Destroy with" : "Apply", member))) {
        ctx.console.error(fmt::format(
            "{} of stack {} cancelled: not confirmed (answer yes, or pass --auto-approve in CI)",
            mode == Mode::destroy ? "destroy" : "apply", member));
        run.result = "cancelled";
        record_exit(exit_refused);
        continue;
      }
      to_apply.push_back(member);
    }
    run_phase(to_apply, Phase::apply, apply_flags);
  };

  const bool applying = mode == Mode::apply || mode == Mode::destroy;
  if (mode == Mode::destroy) {
    // The whole run is one wave of checks: every stack planned and checked before anything is
    // destroyed; then the destroys, wave by wave, downstream first.
    run_phase(order, Phase::check, flags);
    if (!hold_if_refused(order)) {
      for (const auto& wave : waves) apply_planned(wave);
    }
  } else {
    for (const auto& wave : waves) {
      std::vector<std::string> ready;
      for (const auto& name : wave) {
        StackRun& run = runs.at(name);
        if (mode != Mode::output) {
          if (std::string blocker = blocked_by(name); !blocker.empty()) {
            skip(name, blocker);
            continue;
          }
        }
        if (mode != Mode::output) {
          const auto artifact =
              std::find_if(synthesized.stacks.begin(), synthesized.stacks.end(),
                           [&](const StackArtifact& a) { return a.name == name; });
          if (artifact != synthesized.stacks.end() &&
              !upstream_has_state(ctx, name, artifact->dependencies)) {
            run.result = "failed";
            record_exit(exit_failure);
            continue;
          }
        }
        ready.push_back(name);
      }
      run_phase(ready, applying ? Phase::check : Phase::all, flags);
      if (applying && !hold_if_refused(wave)) apply_planned(wave);
    }
  }

  std::string table = fmt::format("\n{:<24} {:<9} {:>9} {:>5} {:>7} {:>8}\n", "STACK", "RESULT",
                                  "DURATION", "ADDS", "CHANGES", "DESTROYS");
  for (const auto& name : order) {
    const StackRun& run = runs.at(name);
    const StackReport& r = run.report;
    table += fmt::format("{:<24} {:<9} {:>8.1f}s {:>5} {:>7} {:>8}\n", name,
                         run.result == "pending" ? "stopped" : run.result, run.seconds, r.adds,
                         r.changes, r.destroys);
  }
  ctx.console.print(table);
  if (!skipped.empty()) {
    ctx.console.error(
        fmt::format("skipped because a stack they need failed: {}", fmt::join(skipped, ", ")));
  }
  if (interrupted != 0) {
    ctx.console.error(fmt::format("interrupted by {}: the stacks not started were stopped",
                                  signal_name(interrupted)));
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
    command
        ->add_option("--parallelism", flags->parallelism,
                     "Several stacks: how many stacks of a wave run at once (default: the number "
                     "of cores); their lines are prefixed with [stack]")
        ->check(CLI::PositiveNumber)
        ->type_name("N");
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
