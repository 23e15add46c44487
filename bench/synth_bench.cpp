// Synthesis cost for stacks of N small resources: each has ~6 arguments, a reference to
// another resource and tags (applied by the tagging aspect). Reports time per synthesis and
// the process's peak resident memory. Run: build/release/bench/edustack_synth_bench
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <edustack/edustack.hpp>
#include <filesystem>
#include <memory>

using namespace edustack;

namespace {

struct Sample {
  App app;
  Stack stack{app, "bench"};
  std::vector<std::unique_ptr<GenericResource>> resources;

  explicit Sample(int count) {
    resources.reserve(static_cast<std::size_t>(count));
    Construct& group = stack.make<Construct>("group");
    for (int i = 0; i < count; ++i) {
      Value::Object arguments{{"bucket", "edu-bucket-" + std::to_string(i)},
                              {"force_destroy", false},
                              {"object_lock_enabled", i % 2 == 0},
                              {"region", "eu-west-2"},
                              {"retries", i % 7},
                              {"tags", Value::Object{{"Name", "bucket-" + std::to_string(i)}}}};
      if (i > 0)
        arguments.emplace("replica_of",
                          resources[static_cast<std::size_t>(i - 1)]->attribute("arn"));
      resources.push_back(std::make_unique<GenericResource>(group, "bucket" + std::to_string(i),
                                                            "aws_s3_bucket", std::move(arguments)));
    }
    add_tags(stack, {{"Environment", "bench"}, {"DataClassification", "internal"}});
  }
};

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_BuildTree(benchmark::State& state) {
  for (auto _ : state) {
    Sample sample(static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(sample.resources.data());
  }
  state.SetComplexityN(state.range(0));
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

void BM_SynthInMemory(benchmark::State& state) {
  Sample sample(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto result = sample.app.synth_in_memory();
    bytes = result.stacks[0].json.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetComplexityN(state.range(0));
  state.counters["json_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

void BM_SynthToDisk(benchmark::State& state) {
  Sample sample(static_cast<int>(state.range(0)));
  auto outdir =
      std::filesystem::temp_directory_path() / ("edustack-bench-" + std::to_string(::getpid()));
  for (auto _ : state) sample.app.synth(outdir);
  std::filesystem::remove_all(outdir);
  state.SetComplexityN(state.range(0));
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

// Build the tree and synthesize it to disk: what `edustack synth` does end to end.
void BM_BuildAndSynthToDisk(benchmark::State& state) {
  auto outdir =
      std::filesystem::temp_directory_path() / ("edustack-bench-e2e-" + std::to_string(::getpid()));
  for (auto _ : state) {
    Sample sample(static_cast<int>(state.range(0)));
    sample.app.synth(outdir);
  }
  std::filesystem::remove_all(outdir);
  state.SetComplexityN(state.range(0));
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

}  // namespace

BENCHMARK(BM_BuildTree)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();
BENCHMARK(BM_SynthInMemory)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();
BENCHMARK(BM_SynthToDisk)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();
BENCHMARK(BM_BuildAndSynthToDisk)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

BENCHMARK_MAIN();
