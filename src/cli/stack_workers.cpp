#include "stack_workers.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>

#include "context.hpp"
#include "edustack/error.hpp"

namespace edustack::cli::detail {

namespace {

using Clock = std::chrono::steady_clock;

IoError io_error(std::string_view what) {
  return IoError("io.workers", fmt::format("cannot {}: {}", what, std::strerror(errno)));
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Writes all of text to fd (a pipe or our stdout/stderr); gives up on a write error.
void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// One stream of a worker (its stdout or its stderr): bytes read, written on as prefixed lines.
struct Stream {
  int fd = -1;
  int target = -1;  // STDOUT_FILENO or STDERR_FILENO
  std::string partial;
};

struct Worker {
  std::size_t job = 0;
  pid_t pid = -1;
  Stream out;
  Stream err;
  int report = -1;
  std::string report_text;
  Clock::time_point started;
  bool exited = false;
  int exit_code = 0;
};

[[noreturn]] void worker_main(const WorkerJob& job, const sigset_t& old_mask, int out, int err,
                              int report) {
  pid_t parent = ::getppid();
  ::sigprocmask(SIG_SETMASK, &old_mask, nullptr);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGCHLD}) ::signal(signal_number, SIG_DFL);
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent) ::_exit(126);  // the CLI died before prctl
  int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd >= 0) {
    ::dup2(null_fd, STDIN_FILENO);
    ::close(null_fd);
  }
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  ::close(out);
  ::close(err);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  int code = exit_failure;
  std::string text;
  try {
    code = job.body(text);
  } catch (const Exit& exit) {
    code = exit.code;
  } catch (const std::exception& error) {
    std::fflush(stdout);
    fmt::print(stderr, "error: {}\n", error.what());
    code = exit_failure;
  }
  std::fflush(stdout);
  std::fflush(stderr);
  write_all(report, text);
  ::close(report);
  ::_exit(code);  // no atexit handlers or destructors of the CLI's copy: the CLI still runs them
}

// Reads what is there; writes each complete line with the prefix. Returns false at end of file.
bool pump(Stream& stream, const WorkerJob& job) {
  std::array<char, 16384> buffer{};
  while (true) {
    ssize_t n = ::read(stream.fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return true;
    if (n <= 0) break;
    stream.partial.append(buffer.data(), static_cast<std::size_t>(n));
    std::string lines;
    std::size_t begin = 0;
    for (std::size_t end; (end = stream.partial.find('\n', begin)) != std::string::npos;
         begin = end + 1) {
      std::string_view line(stream.partial.data() + begin, end - begin);
      if (job.on_line) job.on_line(line);
      lines += job.prefix;
      lines += line;
      lines += '\n';
    }
    stream.partial.erase(0, begin);
    if (!lines.empty()) write_all(stream.target, lines);
  }
  if (!stream.partial.empty()) {  // a last line without its newline
    if (job.on_line) job.on_line(stream.partial);
    write_all(stream.target, job.prefix + stream.partial + "\n");
    stream.partial.clear();
  }
  close_fd(stream.fd);
  return false;
}

void read_report(Worker& worker) {
  std::array<char, 4096> buffer{};
  while (worker.report >= 0) {
    ssize_t n = ::read(worker.report, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0) {
      close_fd(worker.report);
      return;
    }
    worker.report_text.append(buffer.data(), static_cast<std::size_t>(n));
  }
}

// Blocks SIGINT, SIGTERM, SIGHUP and SIGCHLD for as long as it lives and reads them from a
// signalfd, which the run's poll loop watches.
class BlockedSignals {
 public:
  BlockedSignals() {
    sigset_t mask;
    sigemptyset(&mask);
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&mask, signal_number);
    if (::sigprocmask(SIG_BLOCK, &mask, &old_mask_) != 0) throw io_error("block signals");
    fd_ = ::signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    if (fd_ < 0) {
      ::sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
      throw io_error("create a signalfd");
    }
  }
  ~BlockedSignals() {
    // What is still queued (the last worker's SIGCHLD) is read here, not delivered on unblocking.
    while (next() != 0) {
    }
    ::close(fd_);
    ::sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;

  int fd() const noexcept { return fd_; }
  const sigset_t& old_mask() const noexcept { return old_mask_; }
  // The next signal received, or 0 when there is none.
  int next() const {
    signalfd_siginfo info{};
    ssize_t n = ::read(fd_, &info, sizeof info);
    return n == static_cast<ssize_t>(sizeof info) ? static_cast<int>(info.ssi_signo) : 0;
  }

 private:
  sigset_t old_mask_{};
  int fd_ = -1;
};

void make_pipe(int fds[2]) {
  if (::pipe2(fds, O_CLOEXEC) != 0) throw io_error("create a pipe for a worker");
}

}  // namespace

WorkerRun run_workers(const std::vector<WorkerJob>& jobs, int parallelism) {
  WorkerRun run;
  run.outcomes.resize(jobs.size());
  if (parallelism < 1) parallelism = 1;
  BlockedSignals signals;
  std::vector<Worker> running;
  std::size_t next_job = 0;
  auto start = [&](std::size_t index) {
    int out[2] = {-1, -1};
    int err[2] = {-1, -1};
    int report[2] = {-1, -1};
    try {
      make_pipe(out);
      make_pipe(err);
      make_pipe(report);
    } catch (...) {
      for (int* fds : {out, err, report}) {
        close_fd(fds[0]);
        close_fd(fds[1]);
      }
      throw;
    }
    std::fflush(stdout);
    std::fflush(stderr);
    pid_t pid = ::fork();
    if (pid < 0) {
      int saved = errno;
      for (int* fds : {out, err, report}) {
        close_fd(fds[0]);
        close_fd(fds[1]);
      }
      errno = saved;
      throw io_error("start a worker process");
    }
    if (pid == 0) {
      ::close(out[0]);
      ::close(err[0]);
      ::close(report[0]);
      worker_main(jobs[index], signals.old_mask(), out[1], err[1], report[1]);
    }
    ::setpgid(pid, pid);  // also done by the worker; whichever runs first
    close_fd(out[1]);
    close_fd(err[1]);
    close_fd(report[1]);
    Worker worker;
    worker.job = index;
    worker.pid = pid;
    worker.out = {out[0], STDOUT_FILENO, {}};
    worker.err = {err[0], STDERR_FILENO, {}};
    worker.report = report[0];
    worker.started = Clock::now();
    for (int fd : {worker.out.fd, worker.err.fd, worker.report}) {
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    running.push_back(std::move(worker));
    run.outcomes[index].started = true;
  };

  while (true) {
    while (run.signal == 0 && next_job < jobs.size() &&
           running.size() < static_cast<std::size_t>(parallelism)) {
      start(next_job++);
    }
    if (running.empty()) break;

    std::vector<pollfd> fds;
    fds.push_back({signals.fd(), POLLIN, 0});
    for (const Worker& worker : running) {
      for (int fd : {worker.out.fd, worker.err.fd, worker.report}) {
        if (fd >= 0) fds.push_back({fd, POLLIN, 0});
      }
    }
    int ready = ::poll(fds.data(), fds.size(), 1000);  // a bound should a SIGCHLD be merged
    if (ready < 0 && errno != EINTR) throw io_error("wait for the workers");

    for (int signal_number; (signal_number = signals.next()) != 0;) {
      if (signal_number == SIGCHLD) continue;
      if (run.signal == 0) run.signal = signal_number;
      for (const Worker& worker : running) {
        if (!worker.exited) ::kill(worker.pid, signal_number);
      }
    }
    for (Worker& worker : running) {
      const WorkerJob& job = jobs[worker.job];
      if (worker.out.fd >= 0) pump(worker.out, job);
      if (worker.err.fd >= 0) pump(worker.err, job);
      read_report(worker);
      if (!worker.exited) {
        int status = 0;
        pid_t done = ::waitpid(worker.pid, &status, WNOHANG);
        if (done == worker.pid) {
          worker.exited = true;
          worker.exit_code = WIFEXITED(status)     ? WEXITSTATUS(status)
                             : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
                                                   : exit_failure;
        }
      }
    }
    // A worker is done when it has exited and its pipes are at their end. Its terraform step
    // has been waited for; only a leftover of it could hold the pipes, and is not waited for.
    for (auto it = running.begin(); it != running.end();) {
      Worker& worker = *it;
      if (!worker.exited) {
        ++it;
        continue;
      }
      const WorkerJob& job = jobs[worker.job];
      if (worker.out.fd >= 0) pump(worker.out, job);
      if (worker.err.fd >= 0) pump(worker.err, job);
      read_report(worker);
      for (Stream* stream : {&worker.out, &worker.err}) {
        if (!stream->partial.empty()) {
          if (job.on_line) job.on_line(stream->partial);
          write_all(stream->target, job.prefix + stream->partial + "\n");
        }
        close_fd(stream->fd);
      }
      close_fd(worker.report);
      WorkerOutcome& outcome = run.outcomes[worker.job];
      outcome.exit_code = worker.exit_code;
      outcome.report = std::move(worker.report_text);
      outcome.elapsed = Clock::now() - worker.started;
      it = running.erase(it);
    }
  }
  return run;
}

InitLock InitLock::create() {
  std::FILE* file = std::tmpfile();  // unlinked; the descriptor is inherited by the workers
  if (file == nullptr) throw io_error("create the init lock file");
  InitLock lock;
  lock.fd_ = ::dup(::fileno(file));
  std::fclose(file);
  if (lock.fd_ < 0) throw io_error("create the init lock file");
  ::fcntl(lock.fd_, F_SETFD, FD_CLOEXEC);  // terraform does not need it
  return lock;
}

InitLock::~InitLock() { close_fd(fd_); }

InitLock::InitLock(InitLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

InitLock& InitLock::operator=(InitLock&& other) noexcept {
  if (this != &other) {
    close_fd(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

// A classic fcntl record lock belongs to a process, so workers sharing the descriptor still
// exclude each other (a flock or OFD lock would be shared through the inherited description).
InitLock::Guard::Guard(const InitLock& lock) : fd_(lock.fd_) {
  if (fd_ < 0) return;
  struct flock range {};
  range.l_type = F_WRLCK;
  range.l_whence = SEEK_SET;
  while (::fcntl(fd_, F_SETLKW, &range) != 0) {
    if (errno != EINTR) {
      fd_ = -1;  // cannot lock: run unserialized rather than not at all
      return;
    }
  }
}

InitLock::Guard::~Guard() {
  if (fd_ < 0) return;
  struct flock range {};
  range.l_type = F_UNLCK;
  range.l_whence = SEEK_SET;
  ::fcntl(fd_, F_SETLK, &range);
}

}  // namespace edustack::cli::detail
