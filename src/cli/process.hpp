#pragma once

// Running a child process (terraform) the way a wrapper must: output streamed live or captured,
// stdin from /dev/null, its own process group so a terminal's Ctrl-C reaches it once, through
// us; SIGINT, SIGTERM and SIGHUP forwarded to it while it runs, and waited for.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edustack::cli::detail {

enum class ChildOutput {
  inherit,         // stdout and stderr go where ours go, as they are written
  capture_stdout,  // stdout into ProcessResult::output, stderr inherited
  capture_all,     // stdout and stderr together into ProcessResult::output
};

struct ProcessSpec {
  std::string program;  // a path (see find_executable)
  std::vector<std::string> args;
  std::filesystem::path directory;
  ChildOutput output = ChildOutput::inherit;
  std::vector<std::pair<std::string, std::string>> environment;  // set unless already set
};

struct ProcessResult {
  bool started = false;
  std::string start_error;   // why it could not be started
  int exit_code = 0;         // the child's exit code, or 128 + N when signal N ended it
  int term_signal = 0;       // the signal that ended it, if any
  int forwarded_signal = 0;  // the last signal we received (and forwarded) while it ran
  std::string output;
};

ProcessResult run_process(const ProcessSpec& spec);

// A program name is looked up on PATH; a name with a slash must exist and be executable.
std::optional<std::string> find_executable(std::string_view name);

}  // namespace edustack::cli::detail
