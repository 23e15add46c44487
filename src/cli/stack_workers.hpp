#pragma once

// Running the stacks of one topological wave concurrently (`--parallelism N`). Each job runs in
// a worker process forked from the CLI after synthesis: it has the app, the options and the
// console of the CLI, and one job's terraform steps, console lines and signal handling
// (process.hpp) stay its own, as with one stack. The CLI reads every worker's stdout and stderr
// and writes them line by line with the job's prefix ("[network] ") to its own stdout and
// stderr, so lines of different stacks never mix within a line.
//
// Signals: a worker runs in its own process group, so a terminal's Ctrl-C reaches the CLI only;
// the CLI forwards each SIGINT, SIGTERM or SIGHUP it receives to every running worker (whose
// terraform step then stops gracefully, or escalates on the second one), and starts no further
// job. Should the CLI die, its workers get SIGTERM (PR_SET_PDEATHSIG).
//
// The init lock: `terraform init` of several stacks must not run at once on a shared plugin
// cache (Terraform does not guarantee its plugin cache concurrency-safe). InitLock serializes a
// section across the workers of one run with a POSIX record lock on an unlinked file the CLI
// opens before forking (released by the kernel should a worker die holding it).

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace edustack::cli::detail {

struct WorkerJob {
  std::string prefix;  // put before each line of its output: "[network] "
  // Runs in the worker; returns its exit code. `report` is handed back to the CLI
  // (WorkerOutcome::report), e.g. the plan's counts.
  std::function<int(std::string& report)> body;
  // Called in the CLI with each complete line the worker wrote (without the newline), stdout
  // and stderr alike; may be empty.
  std::function<void(std::string_view line)> on_line;
};

struct WorkerOutcome {
  bool started = false;  // false: not started because a signal arrived first
  int exit_code = 0;     // the worker's exit code, 128 + N when signal N ended it
  std::string report;
  std::chrono::duration<double> elapsed{0};
};

struct WorkerRun {
  std::vector<WorkerOutcome> outcomes;  // one per job, in the order of the jobs
  int signal = 0;                       // the first SIGINT/SIGTERM/SIGHUP received, else 0
};

// Runs the jobs, at most `parallelism` (>= 1) at a time, in order; returns when every started
// worker has ended. Throws IoError when a pipe or a worker cannot be created.
WorkerRun run_workers(const std::vector<WorkerJob>& jobs, int parallelism);

// Serializes a section across workers (see above). A default InitLock serializes nothing.
class InitLock {
 public:
  InitLock() = default;
  // Opens the unlinked lock file; throws IoError.
  static InitLock create();
  ~InitLock();
  InitLock(InitLock&& other) noexcept;
  InitLock& operator=(InitLock&& other) noexcept;
  InitLock(const InitLock&) = delete;
  InitLock& operator=(const InitLock&) = delete;

  // Holds the lock while it lives (blocks until it has it).
  class Guard {
   public:
    explicit Guard(const InitLock& lock);
    ~Guard();
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

   private:
    int fd_;
  };

 private:
  int fd_ = -1;
};

}  // namespace edustack::cli::detail
