#pragma once

// What every command of the CLI shares: the options, the app, and the console it prints to.
// Private to src/cli (commands include it; the public header is edustack/cli.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/cli.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/core/synthesis.hpp"

namespace edustack::cli::detail {

enum class Style { plain, bold, dim, red, yellow, green, cyan };

// Colour only on a terminal, never with NO_COLOR set (non-empty, see no-color.org), and
// --color always|never to override the terminal check.
class Console {
 public:
  void configure(std::string_view color_mode, bool quiet);

  bool quiet() const noexcept { return quiet_; }
  bool color_stdout() const noexcept { return color_out_; }
  bool color_stderr() const noexcept { return color_err_; }

  // text wrapped in the style's escape codes when colour is on for that stream.
  std::string out_style(std::string_view text, Style style) const;
  std::string err_style(std::string_view text, Style style) const;

  // "error: message" / "warning: message" on stderr; warnings and notes are dropped by --quiet.
  void error(std::string_view message) const;
  void warning(std::string_view message) const;
  void note(std::string_view message) const;
  // Result lines on stdout (dropped by --quiet); data a command was asked for is printed with
  // print(), which --quiet does not drop.
  void info(std::string_view line) const;
  void print(std::string_view text) const;

 private:
  bool quiet_ = false;
  bool color_out_ = false;
  bool color_err_ = false;
};

// Thrown to end a command with an exit code once the reason has been printed.
struct Exit {
  int code;
};

[[noreturn]] void fail(const Console& console, int code, std::string_view message);

struct Context {
  std::string program = "edustack";  // argv[0] without its directory
  App* app = nullptr;
  Options options;
  Console console;
  bool environment_given = false;  // --env was on the command line
  bool metadata = false;           // synth --metadata
};

// The stacks named by --stack (all stacks when none is named). Unknown names: exit_usage.
std::vector<Stack*> selected_stacks(Context& context);
// Exactly one stack: the one named by --stack, or the app's only stack.
Stack& single_stack(Context& context);

// Synthesizes (into options.outdir when write is true), prints annotations as warnings, and
// every synthesis error as "error: [path] message" before failing with exit_failure.
SynthResult synthesize(Context& context, const SynthOptions& options, bool write);

// Prints one annotation: "warning: [app/stack/x] message (RULE)".
void print_annotation(const Console& console, const Annotation& annotation);

}  // namespace edustack::cli::detail
