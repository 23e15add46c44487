#pragma once

// Runs the example CLI program (examples/cli_app.cpp) as a process in a temporary directory, with
// a stand-in `terraform` on PATH that records its calls.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace edustack_cli_test {

namespace fs = std::filesystem;

// A `terraform` that appends "cwd=<dir> args=<args>" to $STANDIN_LOG for every call, writes the
// plan file `plan -out=FILE` names, prints $STANDIN_PLAN_JSON for `show -json FILE` (the
// documented `terraform show -json` format), fails the command named by $STANDIN_FAIL with
// $STANDIN_FAIL_CODE (printing $STANDIN_FAIL_OUTPUT, `printf %b`, when set; only in the stack
// directory named $STANDIN_FAIL_STACK when set), with $STANDIN_OVERLAP_DIR set logs "overlap CMD"
// when it runs while another call of the same command runs (each call lasting $STANDIN_SLEEP
// seconds, init $STANDIN_INIT_SLEEP), and in the command named by $STANDIN_WAIT writes $STANDIN_READY then waits
// for a signal, recording it and exiting 42 (SIGINT) or 43 (SIGTERM).
// What the real terraform cannot be made to do, for the process handling: in the command named
// by $STANDIN_HANG it writes a partial plan file (plan -out=FILE) and a local state lock, writes
// its pid (= its process group) to $STANDIN_READY and hangs: with a background `sleep` that
// outlives it ($STANDIN_HANG_MODE=plain, the default), or logging and ignoring every SIGINT and
// SIGTERM (stubborn); the command named by $STANDIN_CRASH dies of SIGSEGV.
inline constexpr const char* standin_terraform = R"SH(#!/bin/bash
log="${STANDIN_LOG:?STANDIN_LOG not set}"
printf 'cwd=%s args=%s\n' "$PWD" "$*" >> "$log"
cmd="$1"
if [ -n "${STANDIN_OVERLAP_DIR:-}" ]; then
  [ "$cmd" = init ] && STANDIN_SLEEP=${STANDIN_INIT_SLEEP:-${STANDIN_SLEEP:-0}}
  if mkdir "$STANDIN_OVERLAP_DIR/$cmd" 2>/dev/null; then
    sleep "${STANDIN_SLEEP:-0}"
    rmdir "$STANDIN_OVERLAP_DIR/$cmd"
  else
    echo "overlap $cmd" >> "$log"
    sleep "${STANDIN_SLEEP:-0}"
  fi
fi
if [ "${STANDIN_FAIL:-}" = "$cmd" ] && { [ -z "${STANDIN_FAIL_STACK:-}" ] || [ "$(basename "$PWD")" = "$STANDIN_FAIL_STACK" ]; }; then
  printf '%b\n' "${STANDIN_FAIL_OUTPUT:-Error: stand-in $cmd failed}" >&2
  exit "${STANDIN_FAIL_CODE:-1}"
fi
if [ "${STANDIN_CRASH:-}" = "$cmd" ]; then
  ulimit -c 0
  kill -SEGV $$
fi
if [ "${STANDIN_HANG:-}" = "$cmd" ]; then
  for arg in "$@"; do
    case "$arg" in -out=*) echo "partial plan" > "${arg#-out=}" ;; esac
  done
  echo '{"ID":"standin-lock-id","Operation":"OperationTypePlan","Who":"standin@test"}' \
    > .terraform.tfstate.lock.info
  if [ "${STANDIN_HANG_MODE:-plain}" = stubborn ]; then
    trap 'echo "got SIGINT" >> "$log"' INT
    trap 'echo "got SIGTERM" >> "$log"' TERM
    echo $$ > "${STANDIN_READY:?}.tmp" && mv "${STANDIN_READY}.tmp" "$STANDIN_READY"
    while :; do sleep 0.1; done
  fi
  sleep 60 &
  echo $$ > "${STANDIN_READY:?}.tmp" && mv "${STANDIN_READY}.tmp" "$STANDIN_READY"
  wait
  exit 0
fi
if [ "${STANDIN_WAIT:-}" = "$cmd" ]; then
  trap 'echo "got SIGINT" >> "$log"; kill "$sleeper" 2>/dev/null; exit 42' INT
  trap 'echo "got SIGTERM" >> "$log"; kill "$sleeper" 2>/dev/null; exit 43' TERM
  sleep 60 &
  sleeper=$!
  echo waiting > "${STANDIN_READY:?}"
  wait "$sleeper"
  exit 0
fi
case "$cmd" in
  init) echo "Terraform has been successfully initialized! (stand-in)" ;;
  plan)
    for arg in "$@"; do
      case "$arg" in -out=*) echo "stand-in plan" > "${arg#-out=}" ;; esac
    done
    echo "Plan: (stand-in terraform plan output)" ;;
  show)
    [ -f "$3" ] || { echo "Error: no plan file $3" >&2; exit 1; }
    cat "${STANDIN_PLAN_JSON:?}" ;;
  apply) echo "Apply complete! (stand-in)" ;;
  output) echo '{"bucket":{"sensitive":false,"type":"string","value":"demo-dev-uploads"}}' ;;
  *) echo "stand-in: unexpected command $cmd" >&2; exit 64 ;;
esac
)SH";

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

struct RunOptions {
  std::vector<std::pair<std::string, std::string>> env;  // set in the child
  std::string stdin_data;                                // empty: /dev/null
  bool keep_real_path = false;                           // PATH without the stand-in
};

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

inline std::size_t count_lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "edustack-cli-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    work_ = fs::canonical(pattern);
    bin_ = work_ / "bin";
    fs::create_directories(bin_);
    write_file(bin_ / "terraform", standin_terraform);
    fs::permissions(bin_ / "terraform",
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
    log_ = work_ / "terraform.log";
    plan_json_ = work_ / "plan.json";
    set_plan(R"({"format_version":"1.2","terraform_version":"1.10.0","resource_changes":[]})");
  }

  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(work_, ignored);
  }

  void set_plan(const std::string& json) { write_file(plan_json_, json); }
  std::string terraform_log() const { return read_file(log_); }
  std::vector<std::string> terraform_calls() const {
    std::vector<std::string> calls;
    std::istringstream in(terraform_log());
    for (std::string line; std::getline(in, line);) calls.push_back(line);
    return calls;
  }
  // The line the stand-in records for a call in a stack's directory.
  std::string call(const std::string& stack, const std::string& args,
                   const std::string& out = "edustack.out") const {
    return "cwd=" + (work_ / out / "stacks" / stack).string() + " args=" + args;
  }

  // Starts the program; returns its pid. Output goes to files read by finish().
  pid_t start(const std::vector<std::string>& args, const RunOptions& options = {}) {
    write_file(work_ / "stdin", options.stdin_data);
    std::vector<std::string> strings = {program_};
    strings.insert(strings.end(), args.begin(), args.end());
    pid_t pid = ::fork();
    if (pid == 0) {
      if (::chdir(work_.c_str()) != 0) ::_exit(120);
      for (const char* name : {"NO_COLOR", "ENVIRONMENT_SUFFIX", "EDUSTACK_TERRAFORM",
                               "EDUSTACK_PROVIDER_SCHEMA", "TF_IN_AUTOMATION"}) {
        ::unsetenv(name);
      }
      std::string path =
          options.keep_real_path ? "/usr/bin:/bin" : bin_.string() + ":/usr/bin:/bin";
      ::setenv("PATH", path.c_str(), 1);
      ::setenv("STANDIN_LOG", log_.c_str(), 1);
      ::setenv("STANDIN_PLAN_JSON", plan_json_.c_str(), 1);
      for (const auto& [name, value] : options.env) ::setenv(name.c_str(), value.c_str(), 1);
      int in = ::open((work_ / "stdin").c_str(), O_RDONLY);
      int out = ::open((work_ / "stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open((work_ / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || out < 0 || err < 0) ::_exit(121);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(err, 2);
      std::vector<char*> argv;
      for (auto& s : strings) argv.push_back(s.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(122);
    }
    return pid;
  }

  Result finish(pid_t pid) {
    Result result;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    result.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(work_ / "stdout");
    result.err = read_file(work_ / "stderr");
    return result;
  }

  Result run(const std::vector<std::string>& args, const RunOptions& options = {}) {
    return finish(start(args, options));
  }

  // Waits (up to 30 s) for a file to appear.
  bool wait_for(const fs::path& path) const {
    for (int i = 0; i < 3000; ++i) {
      if (fs::exists(path)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::string program_ = CLI_APP;  // the program under test
  fs::path work_;
  fs::path bin_;
  fs::path log_;
  fs::path plan_json_;
};

}  // namespace edustack_cli_test
