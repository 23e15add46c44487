// diff, plan, apply, destroy and output against a stand-in terraform *script*
// (cli_test_support.hpp), only for what the real terraform cannot be made to do: print a plan it
// would not make with the stand-in provider (a replacement: the provider never asks for one),
// print garbage instead of plan JSON, exit with an arbitrary code, hang until a signal, or be
// absent. Everything else (plan, apply, output, destroy, the destroy guard on a real delete,
// confirmation, colours, moves, imports, --local-backend, validate --terraform) runs against
// the real terraform in cli_real_terraform_test.cpp; the cases that were here are there now.

#include <gmock/gmock.h>

#include "cli_test_support.hpp"

namespace edustack_cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Replaces the database (stateful), creates two resources, updates one, deletes a role, reads a
// data source and leaves the key alone: the documented `terraform show -json` format.
constexpr const char* destructive_plan = R"({
  "format_version": "1.2", "terraform_version": "1.10.0",
  "resource_changes": [
    {"address": "aws_kms_key.key", "mode": "managed", "type": "aws_kms_key", "name": "key",
     "change": {"actions": ["no-op"]}},
    {"address": "aws_s3_bucket.storage_bucket_1", "mode": "managed", "type": "aws_s3_bucket",
     "name": "storage_bucket_1", "change": {"actions": ["create"]}},
    {"address": "aws_cloudwatch_log_group.logs", "mode": "managed",
     "type": "aws_cloudwatch_log_group", "name": "logs", "change": {"actions": ["update"]}},
    {"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db",
     "change": {"actions": ["delete", "create"]}},
    {"address": "aws_db_subnet_group.db-subnets", "mode": "managed",
     "type": "aws_db_subnet_group", "name": "db-subnets", "change": {"actions": ["create"]}},
    {"address": "aws_iam_role.old", "mode": "managed", "type": "aws_iam_role", "name": "old",
     "change": {"actions": ["delete"]}},
    {"address": "data.aws_region.current", "mode": "data", "type": "aws_region",
     "name": "current", "change": {"actions": ["read"]}}],
  "output_changes": {"bucket": {"actions": ["create"], "before": null, "after": "x"}}})";

constexpr const char* safe_plan = R"({
  "format_version": "1.2", "terraform_version": "1.10.0",
  "resource_changes": [
    {"address": "aws_vpc.vpc", "mode": "managed", "type": "aws_vpc", "name": "vpc",
     "change": {"actions": ["create"]}},
    {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a",
     "change": {"actions": ["create"]}},
    {"address": "aws_subnet.b", "mode": "managed", "type": "aws_subnet", "name": "b",
     "change": {"actions": ["create"]}},
    {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r",
     "change": {"actions": ["create", "delete"]}}]})";

// The summary of a replacement, which the stand-in provider never plans.
TEST_F(CliTest, PlanSummaryOfAReplacement) {
  set_plan(destructive_plan);
  Result r = run({"plan", "--stack", "data"});
  ASSERT_EQ(r.code, 0) << r.err;
  // terraform's own output is streamed; the summary follows.
  EXPECT_THAT(r.out,
              HasSubstr("Terraform has been successfully initialized! (stand-in)\n"
                        "Plan: (stand-in terraform plan output)\n"
                        "Stack data: 2 to create, 1 to update, 1 to replace, 1 to delete "
                        "(1 output changed)\n"
                        "    + create   aws_db_subnet_group (1), aws_s3_bucket (1)\n"
                        "    ~ update   aws_cloudwatch_log_group (1)\n"
                        "  -/+ replace  aws_db_instance (1)\n"
                        "    - delete   aws_iam_role (1)\n"
                        "  ! aws_db_instance.db will be REPLACED: it holds data (database)\n"));
  EXPECT_THAT(r.err,
              HasSubstr("running terraform plan -input=false -out=edustack.tfplan -no-color in "));
  EXPECT_THAT(r.err, HasSubstr("warning: 1 stateful resource would lose data: `cli_app apply` "
                               "refuses this plan without --allow-destroy"));
}

TEST_F(CliTest, MissingTerraformIsOneLineSayingHowToFixIt) {
  Result r = run({"plan", "--stack", "data"}, {.keep_real_path = true});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err,
            "error: terraform not found on PATH: install Terraform >= 1.10 (or OpenTofu), or give "
            "its path with --terraform PATH or EDUSTACK_TERRAFORM\n");
  EXPECT_FALSE(fs::exists(work_ / "edustack.out"));  // checked before synthesizing

  Result flag = run({"apply", "--stack", "data", "--terraform", "/nonexistent/tofu"});
  EXPECT_EQ(flag.code, 3);
  EXPECT_EQ(count_lines(flag.err), 1u);
  EXPECT_THAT(flag.err, HasSubstr("terraform binary \"/nonexistent/tofu\" (from --terraform) is "
                                  "not an executable file"));

  Result env = run({"output", "--stack", "data"},
                   {.env = {{"EDUSTACK_TERRAFORM", "/nonexistent/terraform"}}});
  EXPECT_EQ(env.code, 3);
  EXPECT_THAT(env.err, HasSubstr("(from EDUSTACK_TERRAFORM)"));
  EXPECT_EQ(terraform_log(), "");
}

TEST_F(CliTest, TerraformFailingPropagatesItsExitCode) {
  // Exit codes other than 1 (the real terraform's): passed on as they are. A real failing plan
  // and apply: cli_real_terraform_test.cpp.
  Result init = run({"apply", "--stack", "data", "--auto-approve"},
                    {.env = {{"STANDIN_FAIL", "init"}, {"STANDIN_FAIL_CODE", "7"}}});
  EXPECT_EQ(init.code, 7);
  EXPECT_THAT(init.err, HasSubstr("error: terraform init failed with exit code 7"));
  EXPECT_EQ(terraform_calls().size(), 1u);  // nothing after the failure

  set_plan(safe_plan);
  Result apply = run({"apply", "--stack", "network", "--auto-approve"},
                     {.env = {{"STANDIN_FAIL", "apply"}, {"STANDIN_FAIL_CODE", "5"}}});
  EXPECT_EQ(apply.code, 5);
}

TEST_F(CliTest, UnreadablePlanJson) {
  set_plan("this is not json");
  Result r = run({"plan", "--stack", "data"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("error: cannot read the plan of stack data: terraform show -json "
                               "did not print a JSON object"));
}

TEST_F(CliTest, SynthesisErrorsStopBeforeTerraform) {
  Result r = run({"plan", "--stack", "data", "--env", "Bad Env"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("error: [app/network] environment suffix"));
  EXPECT_EQ(terraform_log(), "");
}

// Ctrl-C (or SIGTERM) while terraform runs goes to terraform; edustack waits for it and exits
// with its code.
TEST_F(CliTest, SigintIsForwardedToTerraformAndItsExitCodePropagated) {
  set_plan(safe_plan);
  fs::path ready = work_ / "ready";
  pid_t pid = start({"apply", "--stack", "network", "--auto-approve"},
                    {.env = {{"STANDIN_WAIT", "apply"}, {"STANDIN_READY", ready.string()}}});
  ASSERT_TRUE(wait_for(ready)) << "the stand-in never started apply";
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  Result r = finish(pid);
  EXPECT_EQ(r.code, 42) << r.err;  // the stand-in's exit code on SIGINT
  EXPECT_THAT(terraform_log(), HasSubstr("args=apply -input=false -no-color edustack.tfplan\n"
                                         "got SIGINT\n"));
  EXPECT_THAT(r.err, HasSubstr("error: interrupted: terraform apply exited with code 42"));
}

TEST_F(CliTest, SigtermIsForwardedToo) {
  fs::path ready = work_ / "ready";
  pid_t pid = start({"plan", "--stack", "data"},
                    {.env = {{"STANDIN_WAIT", "plan"}, {"STANDIN_READY", ready.string()}}});
  ASSERT_TRUE(wait_for(ready));
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  Result r = finish(pid);
  EXPECT_EQ(r.code, 43) << r.err;
  EXPECT_THAT(terraform_log(), HasSubstr("got SIGTERM\n"));
  EXPECT_THAT(terraform_log(), Not(HasSubstr("args=show")));  // nothing runs after
}

}  // namespace
}  // namespace edustack_cli_test
