#include "process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace edustack::cli::detail {

namespace {

volatile sig_atomic_t child_pid = 0;
volatile sig_atomic_t received_signal = 0;

constexpr std::array<int, 3> forwarded_signals = {SIGINT, SIGTERM, SIGHUP};

extern "C" void forward_signal(int signal_number) {
  received_signal = signal_number;
  pid_t pid = child_pid;
  if (pid > 0) ::kill(pid, signal_number);
}

// Installs the forwarding handlers for as long as it lives.
class SignalForwarding {
 public:
  SignalForwarding() {
    received_signal = 0;
    struct sigaction action {};
    action.sa_handler = forward_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: waitpid and read return EINTR, and we loop
    for (std::size_t i = 0; i < forwarded_signals.size(); ++i) {
      ::sigaction(forwarded_signals[i], &action, &previous_[i]);
    }
  }
  ~SignalForwarding() {
    child_pid = 0;
    for (std::size_t i = 0; i < forwarded_signals.size(); ++i) {
      ::sigaction(forwarded_signals[i], &previous_[i], nullptr);
    }
  }
  SignalForwarding(const SignalForwarding&) = delete;
  SignalForwarding& operator=(const SignalForwarding&) = delete;

 private:
  std::array<struct sigaction, 3> previous_{};
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

}  // namespace

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
  SignalForwarding forwarding;
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
  child_pid = pid;
  if (received_signal != 0) ::kill(pid, received_signal);  // arrived before child_pid was set
  spdlog::debug("started {} (pid {}) in {}", spec.program, pid, spec.directory.string());

  ::close(exec_status[1]);
  exec_status[1] = -1;
  if (output[1] >= 0) {
    ::close(output[1]);
    output[1] = -1;
  }

  if (output[0] >= 0) {
    std::array<char, 65536> buffer{};
    while (true) {
      ssize_t n = ::read(output[0], buffer.data(), buffer.size());
      if (n > 0) {
        result.output.append(buffer.data(), static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        break;
      }
    }
  }

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      status = 0;
      break;
    }
  }
  child_pid = 0;

  int exec_error = 0;
  ssize_t n = 0;
  do {
    n = ::read(exec_status[0], &exec_error, sizeof exec_error);
  } while (n < 0 && errno == EINTR);
  close_pipe(exec_status);
  close_pipe(output);
  result.forwarded_signal = received_signal;

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
