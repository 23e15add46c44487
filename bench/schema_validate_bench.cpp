// Offline validation cost: loading the 2.8 MB AWS provider schema, and validating a synthesized
// 100-resource stack against it (bench/README.md, "Schema validation").
// Run: build/release/bench/edustack_schema_bench
// The schema is read from ../shared/schemas beside the checkout, or from $EDUSTACK_AWS_SCHEMA.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <edustack/edustack.hpp>
#include <edustack/schema/validator.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace edustack;

namespace {

std::string schema_path() {
  if (const char* env = std::getenv("EDUSTACK_AWS_SCHEMA"); env != nullptr && *env != '\0') {
    return env;
  }
  return EDUSTACK_AWS_SCHEMA_PATH;
}

bool have_schema(benchmark::State& state) {
  if (std::filesystem::exists(schema_path())) return true;
  state.SkipWithError(("no provider schema at " + schema_path()).c_str());
  return false;
}

// 100 resources of 8 types and 2 data sources, with references between them, nested blocks,
// object-typed attributes and construct-path metadata: a typical network + storage stack.
struct HundredResources {
  App app;
  Stack stack{app, "bench"};
  std::vector<std::unique_ptr<Element>> elements;

  template <class T, class... Args>
  T& add(Args&&... args) {
    auto element = std::make_unique<T>(std::forward<Args>(args)...);
    T& ref = *element;
    elements.push_back(std::move(element));
    return ref;
  }

  HundredResources() {
    auto& azs = add<GenericDataSource>(stack, "azs", "aws_availability_zones",
                                       Value::Object{{"state", "available"}});
    auto& assume = add<GenericDataSource>(
        stack, "assume", "aws_iam_policy_document",
        Value::Object{
            {"statement",
             Value::List{Value::Object{
                 {"actions", Value::List{"sts:AssumeRole"}},
                 {"principals", Value::List{Value::Object{
                                    {"type", "Service"},
                                    {"identifiers", Value::List{"ecs-tasks.amazonaws.com"}}}}}}}}});
    auto& vpc = add<GenericResource>(stack, "vpc", "aws_vpc",
                                     Value::Object{{"cidr_block", "10.0.0.0/16"},
                                                   {"enable_dns_hostnames", true},
                                                   {"tags", Value::Object{{"Name", "bench"}}}});
    for (int i = 0; i < 20; ++i) {
      add<GenericResource>(stack, "subnet" + std::to_string(i), "aws_subnet",
                           Value::Object{{"vpc_id", vpc.attribute("id")},
                                         {"cidr_block", "10.0." + std::to_string(i) + ".0/24"},
                                         {"availability_zone", azs.attribute("names")},
                                         {"map_public_ip_on_launch", false},
                                         {"tags", Value::Object{{"Tier", "private"}}}});
    }
    for (int i = 0; i < 10; ++i) {
      add<GenericResource>(
          stack, "sg" + std::to_string(i), "aws_security_group",
          Value::Object{
              {"name", "sg" + std::to_string(i)},
              {"vpc_id", vpc.attribute("id")},
              {"ingress", Value::List{Value::Object{{"from_port", 443},
                                                    {"to_port", 443},
                                                    {"protocol", "tcp"},
                                                    {"cidr_blocks", Value::List{"10.0.0.0/16"}},
                                                    {"description", "https"},
                                                    {"ipv6_cidr_blocks", Value::List{}},
                                                    {"prefix_list_ids", Value::List{}},
                                                    {"security_groups", Value::List{}},
                                                    {"self", false}}}}});
    }
    for (int i = 0; i < 20; ++i) {
      auto& bucket = add<GenericResource>(
          stack, "bucket" + std::to_string(i), "aws_s3_bucket",
          Value::Object{{"bucket", "edu-bench-" + std::to_string(i)}, {"force_destroy", false}});
      add<GenericResource>(
          stack, "versioning" + std::to_string(i), "aws_s3_bucket_versioning",
          Value::Object{{"bucket", bucket.attribute("id")},
                        {"versioning_configuration", Value::Object{{"status", "Enabled"}}}});
    }
    for (int i = 0; i < 10; ++i) {
      add<GenericResource>(stack, "role" + std::to_string(i), "aws_iam_role",
                           Value::Object{{"name", "role" + std::to_string(i)},
                                         {"assume_role_policy", assume.attribute("json")}});
      add<GenericResource>(
          stack, "logs" + std::to_string(i), "aws_cloudwatch_log_group",
          Value::Object{{"name", "/bench/" + std::to_string(i)}, {"retention_in_days", 30}});
    }
    for (int i = 0; i < 9; ++i) {
      add<GenericResource>(stack, "tg" + std::to_string(i), "aws_lb_target_group",
                           Value::Object{{"name", "tg" + std::to_string(i)},
                                         {"port", 8080},
                                         {"protocol", "HTTP"},
                                         {"vpc_id", vpc.attribute("id")},
                                         {"health_check", Value::Object{{"path", "/health"}}}});
    }
  }

  StackArtifact synthesize() {
    SynthOptions options;
    options.metadata = true;
    return app.synth_in_memory(options).stacks.at(0);
  }
};

// Reading the file and indexing its 2,319 schemas (decoded lazily, on first lookup).
void BM_LoadSchema(benchmark::State& state) {
  if (!have_schema(state)) return;
  for (auto _ : state) {
    auto schema = schema::ProviderSchema::load(schema_path());
    benchmark::DoNotOptimize(&schema);
  }
}
BENCHMARK(BM_LoadSchema)->Unit(benchmark::kMillisecond);

// The worst case: loading and decoding every resource and data source schema.
void BM_LoadAndDecodeAll(benchmark::State& state) {
  if (!have_schema(state)) return;
  for (auto _ : state) {
    auto schema = schema::ProviderSchema::load(schema_path());
    schema.decode_all();
    benchmark::DoNotOptimize(&schema);
  }
}
BENCHMARK(BM_LoadAndDecodeAll)->Unit(benchmark::kMillisecond);

// Validating the synthesized 100-resource stack against an already loaded schema.
void BM_Validate100Resources(benchmark::State& state) {
  if (!have_schema(state)) return;
  const auto schema = schema::ProviderSchema::load(schema_path());
  HundredResources sample;
  const StackArtifact artifact = sample.synthesize();
  const auto findings = schema::validate(schema, artifact);
  if (!findings.empty()) {
    state.SkipWithError(("unexpected finding: " + findings.front().to_string()).c_str());
    return;
  }
  for (auto _ : state) {
    auto result = schema::validate(schema, artifact);
    benchmark::DoNotOptimize(result.data());
  }
  state.counters["resources"] = static_cast<double>(artifact.resource_count);
  state.counters["json_kib"] = static_cast<double>(artifact.json.size()) / 1024.0;
}
BENCHMARK(BM_Validate100Resources)->Unit(benchmark::kMillisecond);

// What `edustack validate` pays end to end: load the schema, validate the 100-resource stack.
void BM_LoadAndValidate100Resources(benchmark::State& state) {
  if (!have_schema(state)) return;
  HundredResources sample;
  const StackArtifact artifact = sample.synthesize();
  for (auto _ : state) {
    const auto schema = schema::ProviderSchema::load(schema_path());
    auto result = schema::validate(schema, artifact);
    benchmark::DoNotOptimize(result.data());
  }
}
BENCHMARK(BM_LoadAndValidate100Resources)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
