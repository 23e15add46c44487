#include <cstdio>
#include <edustack/aws/dynamodb_table.hpp>
#include <edustack/aws/provider.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/edustack.hpp>
#include <edustack/random/pet.hpp>
#include <edustack/random/provider.hpp>

int main() {
  edustack::App app;
  edustack::Stack stack(app, "team");
  edustack::aws::Provider aws(stack, "aws", {.region = "eu-west-2"});
  edustack::random::Provider random(stack, "random");
  edustack::aws::Vpc vpc(stack, "main", {.cidr_block = "10.1.0.0/16"});
  // A type generated at build time (header-only), installed with the package.
  edustack::random::Pet suffix(stack, "suffix", {.length = 2});
  edustack::aws::DynamodbTable table(stack, "orders",
                                     {.attribute = {{.name = "id", .type = "S"}},
                                      .billing_mode = "PAY_PER_REQUEST",
                                      .hash_key = "id",
                                      .name = suffix.id(),
                                      .point_in_time_recovery = {{.enabled = true}}});
  auto result = app.synth_in_memory();
  const std::string& json = result.stacks.at(0).json;
  bool ok = result.stacks.size() == 1 &&
            json.find("\"cidr_block\": \"10.1.0.0/16\"") != std::string::npos &&
            json.find("\"name\": \"${random_pet.suffix.id}\"") != std::string::npos &&
            json.find("\"source\": \"hashicorp/random\"") != std::string::npos;
  std::puts(ok ? "consumer: ok" : "consumer: unexpected output");
  return ok ? 0 : 1;
}
