#include "process.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "edustack/cli.hpp"

namespace edustack::cli::detail {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

volatile sig_atomic_t first_signal = 0;  // the first SIGINT/SIGTERM/SIGHUP received
volatile sig_atomic_t signal_count = 0;  // how many were received
volatile sig_atomic_t wake_fd = -1;      // write end of the self-pipe that wakes the loop

constexpr std::array<int, 3> forwarded_signals = {SIGINT, SIGTERM, SIGHUP};

void wake() {
  int fd = wake_fd;
  if (fd >= 0) {
    char byte = 0;
    ssize_t ignored = ::write(fd, &byte, 1);  // a full pipe is awake already
    (void)ignored;
  }
}

extern "C" void on_forwarded_signal(int signal_number) {
  int saved = errno;
  if (first_signal == 0) first_signal = signal_number;
  signal_count = signal_count + 1;  // handlers block each other (sa_mask): no race
  wake();
  errno = saved;
}

extern "C" void on_child_signal(int) {
  int saved = errno;
  wake();
  errno = saved;
}

// Installs the handlers and the self-pipe for as long as it lives. The handlers only record and
// wake the loop in run_process, which does the sending.
class SignalHandling {
 public:
  SignalHandling() {
    first_signal = 0;
    signal_count = 0;
    if (::pipe2(pipe_, O_CLOEXEC | O_NONBLOCK) != 0) {
      pipe_[0] = pipe_[1] = -1;
    }
    wake_fd = pipe_[1];
    struct sigaction action {};
    sigemptyset(&action.sa_mask);
    for (int signal_number : forwarded_signals) sigaddset(&action.sa_mask, signal_number);
    sigaddset(&action.sa_mask, SIGCHLD);
    action.sa_flags = 0;  // no SA_RESTART: poll returns EINTR, and we loop
    action.sa_handler = on_forwarded_signal;
    for (std::size_t i = 0; i < forwarded_signals.size(); ++i) {
      ::sigaction(forwarded_signals[i], &action, &previous_[i]);
    }
    action.sa_handler = on_child_signal;
    action.sa_flags = SA_NOCLDSTOP;
    ::sigaction(SIGCHLD, &action, &previous_child_);
  }
  ~SignalHandling() {
    for (std::size_t i = 0; i < forwarded_signals.size(); ++i) {
      ::sigaction(forwarded_signals[i], &previous_[i], nullptr);
    }
    ::sigaction(SIGCHLD, &previous_child_, nullptr);
    wake_fd = -1;
    for (int fd : pipe_) {
      if (fd >= 0) ::close(fd);
    }
  }
  SignalHandling(const SignalHandling&) = delete;
  SignalHandling& operator=(const SignalHandling&) = delete;

  int read_end() const noexcept { return pipe_[0]; }
  void drain() const noexcept {
    std::array<char, 64> bytes{};
    while (pipe_[0] >= 0 && ::read(pipe_[0], bytes.data(), bytes.size()) > 0) {
    }
  }

 private:
  int pipe_[2] = {-1, -1};
  std::array<struct sigaction, 3> previous_{};
  struct sigaction previous_child_ {};
};

bool is_executable_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

void close_pipe(int fds[2]) {
  for (int i = 0; i < 2; ++i) {
    if (fds[i] >= 0) ::close(fds[i]);
    fds[i] = -1;
  }
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

// Processes of the group that are still running (zombies left out), from /proc; -1 when /proc
// cannot be read.
int live_group_members(pid_t group) {
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return -1;
  int live = 0;
  while (const dirent* entry = ::readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    std::ifstream in(std::string("/proc/") + entry->d_name + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t paren = stat.rfind(')');  // the command name may hold spaces and parentheses
    if (paren == std::string::npos) continue;
    std::istringstream fields(stat.substr(paren + 1));
    char state = 0;
    long parent = 0;
    long process_group = 0;
    if (fields >> state >> parent >> process_group && process_group == group && state != 'Z' &&
        state != 'X') {
      ++live;
    }
  }
  ::closedir(proc);
  return live;
}

std::optional<std::string> find_executable(std::string_view name) {
  if (name.empty()) return std::nullopt;
  std::string candidate(name);
  if (candidate.find('/') != std::string::npos) {
    if (is_executable_file(candidate)) return candidate;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    std::size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    std::string full = (dir.empty() ? std::string(".") : std::string(dir)) + "/" + candidate;
    if (is_executable_file(full)) return full;
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

std::string signal_name(int signal_number) {
  struct Name {
    int number;
    const char* name;
  };
  static constexpr Name names[] = {
      {SIGHUP, "SIGHUP"},       {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"},   {SIGILL, "SIGILL"},
      {SIGTRAP, "SIGTRAP"},     {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},     {SIGFPE, "SIGFPE"},
      {SIGKILL, "SIGKILL"},     {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"},   {SIGUSR2, "SIGUSR2"},
      {SIGPIPE, "SIGPIPE"},     {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"},   {SIGCHLD, "SIGCHLD"},
      {SIGCONT, "SIGCONT"},     {SIGSTOP, "SIGSTOP"}, {SIGTSTP, "SIGTSTP"},   {SIGTTIN, "SIGTTIN"},
      {SIGTTOU, "SIGTTOU"},     {SIGURG, "SIGURG"},   {SIGXCPU, "SIGXCPU"},   {SIGXFSZ, "SIGXFSZ"},
      {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"}, {SIGWINCH, "SIGWINCH"}, {SIGIO, "SIGIO"},
      {SIGSYS, "SIGSYS"},
  };
  for (const auto& entry : names) {
    if (entry.number == signal_number) return entry.name;
  }
  return "signal " + std::to_string(signal_number);
}

std::optional<Milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total = 0;  // milliseconds
  bool any_unit = false;
  std::size_t components = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t begin = i;
    bool dot = false;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || (text[i] == '.' && !dot))) {
      dot = dot || text[i] == '.';
      ++i;
    }
    std::string number(text.substr(begin, i - begin));
    if (number.empty() || number == ".") return std::nullopt;
    double value = std::strtod(number.c_str(), nullptr);
    double scale = 0;
    if (text.substr(i, 2) == "ms") {
      scale = 1;
      i += 2;
    } else if (i < text.size() && text[i] == 'h') {
      scale = 3'600'000;
      ++i;
    } else if (i < text.size() && text[i] == 'm') {
      scale = 60'000;
      ++i;
    } else if (i < text.size() && text[i] == 's') {
      scale = 1000;
      ++i;
    } else if (i == text.size() && components == 0) {
      scale = 1000;  // bare seconds
    } else {
      return std::nullopt;
    }
    any_unit = any_unit || scale != 0;
    total += value * scale;
    ++components;
  }
  constexpr double limit = 366.0 * 24 * 3'600'000;  // a year is more than any terraform step
  if (!any_unit || !(total >= 1) || total > limit) return std::nullopt;
  return Milliseconds(static_cast<long long>(std::llround(total)));
}

std::string format_duration(Milliseconds duration) {
  long long ms = duration.count();
  if (ms < 1000) return std::to_string(ms) + "ms";
  if (ms < 60'000) {
    std::string text = std::to_string(ms / 1000);
    if (long long fraction = ms % 1000; fraction != 0) {
      std::string digits = std::to_string(1000 + fraction).substr(1);
      while (digits.back() == '0') digits.pop_back();
      text += "." + digits;
    }
    return text + "s";
  }
  std::string text;
  long long seconds = (ms + 500) / 1000;
  if (seconds >= 3600) text += std::to_string(seconds / 3600) + "h";
  if (seconds % 3600 >= 60) text += std::to_string(seconds % 3600 / 60) + "m";
  if (seconds % 60 != 0) text += std::to_string(seconds % 60) + "s";
  return text;
}

std::vector<std::string> terraform_leftovers(const fs::path& directory,
                                             const std::string& partial_plan) {
  std::vector<std::string> found;
  std::error_code error;
  fs::path lock = directory / ".terraform.tfstate.lock.info";
  if (fs::exists(lock, error)) {
    auto info = nlohmann::json::parse(read_text(lock), nullptr, false);
    std::string id = info.is_object() ? info.value("ID", "") : "";
    std::string detail;
    if (info.is_object()) {
      std::string operation = info.value("Operation", "");
      std::string who = info.value("Who", "");
      if (!operation.empty()) detail += ", " + operation;
      if (!who.empty()) detail += " by " + who;
    }
    found.push_back(fmt::format(
        "terraform left its state lock {} (lock ID {}{}): when no other terraform runs in {}, "
        "`terraform force-unlock {}` there releases it if terraform reports the state locked",
        lock.string(), id.empty() ? "unknown" : id, detail, directory.string(),
        id.empty() ? "LOCK_ID" : id));
  }
  fs::path errored = directory / "errored.tfstate";
  if (fs::exists(errored, error)) {
    found.push_back(fmt::format(
        "terraform could not save its state and wrote it to {}: run `terraform state push "
        "errored.tfstate` in {} before anything else, or the resources it records are lost to "
        "terraform",
        errored.string(), directory.string()));
  }
  if (!partial_plan.empty()) {
    fs::path plan = directory / partial_plan;
    if (fs::exists(plan, error) && fs::remove(plan, error)) {
      found.push_back(
          fmt::format("removed {}: terraform plan did not finish writing it", plan.string()));
    }
  }
  return found;
}

AbnormalEnd describe_abnormal_end(const std::string& what, const ProcessResult& result,
                                  Milliseconds timeout, const fs::path& directory,
                                  const std::string& partial_plan) {
  std::string ended =
      result.term_signal != 0
          ? fmt::format("{} was killed by {}", what, signal_name(result.term_signal))
          : fmt::format("{} exited with code {}", what, result.exit_code);
  std::string sent;
  bool killed_by_us = false;
  for (const auto& signal : result.sent) {
    long long tenths = (signal.at.count() + 50) / 100 * 100;
    sent += sent.empty() ? "sent " : ", then ";
    sent += signal.why == SentSignal::Why::leftovers
                ? "SIGKILL to what was left of its process group"
                : fmt::format("{} to its process group at {}", signal_name(signal.signal_number),
                              format_duration(Milliseconds(std::max(tenths, 100LL))));
    killed_by_us = killed_by_us ||
                   (signal.signal_number == SIGKILL && signal.why != SentSignal::Why::leftovers);
  }
  AbnormalEnd end;
  end.exit_code = result.exit_code;
  if (result.timed_out) {
    end.message = fmt::format("{} timed out after {} (--timeout): {}; {}", what,
                              format_duration(timeout), sent, ended);
    end.exit_code = exit_timeout;
  } else if (result.signals_received > 0) {
    end.message = "interrupted: " + ended;
    if (result.signals_received > 1) end.message += fmt::format(" ({})", sent);
    if (end.exit_code == 0) end.exit_code = 128 + result.forwarded_signal;
  } else {
    end.message = fmt::format("{} (exit code {})", ended, result.exit_code);
    if (!sent.empty()) end.message += fmt::format(" ({})", sent);
  }
  std::vector<std::string> left = terraform_leftovers(directory, partial_plan);
  bool locks_state = what.ends_with(" plan") || what.ends_with(" apply");
  if (killed_by_us && left.empty() && locks_state) {
    left.push_back(fmt::format(
        "terraform was killed before it could release a state lock: should the next run "
        "report the state locked, `terraform force-unlock LOCK_ID` in {} releases it (the "
        "error names the ID)",
        directory.string()));
  }
  for (const auto& line : left) end.message += "\n  " + line;
  if (end.exit_code == 0) end.exit_code = exit_failure;
  return end;
}

ProcessResult run_process(const ProcessSpec& spec) {
  ProcessResult result;
  std::vector<std::string> strings;
  strings.push_back(spec.program);
  strings.insert(strings.end(), spec.args.begin(), spec.args.end());
  std::vector<char*> argv;
  for (auto& s : strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  // The environment, built before fork (setenv is not safe between fork and exec).
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) environment.emplace_back(*entry);
  for (const auto& [name, value] : spec.environment) {
    if (std::getenv(name.c_str()) == nullptr) environment.push_back(name + "=" + value);
  }
  std::vector<char*> envp;
  for (auto& s : environment) envp.push_back(s.data());
  envp.push_back(nullptr);

  int exec_status[2] = {-1, -1};  // the child writes errno here when exec fails
  int output[2] = {-1, -1};
  if (::pipe2(exec_status, O_CLOEXEC) != 0) {
    result.start_error = std::strerror(errno);
    return result;
  }
  if (spec.output != ChildOutput::inherit && ::pipe2(output, O_CLOEXEC) != 0) {
    result.start_error = std::strerror(errno);
    close_pipe(exec_status);
    return result;
  }

  std::fflush(nullptr);
  SignalHandling signals;
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    result.start_error = std::strerror(errno);
    close_pipe(exec_status);
    close_pipe(output);
    return result;
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    ::setpgid(0, 0);
    for (int signal_number : forwarded_signals) ::signal(signal_number, SIG_DFL);
    ::signal(SIGCHLD, SIG_DFL);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);       // should we die, terraform stops too
    if (::getppid() != parent) ::_exit(126);  // we died before prctl
    int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) {
      ::dup2(null_fd, STDIN_FILENO);
      ::close(null_fd);
    }
    if (spec.output != ChildOutput::inherit) {
      ::dup2(output[1], STDOUT_FILENO);
      if (spec.output == ChildOutput::capture_all) ::dup2(output[1], STDERR_FILENO);
    }
    int error = 0;
    if (!spec.directory.empty() && ::chdir(spec.directory.c_str()) != 0) {
      error = errno;
    } else {
      ::execve(argv[0], argv.data(), envp.data());
      error = errno;
    }
    ssize_t ignored = ::write(exec_status[1], &error, sizeof error);
    (void)ignored;
    ::_exit(127);
  }

  ::setpgid(pid, pid);  // also done by the child; whichever runs first wins the race
  const Clock::time_point start = Clock::now();
  auto since_start = [&] { return std::chrono::duration_cast<Milliseconds>(Clock::now() - start); };
  spdlog::debug("started {} (pid {}) in {}", spec.program, pid, spec.directory.string());

  ::close(exec_status[1]);
  exec_status[1] = -1;
  if (output[1] >= 0) {
    ::close(output[1]);
    output[1] = -1;
  }
  if (output[0] >= 0) ::fcntl(output[0], F_SETFL, ::fcntl(output[0], F_GETFL) | O_NONBLOCK);

  auto send = [&](int signal_number, SentSignal::Why why) {
    ::kill(-pid, signal_number);  // the whole group: terraform and its providers
    result.sent.push_back({signal_number, since_start(), why});
    spdlog::debug("sent {} to process group {}", signal_name(signal_number), pid);
  };
  auto read_output = [&] {
    std::array<char, 65536> buffer{};
    while (output[0] >= 0) {
      ssize_t n = ::read(output[0], buffer.data(), buffer.size());
      if (n > 0) {
        result.output.append(buffer.data(), static_cast<std::size_t>(n));
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else {
        if (n == 0 || errno != EAGAIN) {
          ::close(output[0]);  // end of file (or an error): nothing more to read
          output[0] = -1;
        }
        break;
      }
    }
  };

  // Escalation: 0 nothing sent, 1 SIGINT (or the first signal) sent, 2 SIGTERM, 3 SIGKILL.
  int stage = 0;
  std::optional<Milliseconds> next_step;  // when the next escalation step is due
  SentSignal::Why chain = SentSignal::Why::escalation;
  int handled = 0;
  siginfo_t info{};
  while (true) {
    for (int received = signal_count; handled < received;) {
      ++handled;
      if (handled == 1 && stage == 0) {
        send(first_signal, SentSignal::Why::forwarded);  // terraform's graceful stop
        stage = 1;
      } else if (stage < 2) {
        chain = SentSignal::Why::escalation;
        send(SIGTERM, chain);
        stage = 2;
        next_step = since_start() + spec.kill_after;
      } else if (stage < 3) {
        send(SIGKILL, SentSignal::Why::escalation);
        stage = 3;
        next_step.reset();
      }
    }
    Milliseconds now = since_start();
    if (spec.timeout.count() > 0 && !result.timed_out && now >= spec.timeout) {
      result.timed_out = true;
      if (stage == 0) {
        send(SIGINT, SentSignal::Why::timeout);
        stage = 1;
      }
      if (stage == 1 && !next_step) {
        chain = SentSignal::Why::timeout;
        next_step = now + spec.kill_after;
      }
    }
    if (next_step && now >= *next_step) {
      if (stage == 1) {
        send(SIGTERM, chain);
        stage = 2;
        next_step = now + spec.kill_after;
      } else {
        send(SIGKILL, chain);
        stage = 3;
        next_step.reset();
      }
    }

    info.si_pid = 0;
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid) {
      break;  // ended; not reaped yet, so its process group id cannot be reused
    }

    long long wait_ms = 1000;  // also a bound should a wake-up be missed
    if (spec.timeout.count() > 0 && !result.timed_out) {
      wait_ms = std::min<long long>(wait_ms, (spec.timeout - now).count());
    }
    if (next_step) wait_ms = std::min<long long>(wait_ms, (*next_step - now).count());
    pollfd fds[2] = {{signals.read_end(), POLLIN, 0}, {output[0], POLLIN, 0}};
    int ready = ::poll(fds, 2, static_cast<int>(std::max<long long>(wait_ms, 0)));
    signals.drain();
    if (ready > 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) read_output();
  }
  handled = std::max(handled, static_cast<int>(signal_count));

  bool killed = info.si_code == CLD_KILLED || info.si_code == CLD_DUMPED;
  if (result.timed_out || handled > 0 || killed) {
    // Whatever of its group outlived it (providers, provisioners' children) goes too.
    if (live_group_members(pid) != 0) {
      send(SIGKILL, SentSignal::Why::leftovers);
      // SIGKILL cannot be caught, but the kernel ends the processes a moment later: wait for
      // that (at most 2 s, for a process stuck in the kernel), so none is left when we return.
      for (int i = 0; i < 400 && live_group_members(pid) > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  }
  read_output();  // what it wrote before it ended; a leftover holding the pipe is not waited for

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      status = 0;
      break;
    }
  }
  result.elapsed = since_start();

  int exec_error = 0;
  ssize_t n = 0;
  do {
    n = ::read(exec_status[0], &exec_error, sizeof exec_error);
  } while (n < 0 && errno == EINTR);
  close_pipe(exec_status);
  close_pipe(output);
  result.forwarded_signal = first_signal;
  result.signals_received = handled;

  if (n == static_cast<ssize_t>(sizeof exec_error)) {
    result.start_error = std::strerror(exec_error);
    return result;
  }
  result.started = true;
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.term_signal = WTERMSIG(status);
    result.exit_code = 128 + result.term_signal;
  }
  spdlog::debug("{} (pid {}) exited with {}", spec.program, pid, result.exit_code);
  return result;
}

}  // namespace edustack::cli::detail
