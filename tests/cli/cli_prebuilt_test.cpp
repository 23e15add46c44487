// cli::run(App&, argc, argv): an app built beforehand, with one stack (tests/cli/prebuilt_app.cpp).

#include <gmock/gmock.h>

#include "cli_test_support.hpp"

namespace edustack_cli_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class PrebuiltTest : public CliTest {
 protected:
  PrebuiltTest() { program_ = PREBUILT_APP; }
};

TEST_F(PrebuiltTest, SynthAndEnvHasNoEffect) {
  Result r = run({"synth", "--env", "prod"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("solo     1 resource   edustack.out/stacks/solo/main.tf.json"));
  EXPECT_THAT(r.err, HasSubstr("warning: --env has no effect: this program built its app before "
                               "reading the command line"));
}

TEST_F(PrebuiltTest, TheOnlyStackIsTheDefault) {
  Result r = run({"plan"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(terraform_calls(),
              ElementsAre(call("solo", "init -input=false -no-color"),
                          call("solo", "plan -input=false -out=edustack.tfplan -no-color"),
                          call("solo", "show -json edustack.tfplan")));
  EXPECT_THAT(r.out, HasSubstr("Stack solo: no changes.\n"));
}

}  // namespace
}  // namespace edustack_cli_test
