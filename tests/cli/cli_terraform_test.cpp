// diff, plan, apply, destroy and output against a stand-in terraform *script*
// (cli_test_support.hpp), only for what the real terraform cannot be made to do: print a plan it
// would not make with the stand-in provider (a replacement: the provider never asks for one),
// print garbage instead of plan JSON, exit with an arbitrary code, hang until a signal, or be
// absent. Everything else (plan, apply, output, destroy, the destroy guard on a real delete,
// confirmation, colours, moves, imports, --local-backend, validate --terraform) runs against
// the real terraform in cli_real_terraform_test.cpp; the cases that were here are there now.

#include <gmock/gmock.h>

#include <chrono>

#include "cli_test_support.hpp"
#include "process.hpp"

namespace edustack_cli_test {
namespace {

using ::testing::ContainsRegex;
using ::testing::ElementsAre;
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

// The destroy guard is deny-by-default: a parameter (one of the data-holding types the old
// allow-list of 24 missed) and a type the table does not know are both refused.
TEST_F(CliTest, ApplyRefusesDeletingAnSsmParameterWithoutAllowDestroy) {
  set_plan(R"({"format_version": "1.2", "resource_changes": [
    {"address": "aws_ssm_parameter.db_url", "mode": "managed", "type": "aws_ssm_parameter",
     "name": "db_url", "change": {"actions": ["delete"]}},
    {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r",
     "change": {"actions": ["delete"]}}]})");
  Result r = run({"apply", "--stack", "data", "--auto-approve"});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_THAT(r.out, HasSubstr("  ! aws_ssm_parameter.db_url will be DELETED: it holds data "
                               "(parameter)\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("! aws_iam_role.r")));  // stateless: not marked
  EXPECT_THAT(r.err, HasSubstr("error: refusing to apply: the plan deletes or replaces 1 stateful "
                               "resource (marked ! above); rerun with --allow-destroy"));
  EXPECT_THAT(terraform_log(), Not(HasSubstr("args=apply")));

  Result allowed = run({"apply", "--stack", "data", "--auto-approve", "--allow-destroy"});
  EXPECT_EQ(allowed.code, 0) << allowed.err;
  EXPECT_THAT(terraform_log(), HasSubstr("args=apply -input=false -no-color edustack.tfplan"));
}

TEST_F(CliTest, DestroyGuardsTypesItDoesNotKnow) {
  set_plan(R"({"format_version": "1.2", "resource_changes": [
    {"address": "google_sql_database_instance.main", "mode": "managed",
     "type": "google_sql_database_instance", "name": "main", "change": {"actions": ["delete"]}},
    {"address": "aws_sns_topic.alerts", "mode": "managed", "type": "aws_sns_topic",
     "name": "alerts", "change": {"actions": ["delete", "create"]}}]})");
  Result r = run({"destroy", "--stack", "data", "--auto-approve"});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_THAT(r.out, HasSubstr("  ! google_sql_database_instance.main will be DELETED: it is not "
                               "known to be stateless\n"));
  EXPECT_THAT(r.out, HasSubstr("  ! aws_sns_topic.alerts will be REPLACED: it is not known to be "
                               "stateless\n"));
  EXPECT_THAT(r.err, HasSubstr("refusing to destroy: the plan deletes or replaces 2 stateful "
                               "resources"));
  EXPECT_THAT(terraform_log(), Not(HasSubstr("args=apply")));
}

// --- terraform processes ---------------------------------------------------------------------
// These use the stand-in terraform script (cli_test_support.hpp) for what the real terraform
// cannot be made to do on demand: hang, ignore SIGINT and SIGTERM, die of SIGSEGV, print garbage
// for `show -json`. Timeouts and grace periods are about a second, so each test stays short.

// Processes of a process group that still run (zombies left out), from /proc.
pid_t read_pid(const fs::path& file) { return static_cast<pid_t>(std::stol(read_file(file))); }

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST_F(CliTest, TimeoutStopsAHungTerraformAndItsWholeProcessGroup) {
  fs::path ready = work_ / "ready";
  auto start_time = Clock::now();
  pid_t pid = start({"plan", "--stack", "data", "--timeout", "1s", "--kill-after", "1s"},
                    {.env = {{"STANDIN_HANG", "plan"}, {"STANDIN_READY", ready.string()}}});
  if (!wait_for(ready)) {
    ::kill(pid, SIGKILL);
    finish(pid);
    FAIL() << "the stand-in never started plan";
  }
  pid_t group = read_pid(ready);
  for (int i = 0; i < 200 && edustack::cli::detail::live_group_members(group) < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(edustack::cli::detail::live_group_members(group),
            2);  // the stand-in and its background sleep
  Result r = finish(pid);
  double elapsed = seconds_since(start_time);
  EXPECT_EQ(r.code, 124) << r.err;
  EXPECT_THAT(r.err, ContainsRegex("error: terraform plan timed out after 1s \\(--timeout\\): "
                                   "sent SIGINT to its process group at [0-9.]+s"));
  // The stand-in's shell stops at SIGINT; its `sleep 60` (which ignores SIGINT, as background
  // jobs of a shell do) would outlive it and is killed with the rest of the group.
  EXPECT_THAT(r.err, HasSubstr("SIGKILL to what was left of its process group"));
  EXPECT_EQ(edustack::cli::detail::live_group_members(group), 0)
      << "a process of terraform's group survived";
  EXPECT_GE(elapsed, 1.0);
  EXPECT_LT(elapsed, 20.0);
  // What it left: the lock is reported with its remedy, the partial plan removed.
  EXPECT_THAT(r.err, HasSubstr("terraform left its state lock "));
  EXPECT_THAT(r.err, HasSubstr(".terraform.tfstate.lock.info (lock ID standin-lock-id, "
                               "OperationTypePlan by standin@test)"));
  EXPECT_THAT(r.err, HasSubstr("`terraform force-unlock standin-lock-id`"));
  EXPECT_THAT(r.err, HasSubstr("edustack.tfplan: terraform plan did not finish writing it"));
  EXPECT_FALSE(fs::exists(work_ / "edustack.out/stacks/data/edustack.tfplan"));
  EXPECT_THAT(terraform_log(), Not(HasSubstr("args=show")));  // nothing runs after
}

TEST_F(CliTest, TimeoutEscalatesToSigkillWhenTerraformIgnoresSigintAndSigterm) {
  set_plan(safe_plan);
  fs::path ready = work_ / "ready";
  auto start_time = Clock::now();
  pid_t pid = start(
      {"apply", "--stack", "network", "--auto-approve", "--timeout", "1s", "--kill-after", "500ms"},
      {.env = {{"STANDIN_HANG", "apply"},
               {"STANDIN_HANG_MODE", "stubborn"},
               {"STANDIN_READY", ready.string()}}});
  if (!wait_for(ready)) {
    ::kill(pid, SIGKILL);
    finish(pid);
    FAIL() << "the stand-in never started apply";
  }
  pid_t group = read_pid(ready);
  Result r = finish(pid);
  double elapsed = seconds_since(start_time);
  EXPECT_EQ(r.code, 124) << r.err;
  // SIGINT at 1 s, SIGTERM 0.5 s later, SIGKILL 0.5 s after that (later under load). A member
  // of the group that is still dying when the leader is reaped gets a last SIGKILL (reported).
  EXPECT_THAT(r.err, ContainsRegex("error: terraform apply timed out after 1s \\(--timeout\\): "
                                   "sent SIGINT to its process group at [0-9.]+s, then SIGTERM to "
                                   "its process group at [0-9.]+s, then SIGKILL to its process "
                                   "group at [0-9.]+s(, then SIGKILL to what was left of its "
                                   "process group)?; terraform apply was killed by SIGKILL"));
  EXPECT_THAT(terraform_log(), HasSubstr("got SIGINT\n"));  // it saw them, and went on
  EXPECT_THAT(terraform_log(), HasSubstr("got SIGTERM\n"));
  EXPECT_EQ(edustack::cli::detail::live_group_members(group), 0)
      << "a process of terraform's group survived";
  EXPECT_GE(elapsed, 2.0);  // each step waited for --kill-after
  EXPECT_LT(elapsed, 20.0);
}

// Ctrl-C once: terraform gets SIGINT and may take its time. Twice: SIGTERM now, SIGKILL after
// --kill-after, so a terraform that ignores both is not left to `kill -9`.
TEST_F(CliTest, SecondInterruptEscalatesToSigtermThenSigkill) {
  set_plan(safe_plan);
  fs::path ready = work_ / "ready";
  pid_t pid = start({"apply", "--stack", "network", "--auto-approve", "--kill-after", "1s"},
                    {.env = {{"STANDIN_HANG", "apply"},
                             {"STANDIN_HANG_MODE", "stubborn"},
                             {"STANDIN_READY", ready.string()}}});
  if (!wait_for(ready)) {
    ::kill(pid, SIGKILL);
    finish(pid);
    FAIL() << "the stand-in never started apply";
  }
  pid_t group = read_pid(ready);
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  auto wait_for_log = [&](const std::string& text) {
    for (int i = 0; i < 1000 && terraform_log().find(text) == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return terraform_log().find(text) != std::string::npos;
  };
  ASSERT_TRUE(wait_for_log("got SIGINT\n")) << "the first SIGINT was not forwarded";
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(edustack::cli::detail::live_group_members(group) > 0, true)
      << "one SIGINT must not kill it";
  auto second = Clock::now();
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  Result r = finish(pid);
  double elapsed = seconds_since(second);
  EXPECT_EQ(r.code, 128 + SIGKILL) << r.err;
  EXPECT_THAT(r.err, HasSubstr("error: interrupted: terraform apply was killed by SIGKILL (sent "
                               "SIGINT to its process group at "));
  EXPECT_THAT(r.err, HasSubstr(", then SIGTERM to its process group at "));
  EXPECT_THAT(r.err, HasSubstr(", then SIGKILL to its process group at "));
  EXPECT_THAT(terraform_log(), HasSubstr("got SIGTERM\n"));
  EXPECT_EQ(edustack::cli::detail::live_group_members(group), 0)
      << "a process of terraform's group survived";
  EXPECT_GE(elapsed, 0.9);   // SIGKILL waited for --kill-after
  EXPECT_LT(elapsed, 15.0);  // and came
  // SIGKILL gives terraform no chance to release a lock: what it left is reported.
  EXPECT_THAT(r.err, HasSubstr("`terraform force-unlock standin-lock-id`"));
}

TEST_F(CliTest, ExitMessageNamesTheSignalThatKilledTerraform) {
  Result r = run({"plan", "--stack", "data"}, {.env = {{"STANDIN_CRASH", "plan"}}});
  EXPECT_EQ(r.code, 128 + SIGSEGV) << r.err;
  EXPECT_THAT(r.err, HasSubstr("error: terraform plan was killed by SIGSEGV (exit code 139)"));
  EXPECT_THAT(terraform_log(), Not(HasSubstr("args=show")));
}

TEST_F(CliTest, GarbageFromShowJsonIsAClearErrorAndNothingIsApplied) {
  for (const char* garbage : {"{\"format_version\": \"1.2\", \"resource_changes\": [{\"address\": ",
                              "\x01\xff\xfe", "", "null"}) {
    set_plan(garbage);
    fs::remove(log_);
    Result r = run({"apply", "--stack", "data", "--auto-approve", "--allow-destroy"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_THAT(r.err, HasSubstr("error: cannot read the plan of stack data: terraform show -json "
                                 "did not print a JSON object"));
    EXPECT_THAT(terraform_log(), Not(HasSubstr("args=apply")));
  }
  set_plan(R"({"format_version": "1.2", "resource_changes": [
    {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "change": {"actions": [7]}}]})");
  Result r = run({"apply", "--stack", "data", "--auto-approve", "--allow-destroy"});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err,
              HasSubstr("error: cannot read the plan of stack data: unexpected plan JSON: "));
  EXPECT_THAT(terraform_log(), Not(HasSubstr("args=apply")));
}

TEST_F(CliTest, BadDurationsAreUsageErrors) {
  for (const char* bad : {"5x", "abc", "0", "0s", "1.2.3s", "s", "10m5", "1d"}) {
    Result r = run({"plan", "--stack", "data", "--timeout", bad});
    EXPECT_EQ(r.code, 2) << bad << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(std::string("--timeout: invalid duration \"") + bad +
                                 "\": use a number with ms, s, m or h"))
        << bad;
  }
  Result kill_after = run({"destroy", "--stack", "data", "--kill-after", "soon"});
  EXPECT_EQ(kill_after.code, 2);
  EXPECT_THAT(kill_after.err, HasSubstr("--kill-after: invalid duration \"soon\""));
  Result missing = run({"apply", "--stack", "data", "--timeout"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_THAT(missing.err, HasSubstr("--timeout"));
  Result output = run({"output", "--stack", "data", "--timeout", "90s"});  // every command has it
  EXPECT_EQ(output.code, 0) << output.err;
  EXPECT_EQ(terraform_calls().size(), 2u);  // only the last run called terraform
}

TEST_F(CliTest, SeveralStacksUnknownNameAndEmptyGlobAreUsageErrors) {
  Result unknown = run({"plan", "--stack", "nope", "--stack", "data"});
  EXPECT_EQ(unknown.code, 2) << unknown.err;
  EXPECT_THAT(unknown.err, HasSubstr("no stack named \"nope\" (stacks: network, data)"));
  Result glob = run({"plan", "--stack", "zz*"});
  EXPECT_EQ(glob.code, 2) << glob.err;
  EXPECT_THAT(glob.err, HasSubstr("no stack matches the pattern \"zz*\""));
  EXPECT_TRUE(terraform_calls().empty());
}

TEST_F(CliTest, PlanAllRunsEveryStackAndEndsWithATable) {
  Result r = run({"plan", "--all"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("STACK"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("\ndata +ok "));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("\nnetwork +ok "));
  Result glob = run({"plan", "--stack", "net*"});
  EXPECT_EQ(glob.code, 0) << glob.err;
  EXPECT_THAT(glob.out, ::testing::ContainsRegex("\nnetwork +ok "));
  EXPECT_THAT(glob.out, ::testing::Not(::testing::ContainsRegex("\ndata +ok ")));
}

}  // namespace
}  // namespace edustack_cli_test
