// The worker processes of a multi-stack run (src/cli/stack_workers.cpp), directly: prefixed
// lines, reports and exit codes, the parallelism bound, the init lock.

#include "stack_workers.hpp"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "context.hpp"

namespace edustack::cli::detail {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Runs f with our stdout and stderr going to files; returns what was written to them.
template <typename F>
std::pair<std::string, std::string> captured(F f) {
  fs::path dir = fs::temp_directory_path() / ("edustack-workers-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::fflush(stdout);
  std::fflush(stderr);
  int saved_out = ::dup(STDOUT_FILENO);
  int saved_err = ::dup(STDERR_FILENO);
  int out = ::open((dir / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = ::open((dir / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  ::close(out);
  ::close(err);
  f();
  std::fflush(stdout);
  std::fflush(stderr);
  ::dup2(saved_out, STDOUT_FILENO);
  ::dup2(saved_err, STDERR_FILENO);
  ::close(saved_out);
  ::close(saved_err);
  auto read = [](const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  std::pair<std::string, std::string> result{read(dir / "out"), read(dir / "err")};
  fs::remove_all(dir);
  return result;
}

// The lines of `text` that start with `prefix`, prefix removed, in order. Two workers run at once,
// so their lines may interleave; each worker's own lines stay whole and in order.
std::vector<std::string> lines_with_prefix(const std::string& text, std::string_view prefix) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(prefix)) lines.push_back(line.substr(prefix.size()));
  }
  return lines;
}

long long monotonic_ms() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);  // one clock for every process of the machine
  return static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

TEST(StackWorkers, PrefixEveryLineAndHandBackReportsAndExitCodes) {
  std::vector<std::string> seen;
  std::vector<WorkerJob> jobs = {
      {.prefix = "[a] ",
       .body =
           [](std::string& report) {
             std::printf("first line\nsecond ");
             std::fflush(stdout);
             std::printf("half\n");
             std::fprintf(stderr, "an error without its newline");
             report = "report of a";
             return 0;
           },
       .on_line = [&seen](std::string_view line) { seen.emplace_back(line); }},
      {.prefix = "[b] ",
       .body =
           [](std::string& report) {
             std::printf("from b\n");
             report = "report of b";
             return 3;
           },
       .on_line = {}},
  };
  WorkerRun run;
  auto [out, err] = captured([&] { run = run_workers(jobs, 2); });
  ASSERT_EQ(run.outcomes.size(), 2u);
  EXPECT_TRUE(run.outcomes[0].started);
  EXPECT_EQ(run.outcomes[0].exit_code, 0);
  EXPECT_EQ(run.outcomes[0].report, "report of a");
  EXPECT_EQ(run.outcomes[1].exit_code, 3);
  EXPECT_EQ(run.outcomes[1].report, "report of b");
  EXPECT_EQ(run.signal, 0);
  EXPECT_THAT(lines_with_prefix(out, "[a] "), ::testing::ElementsAre("first line", "second half"));
  EXPECT_THAT(lines_with_prefix(out, "[b] "), ::testing::ElementsAre("from b"));
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 3) << out;  // nothing else, no torn line
  EXPECT_EQ(err, "[a] an error without its newline\n");
  EXPECT_THAT(seen, ::testing::UnorderedElementsAre("first line", "second half",
                                                    "an error without its newline"));
}

TEST(StackWorkers, AnExceptionOrAnExitInAWorkerIsItsExitCode) {
  std::vector<WorkerJob> jobs = {
      {.prefix = "[x] ",
       .body = [](std::string&) -> int { throw std::runtime_error("boom"); },
       .on_line = {}},
      {.prefix = "[y] ", .body = [](std::string&) -> int { throw Exit{4}; }, .on_line = {}},
  };
  WorkerRun run;
  auto [out, err] = captured([&] { run = run_workers(jobs, 1); });
  EXPECT_EQ(run.outcomes[0].exit_code, 1);
  EXPECT_EQ(run.outcomes[1].exit_code, 4);
  EXPECT_THAT(err, HasSubstr("[x] error: boom\n"));
}

// Each job reports when it ran; no more than `parallelism` of them ever overlap, and with 2 of 4
// jobs of 300 ms some do.
TEST(StackWorkers, NoMoreThanParallelismAtOnce) {
  auto job = [](std::string& report) {
    long long start = monotonic_ms();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    report = std::to_string(start) + " " + std::to_string(monotonic_ms());
    return 0;
  };
  for (int parallelism : {1, 2}) {
    std::vector<WorkerJob> jobs(4, WorkerJob{.prefix = "", .body = job, .on_line = {}});
    WorkerRun run;
    captured([&] { run = run_workers(jobs, parallelism); });
    std::vector<std::pair<long long, long long>> spans;
    for (const auto& outcome : run.outcomes) {
      long long start = 0, end = 0;
      ASSERT_EQ(std::sscanf(outcome.report.c_str(), "%lld %lld", &start, &end), 2);
      spans.emplace_back(start, end);
    }
    int most = 0;
    for (const auto& [start, end] : spans) {
      int at_once = 0;  // the jobs running when this one started
      for (const auto& [other_start, other_end] : spans) {
        at_once += other_start <= start && start < other_end;
      }
      most = std::max(most, at_once);
    }
    EXPECT_LE(most, parallelism);
    if (parallelism == 2) {
      EXPECT_EQ(most, 2) << "two jobs never overlapped";
    }
  }
}

// Workers holding the init lock never overlap, though they run concurrently.
TEST(StackWorkers, InitLockSerializesWorkers) {
  InitLock lock = InitLock::create();
  fs::path marker = fs::temp_directory_path() / ("edustack-init-" + std::to_string(::getpid()));
  fs::remove(marker);
  auto job = [&lock, marker](std::string& report) {
    InitLock::Guard guard(lock);
    int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    report = fd >= 0 ? "alone" : "overlap";
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    if (fd >= 0) {
      ::close(fd);
      ::unlink(marker.c_str());
    }
    return 0;
  };
  std::vector<WorkerJob> jobs(3, WorkerJob{.prefix = "", .body = job, .on_line = {}});
  WorkerRun run;
  auto started = std::chrono::steady_clock::now();
  captured([&] { run = run_workers(jobs, 3); });
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& outcome : run.outcomes) EXPECT_EQ(outcome.report, "alone");
  EXPECT_GE(seconds, 0.44);  // three sections of 150 ms, one after the other
}

}  // namespace
}  // namespace edustack::cli::detail
