#include <edustack/cli.hpp>
#include <edustack/core/resource.hpp>
#include <edustack/core/stack.hpp>

int main(int argc, char** argv) {
  return edustack::cli::run(
      [](edustack::App& app, const edustack::cli::Options&) {
        auto& stack = app.make<edustack::Stack>("team");
        stack.make<edustack::GenericResource>("queue", "aws_sqs_queue");
      },
      argc, argv);
}
