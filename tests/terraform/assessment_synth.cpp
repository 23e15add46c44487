// assessment_synth OUTDIR ENVIRONMENT [CERTIFICATE_ARN]
//
// Synthesizes the assessment stack for an environment the `edustack` command cannot build by
// itself: production refuses to build without the ACM certificate of the API domain
// (AssessmentConfig::certificate_arn), which the CLI has no option for. The terraform tests
// apply its output (prod, with a certificate: the HTTPS listener and the HTTP redirect).
#include <cstdio>
#include <edustack/edustack.hpp>
#include <edustack/stacks/assessment.hpp>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: assessment_synth OUTDIR ENVIRONMENT [CERTIFICATE_ARN]\n");
    return 2;
  }
  try {
    edustack::App app;
    edustack::stacks::AssessmentStack stack(
        app, "assessment",
        {.environment = argv[2], .certificate_arn = argc > 3 ? argv[3] : std::string()});
    auto result = app.synth(argv[1]);
    for (const auto& artifact : result.stacks) {
      std::printf("%s: %zu resources, %s\n", artifact.name.c_str(), artifact.resource_count,
                  artifact.file.c_str());
    }
  } catch (const edustack::Error& error) {
    std::fprintf(stderr, "error: %s\n", error.what());
    return 1;
  }
  return 0;
}
