// cli::run on an app built before the command line is read, with a single stack.
#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>

using namespace edustack;

int main(int argc, char** argv) {
  App app;
  Stack stack(app, "solo");
  Provider aws(stack, "aws", {.name = "aws", .source = "hashicorp/aws", .version = "~> 6.0"});
  GenericResource queue(stack, "queue", "aws_sqs_queue", {{"name", "solo"}});
  Output url(stack, "url", {.value = queue.attribute("url")});
  return cli::run(app, argc, argv);
}
