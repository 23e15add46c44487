// Two versions of one stack for the subtree-rename test (moved_subtree_plan.sh):
//   moved_subtree_app OUTDIR old   construct "net": terraform_data vpc and subnets/a
//   moved_subtree_app OUTDIR new   the same construct renamed "network" (renamed_from("net"))
#include <edustack/edustack.hpp>
#include <iostream>
#include <string>

using namespace edustack;

namespace {

// A construct of a user's own: two resources, one of them a level deeper.
class Network : public Construct {
 public:
  Network(Construct& scope, std::string_view id) : Construct(scope, id) {}

 private:
  TerraformData vpc_{*this, "vpc", {.input = "10.0.0.0/16"}};
  Construct subnets_{*this, "subnets"};
  TerraformData subnet_{subnets_, "a", {.input = "10.0.1.0/24"}};
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: moved_subtree_app OUTDIR old|new\n";
    return 2;
  }
  std::string version = argv[2];
  App app;
  Stack stack(app, "moved");
  LocalBackend backend(stack, "state", {.path = "terraform.tfstate"});
  TerraformData stay(stack, "stay", {.input = "stays"});
  Network network(stack, version == "old" ? "net" : "network");
  if (version != "old") network.node().renamed_from("net");
  try {
    app.synth(argv[1]);
  } catch (const Error& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  return 0;
}
