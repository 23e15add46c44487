// Two versions of one stack for the `removed` test (removed_plan.sh):
//   removed_app OUTDIR present   terraform_data.keep and terraform_data.stay
//   removed_app OUTDIR removed   keep's construct is gone and a removed block forgets it
#include <edustack/edustack.hpp>
#include <iostream>
#include <optional>
#include <string>

using namespace edustack;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: removed_app OUTDIR present|removed\n";
    return 2;
  }
  std::string version = argv[2];
  App app;
  Stack stack(app, "removed");
  LocalBackend backend(stack, "state", {.path = "terraform.tfstate"});
  TerraformData stay(stack, "stay", {.input = "stays managed"});
  std::optional<TerraformData> keep;
  std::optional<Removed> forget;
  if (version == "present") {
    keep.emplace(stack, "keep", TerraformDataConfig{.input = "kept outside terraform"});
  } else {
    forget.emplace(stack, "forget_keep", RemovedConfig{.from = "terraform_data.keep"});
  }
  try {
    app.synth(argv[1]);
  } catch (const Error& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  return 0;
}
