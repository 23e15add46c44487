// Whole-process cost of a command: runs it RUNS times (fork, exec, wait4) and prints the
// median and minimum wall time, the median CPU time (user + system: what the process costs
// when the machine is shared, as wall time is then mostly waiting for a core) and the peak
// resident memory the kernel reports for the child (ru_maxrss). Used by bench/scale.sh; a program,
// not a library benchmark, because what is measured includes exec, the dynamic loader, static
// initialisation and exit.
//
//   edustack_proc_stats RUNS COMMAND [ARGS...]
//   -> "median_ms=9.31 min_ms=9.02 cpu_ms=8.80 max_rss_kib=10880 runs=20"
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s RUNS COMMAND [ARGS...]\n", argv[0]);
    return 2;
  }
  const int runs = std::atoi(argv[1]);
  if (runs < 1) {
    std::fprintf(stderr, "%s: RUNS must be a positive number\n", argv[0]);
    return 2;
  }
  std::vector<double> times;
  std::vector<double> cpu_times;
  long max_rss_kib = 0;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = fork();
    if (child < 0) {
      std::perror("fork");
      return 1;
    }
    if (child == 0) {
      execvp(argv[2], argv + 2);
      std::perror(argv[2]);
      _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(child, &status, 0, &usage) < 0) {
      std::perror("wait4");
      return 1;
    }
    const auto end = std::chrono::steady_clock::now();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "%s: the command failed (status %d)\n", argv[0], status);
      return 1;
    }
    times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    const auto ms = [](const timeval& t) {
      return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    cpu_times.push_back(ms(usage.ru_utime) + ms(usage.ru_stime));
    max_rss_kib = std::max(max_rss_kib, usage.ru_maxrss);
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu_times.begin(), cpu_times.end());
  std::printf("median_ms=%.2f min_ms=%.2f cpu_ms=%.2f max_rss_kib=%ld runs=%d\n",
              times[times.size() / 2], times.front(), cpu_times[cpu_times.size() / 2], max_rss_kib,
              runs);
  return 0;
}
