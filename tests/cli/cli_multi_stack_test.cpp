// Several stacks at once (--all, --parallelism) against the stand-in terraform script
// (cli_test_support.hpp): what needs timing or failures the real terraform cannot be made to
// produce on demand. The real terraform runs the example's stacks in tests/terraform.

#include <gmock/gmock.h>

#include <chrono>

#include "cli_test_support.hpp"

namespace edustack_cli_test {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* create_plan = R"({"format_version": "1.2", "resource_changes": [
    {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
     "change": {"actions": ["create"]}}]})";

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class MultiStackTest : public CliTest {
 protected:
  RunOptions overlapping(const std::string& seconds, const std::string& init_seconds) {
    fs::create_directories(work_ / "overlap");
    return {.env = {{"STANDIN_OVERLAP_DIR", (work_ / "overlap").string()},
                    {"STANDIN_SLEEP", seconds},
                    {"STANDIN_INIT_SLEEP", init_seconds}}};
  }
};

// network and data are independent (one wave): with --parallelism 2 their plans run at the same
// time, their inits never do, and every line of theirs carries the stack's name.
TEST_F(MultiStackTest, ParallelismRunsAWaveAtOnceButNeverTwoInits) {
  Result r = run({"plan", "--all", "--parallelism", "2"}, overlapping("1.0", "0.3"));
  ASSERT_EQ(r.code, 0) << r.err;
  std::string log = terraform_log();
  EXPECT_THAT(log, HasSubstr("overlap plan")) << "the two plans did not run concurrently";
  EXPECT_THAT(log, Not(HasSubstr("overlap init"))) << "two terraform init ran at once";
  EXPECT_EQ(occurrences(log, "args=init"), 2u);
  EXPECT_EQ(occurrences(log, "args=plan"), 2u);
  EXPECT_THAT(r.err, HasSubstr("[network] running terraform init -input=false -no-color in "));
  EXPECT_THAT(r.err, HasSubstr("[data] running terraform plan "));
  EXPECT_THAT(r.out, HasSubstr("[data] Terraform has been successfully initialized! (stand-in)"));
  EXPECT_THAT(r.out, HasSubstr("[network] Stack network: no changes.\n"));
  EXPECT_THAT(r.err, HasSubstr("(waves: data network; up to 2 at a time)"));
  // The table is the CLI's own: not prefixed.
  EXPECT_THAT(r.out, ContainsRegex("\nnetwork +ok "));
  EXPECT_THAT(r.out, ContainsRegex("\ndata +ok "));
}

TEST_F(MultiStackTest, ParallelismOneRunsOneStackAtATime) {
  Result r = run({"plan", "--all", "--parallelism", "1"}, overlapping("0.3", "0.3"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(terraform_log(), Not(HasSubstr("overlap")));
  EXPECT_EQ(occurrences(terraform_log(), "args=plan"), 2u);
  EXPECT_THAT(r.err, HasSubstr("up to 1 at a time"));
}

TEST_F(MultiStackTest, ParallelismMustBePositive) {
  for (const char* bad : {"0", "-1", "x"}) {
    Result r = run({"plan", "--all", "--parallelism", bad});
    EXPECT_EQ(r.code, 2) << bad << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr("--parallelism")) << bad;
  }
  EXPECT_EQ(terraform_log(), "");
}

// A failure in one stack of a wave does not stop the other: it finishes, the table says which.
TEST_F(MultiStackTest, AFailedStackLetsTheOtherStacksOfItsWaveFinish) {
  set_plan(create_plan);
  Result r = run({"apply", "--all", "--auto-approve", "--parallelism", "2"},
                 {.env = {{"STANDIN_FAIL", "apply"}, {"STANDIN_FAIL_STACK", "data"}}});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.out, ContainsRegex("\ndata +failed "));
  EXPECT_THAT(r.out, ContainsRegex("\nnetwork +ok "));
  EXPECT_THAT(r.err, HasSubstr("[data] Error: stand-in apply failed"));
  EXPECT_THAT(r.err, HasSubstr("[data] error: terraform apply failed with exit code 1"));
  EXPECT_EQ(occurrences(terraform_log(), "args=apply"), 2u);
}

// terraform's own error for a remote state that is not there (an upstream with an S3 or HCP
// backend, which edustack cannot look into) becomes a message naming the upstream and the
// command to run.
TEST_F(MultiStackTest, UnableToFindRemoteStateNamesTheUpstreamStack) {
  Result r = run({"plan", "--all"},
                 {.env = {{"STANDIN_FAIL", "plan"},
                          {"STANDIN_FAIL_STACK", "data"},
                          {"STANDIN_FAIL_OUTPUT",
                           "Error: Unable to find remote state\n\n  with "
                           "data.terraform_remote_state.network,\n  on main.tf.json line 9"}}});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("error: stack data reads the outputs of stack network, whose state "
                               "terraform did not find (not applied yet?): run `cli_app apply "
                               "--stack network` first (or `cli_app apply --all`)"));
  EXPECT_THAT(r.out, ContainsRegex("\nnetwork +ok "));
}

// Without --auto-approve the CLI asks, one stack after the other, before any worker applies.
TEST_F(MultiStackTest, ConfirmationIsAskedPerStackByTheCli) {
  set_plan(create_plan);
  Result r = run({"apply", "--all"}, {.stdin_data = "yes\nno\n"});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_THAT(r.err, HasSubstr("Apply this plan to stack data? Only 'yes' is accepted:"));
  EXPECT_THAT(r.err, HasSubstr("Apply this plan to stack network? Only 'yes' is accepted:"));
  EXPECT_THAT(r.err, HasSubstr("error: apply of stack network cancelled: not confirmed"));
  EXPECT_THAT(r.out, ContainsRegex("\ndata +ok "));
  EXPECT_THAT(r.out, ContainsRegex("\nnetwork +cancelled "));
  std::string log = terraform_log();
  EXPECT_THAT(log, HasSubstr(call("data", "apply -input=false -no-color edustack.tfplan")));
  EXPECT_THAT(log, Not(HasSubstr(call("network", "apply"))));
}

// Ctrl-C reaches the CLI, which forwards it to every running worker (and so to each terraform);
// terraform's exit code comes back.
TEST_F(MultiStackTest, SigintReachesTheTerraformOfEveryRunningStack) {
  fs::path ready = work_ / "ready";
  pid_t pid = start({"plan", "--all", "--parallelism", "2"},
                    {.env = {{"STANDIN_WAIT", "plan"}, {"STANDIN_READY", ready.string()}}});
  bool both = false;
  for (int i = 0; i < 3000 && !both; ++i) {
    both = occurrences(terraform_log(), "args=plan") == 2 && fs::exists(ready);
    if (!both) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(both) << terraform_log();
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // both set their traps
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  Result r = finish(pid);
  EXPECT_EQ(r.code, 42) << r.err;  // the stand-in's exit code on SIGINT
  EXPECT_EQ(occurrences(terraform_log(), "got SIGINT"), 2u) << terraform_log();
  EXPECT_THAT(r.out, ContainsRegex("\ndata +failed "));
  EXPECT_THAT(r.out, ContainsRegex("\nnetwork +failed "));
  EXPECT_THAT(r.err, HasSubstr("interrupted by SIGINT"));
}

}  // namespace
}  // namespace edustack_cli_test
