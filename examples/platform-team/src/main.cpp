// orders-cli: the whole edustack CLI for the team's stacks.
//   orders-cli synth --env staging    orders-cli validate --provider-schema aws.json
//   orders-cli plan
#include <edustack/cli.hpp>

#include "orders_stack.hpp"

int main(int argc, char** argv) {
  return edustack::cli::run(
      [](edustack::App& app, const edustack::cli::Options& options) {
        edustack::cli::make_stack<orders::OrdersStack>(app, "orders", options.environment);
      },
      argc, argv);
}
