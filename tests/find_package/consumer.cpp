#include <cstdio>
#include <edustack/aws/provider.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/edustack.hpp>

int main() {
  edustack::App app;
  edustack::Stack stack(app, "team");
  edustack::aws::Provider aws(stack, "aws", {.region = "eu-west-2"});
  edustack::aws::Vpc vpc(stack, "main", {.cidr_block = "10.1.0.0/16"});
  auto result = app.synth_in_memory();
  bool ok = result.stacks.size() == 1 &&
            result.stacks[0].json.find("\"cidr_block\": \"10.1.0.0/16\"") != std::string::npos;
  std::puts(ok ? "consumer: ok" : "consumer: unexpected output");
  return ok ? 0 : 1;
}
