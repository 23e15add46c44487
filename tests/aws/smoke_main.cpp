// The smoke app of every AWS type: one instance of every resource type and data source of the
// schema, with its required arguments and blocks filled (edustack-gen --smoke), in one stack.
//
//   aws_smoke OUTDIR SCHEMA.json
//
// Synthesizes into OUTDIR (stacks/smoke/main.tf.json), then validates the stack against the
// schema with the project's own validator: exit 0 only when it made as many types as the
// schema has (resource types plus data sources; for a sample app, every N-th of them) and the
// validator has no finding. tests/aws/smoke.sh then hands the JSON to the real terraform.
#include <cstdio>
#include <edustack/aws/provider.hpp>
#include <edustack/core/app.hpp>
#include <edustack/core/stack.hpp>
#include <edustack/error.hpp>
#include <edustack/schema/provider_schema.hpp>
#include <edustack/schema/validator.hpp>

#include "smoke_shards.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: aws_smoke OUTDIR SCHEMA.json\n");
    return 2;
  }
  try {
    edustack::App app;
    edustack::Stack stack(app, "smoke");
    edustack::aws::Provider provider(stack, "aws", {.region = "eu-west-2"});
    const std::size_t made = edustack_smoke::make_every_type(stack);
    const auto schema = edustack::schema::ProviderSchema::load(argv[2]);
    const std::string aws = "registry.terraform.io/hashicorp/aws";
    // EDUSTACK_SMOKE_EVERY: the app holds every N-th type (1: all of them).
    const std::size_t total =
        schema.resource_types(aws).size() + schema.data_source_types(aws).size();
    const std::size_t every = EDUSTACK_SMOKE_EVERY;
    const std::size_t expected = (total + every - 1) / every;
    const auto result = app.synth(argv[1]);
    std::printf("aws_smoke: %zu types instantiated (%zu expected), %zu resources synthesized\n",
                made, expected, result.stacks.at(0).resource_count);
    const auto findings = edustack::schema::validate(schema, app);
    for (const auto& finding : findings) std::printf("%s\n", finding.to_string().c_str());
    std::printf("aws_smoke: %zu findings\n", findings.size());
    return findings.empty() && made == expected ? 0 : 1;
  } catch (const edustack::Error& error) {
    std::fprintf(stderr, "aws_smoke: error: %s\n", error.what());
    return 1;
  }
}
