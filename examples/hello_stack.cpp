// A small stack built from the core alone: a provider, a variable, two resources that refer to
// each other, a data source, a local and outputs. `hello_stack [outdir]` writes it.
#include <cstdio>
#include <edustack/edustack.hpp>

using namespace edustack;

int main(int argc, char** argv) {
  App app;
  Stack stack(app, "hello");
  S3Backend backend(
      stack, "backend",
      {.bucket = "hello-tfstate", .key = "hello/terraform.tfstate", .region = "eu-west-2"});
  Provider aws(stack, "aws",
               {.name = "aws",
                .source = "hashicorp/aws",
                .version = "~> 6.0",
                .arguments = Value::Object{{"region", "eu-west-2"}}});
  Variable environment(stack, "environment",
                       {.type = "string", .default_ = "dev", .description = "Environment suffix"});
  environment.add_validation_rule(
      fn::contains(Value::List{"dev", "staging", "prod"}, environment.as_string()),
      "environment must be dev, staging or prod");

  GenericDataSource zones(stack, "zones", "aws_availability_zones", {{"state", "available"}});
  GenericResource vpc(stack, "vpc", "aws_vpc",
                      {{"cidr_block", "10.0.0.0/16"},
                       {"enable_dns_hostnames", true},
                       {"tags", Value::Object{{"Name", "hello-" + std::string("vpc")}}}});
  GenericResource subnet(
      stack, "subnet", "aws_subnet",
      {{"vpc_id", vpc.attribute("id")},
       {"cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, 1)},
       {"availability_zone", zones.attribute_as<std::vector<std::string>>("names")[0]}});
  subnet.set_lifecycle({.create_before_destroy = true});
  Local name(stack, "name", StringExpr(environment.as_string()) + "-hello");
  Output vpc_id(stack, "vpc_id", {.value = vpc.attribute("id"), .description = "The VPC id"});
  Output subnet_cidr(stack, "subnet_cidr", {.value = subnet.attribute("cidr_block")});

  try {
    auto result = app.synth(argc > 1 ? argv[1] : "edustack.out");
    for (const auto& artifact : result.stacks) {
      std::printf("%s: %zu resources, %s (%zu bytes)\n", artifact.name.c_str(),
                  artifact.resource_count, artifact.file.c_str(), artifact.json.size());
    }
  } catch (const Error& error) {
    std::fprintf(stderr, "error: %s\n", error.what());
    return 1;
  }
  return 0;
}
