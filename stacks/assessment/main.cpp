// The `edustack` command: the CLI (edustack::cli) with the assessment platform as its app.
#include <edustack/cli.hpp>
#include <edustack/stacks/assessment.hpp>

int main(int argc, char** argv) {
  return edustack::cli::run_main(
      [](edustack::App& app, const edustack::cli::Options& options) {
        app.make<edustack::stacks::AssessmentStack>(
            "assessment", edustack::stacks::AssessmentConfig{.environment = options.environment});
      },
      argc, argv);
}
