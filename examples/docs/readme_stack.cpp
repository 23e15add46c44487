// The first sample of README.md ("A stack in C++"), verbatim below this comment
// (tests/docs_check.cmake); CTest docs.readme.stack runs it and checks what it writes.
#include <edustack/edustack.hpp>
using namespace edustack;

int main() {
  App app;
  Stack stack(app, "hello");
  S3Backend backend(stack, "backend",
                    {.bucket = "tfstate", .key = "hello.tfstate", .region = "eu-west-2"});
  Provider aws(stack, "aws",
               {.name = "aws",
                .source = "hashicorp/aws",
                .version = "~> 6.0",
                .arguments = Value::Object{{"region", "eu-west-2"}}});
  GenericResource vpc(stack, "vpc", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  GenericResource subnet(stack, "subnet", "aws_subnet",
                         {{"vpc_id", vpc.attribute("id")},  // ${aws_vpc.vpc.id}
                          {"cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, 1)}});
  Output out(stack, "vpc_id", {.value = vpc.attribute("id")});
  app.synth("edustack.out");  // edustack.out/manifest.json, edustack.out/stacks/hello/main.tf.json
}
