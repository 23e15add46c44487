#pragma once

// The `edustack` command line as a library: any program that builds an App gets the whole CLI
// (synth, list, validate, graph, and plan / apply / destroy / output through terraform) with
//
//   int main(int argc, char** argv) { return edustack::cli::run(build, argc, argv); }
//
// Link edustack::cli (CMake target edustack_cli). Its parsing and logging libraries (CLI11,
// spdlog) stay out of this header. `edustack --help` and README.md ("CLI") list the commands.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "edustack/core/app.hpp"

namespace edustack::cli {

// What the command line says before any construct is built.
struct Options {
  // --env, else the ENVIRONMENT_SUFFIX environment variable, else "dev". The CLI reads the
  // environment so that stacks do not have to.
  std::string environment = "dev";
  std::string command;                  // the subcommand: "synth", "plan", ...
  std::string outdir = "edustack.out";  // --out
  std::vector<std::string> stacks;      // --stack, in the order given (empty: all / the only one)
};

// Fills the app with its stacks. What it creates must outlive the call: create stacks with
// make_stack below, and constructs inside them as members or with construct.make<T>(...).
using BuildFunction = std::function<void(App&, const Options&)>;

namespace detail {
void keep_alive(std::shared_ptr<void> object);
}

// Creates T(app, args...) (a Stack subclass, whose constructor takes the App, so App::make
// cannot create it) and keeps it alive until run() has finished the command.
template <class T, class... Args>
T& make_stack(App& app, Args&&... args) {
  auto object = std::make_shared<T>(app, std::forward<Args>(args)...);
  T& stack = *object;
  detail::keep_alive(std::move(object));
  return stack;
}

// Exit codes of run(). Any other non-zero code is terraform's own (128 + N when a signal N
// ended it).
enum ExitCode : int {
  exit_ok = 0,
  exit_failure = 1,       // synthesis errors, validation findings, I/O errors, terraform's 1
  exit_usage = 2,         // bad flags or arguments, unknown stack, missing provider schema
  exit_no_terraform = 3,  // the terraform binary was not found or is not executable
  exit_refused = 4,       // apply/destroy refused: destructive plan or no confirmation
  exit_timeout = 124,     // a terraform step ran longer than --timeout (as coreutils timeout)
};

// Parses argv, then builds the app with `build` (so the environment suffix is known first),
// then runs the command. Never throws: errors are printed and turned into exit codes.
int run(BuildFunction build, int argc, char** argv);

// The same for an app built beforehand (--env then only reaches Options, not the stacks).
int run(App& app, int argc, char** argv);

// run() for a program's main, which returns its result at once
// (`int main(int argc, char** argv) { return edustack::cli::run_main(build, argc, argv); }`):
// once a command has returned (any exit code), the tree it built is not freed, since the process's
// exit reclaims it (freeing it is about 5% of `synth`: bench/README.md, issue 16). It stays
// reachable from a static pointer, so leak checkers find nothing lost (valgrind: still
// reachable), and the next run_main frees it. Sanitizer builds free it as run() does. Destructors
// of the stacks and constructs do not run at exit.
int run_main(BuildFunction build, int argc, char** argv);

}  // namespace edustack::cli
