// utility_providers_synth OUTDIR: writes the utility-provider stack (utility_stack.cpp) for the
// real terraform (test terraform.stack.utility_providers).
#include <cstdio>

#include "edustack/core/app.hpp"
#include "edustack/error.hpp"
#include "utility_stack.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: utility_providers_synth OUTDIR\n");
    return 2;
  }
  try {
    edustack::App app;
    edustack::Stack stack(app, "utility");
    utility_test::build_utility_stack(stack);
    app.synth(argv[1]);
  } catch (const edustack::Error& error) {
    std::fprintf(stderr, "error: %s\n", error.what());
    return 1;
  }
  return 0;
}
