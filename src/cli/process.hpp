#pragma once

// Running a child process (terraform) the way a wrapper must: output streamed live or captured,
// stdin from /dev/null, its own process group so a terminal's Ctrl-C reaches it once, through
// us, and waited for. While it runs:
//   - the first SIGINT, SIGTERM or SIGHUP we receive is forwarded to its process group
//     (terraform's graceful stop);
//   - a second one escalates: SIGTERM to the group now, SIGKILL `kill_after` later; a third
//     sends SIGKILL at once;
//   - when `timeout` passes: SIGINT to the group, SIGTERM `kill_after` later, SIGKILL
//     `kill_after` after that.
// After an abnormal end (a timeout, a signal we received, the child killed by a signal) what is
// left of its process group is killed, so nothing of it outlives the call. Should we die first,
// the child gets SIGTERM (PR_SET_PDEATHSIG): terraform is never left running orphaned.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edustack::cli::detail {

using Milliseconds = std::chrono::milliseconds;

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
  Milliseconds timeout{0};                                       // 0: none
  Milliseconds kill_after{10'000};                               // between escalation steps
};

// A signal we sent to the child's process group.
struct SentSignal {
  int signal_number = 0;
  Milliseconds at{0};  // since the child started
  enum class Why { forwarded, escalation, timeout, leftovers } why = Why::forwarded;
};

struct ProcessResult {
  bool started = false;
  std::string start_error;   // why it could not be started
  int exit_code = 0;         // the child's exit code, or 128 + N when signal N ended it
  int term_signal = 0;       // the signal that ended it, if any
  int forwarded_signal = 0;  // the first signal we received (and forwarded) while it ran
  int signals_received = 0;  // how many SIGINT/SIGTERM/SIGHUP we received while it ran
  bool timed_out = false;    // the timeout passed before it ended
  Milliseconds elapsed{0};
  std::vector<SentSignal> sent;  // in the order they were sent
  std::string output;

  // It did not end on its own: a timeout, a signal we received, or a signal killed it.
  bool abnormal() const noexcept { return timed_out || signals_received > 0 || term_signal != 0; }
};

ProcessResult run_process(const ProcessSpec& spec);

// A program name is looked up on PATH; a name with a slash must exist and be executable.
std::optional<std::string> find_executable(std::string_view name);

// "SIGSEGV", "SIGKILL", ...; "signal N" for one without a name here.
std::string signal_name(int signal_number);

// "90s", "10m", "1h", "1h30m", "500ms", or bare seconds ("30"); nullopt when not a positive
// duration in that form.
std::optional<Milliseconds> parse_duration(std::string_view text);
// The shortest of those forms: "1s", "1.5s", "10m", "1h30m", "250ms".
std::string format_duration(Milliseconds duration);

// What an interrupted terraform left in its working directory, one sentence each, with the
// remedy: a local state lock (.terraform.tfstate.lock.info: `terraform force-unlock ID`), a
// state it could not save (errored.tfstate). A partially written plan file (partial_plan, a
// path relative to the directory, when not empty) is removed, and said so.
std::vector<std::string> terraform_leftovers(const std::filesystem::path& directory,
                                             const std::string& partial_plan);

// The error for a terraform step that ended abnormally (ProcessResult::abnormal): which step
// (`what`, "terraform plan") timed out after how long, was interrupted, or was killed by which
// signal; what was sent to its process group and when; what it left (terraform_leftovers). The
// exit code: exit_timeout (124) on a timeout, else terraform's (128 + N for signal N).
struct AbnormalEnd {
  std::string message;
  int exit_code = 1;
};
AbnormalEnd describe_abnormal_end(const std::string& what, const ProcessResult& result,
                                  Milliseconds timeout, const std::filesystem::path& directory,
                                  const std::string& partial_plan);

// Processes of the process group that are still running (zombies left out), from /proc; -1
// when /proc cannot be read.
int live_group_members(pid_t group);

}  // namespace edustack::cli::detail
