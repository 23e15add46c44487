// The CLI against the real terraform: plan, apply, output, destroy, the destroy guard on a real
// plan, moves and imports executed by terraform, `plan --local-backend` and `validate
// --terraform`. Terraform loads the stand-in AWS provider of ../shared/schema-provider (real
// provider schema, fake values, fully offline); each case skips when terraform or ../shared is
// absent. The program under test is real_tf_app.cpp (the assessment stack with a local backend,
// and a small stack the tests reshape with environment variables); every case runs in its own
// temporary directory (CliTest), so they run in parallel.
//
// cli_terraform_test.cpp keeps the stand-in terraform *script* for what the real terraform cannot
// be made to do: crash, hang, print garbage JSON, or exit with an arbitrary code.

#include <gmock/gmock.h>
#include <stdio.h>

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_test_support.hpp"

namespace edustack_cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

// Where terraform and the stand-in are, found once (schema_provider_env.sh), or why not.
struct RealTerraform {
  std::string terraform;    // absolute path
  std::string config;       // TF_CLI_CONFIG_FILE
  std::string skip_reason;  // non-empty: skip
  std::string failure;      // non-empty: the set-up is broken (fail, do not skip)
};

const RealTerraform& real_terraform() {
  static const RealTerraform found = [] {
    RealTerraform out;
    std::string command =
        std::string("bash '") + SCHEMA_PROVIDER_ENV + "' '" + EDUSTACK_SHARED_DIR + "' 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
      out.failure = "cannot run " + command;
      return out;
    }
    std::string text;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
      text.append(buffer, n);
    int status = ::pclose(pipe);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    if (code == 77) {
      out.skip_reason = text;
      return out;
    }
    if (code != 0) {
      out.failure = "schema_provider_env.sh failed (" + std::to_string(code) + "): " + text;
      return out;
    }
    out.config = text.substr(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1);
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path != nullptr ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
      fs::path candidate = fs::path(dir) / "terraform";
      if (!dir.empty() && ::access(candidate.c_str(), X_OK) == 0) {
        out.terraform = fs::absolute(candidate).string();
        break;
      }
    }
    if (out.terraform.empty()) out.skip_reason = "SKIP: no terraform binary on PATH";
    return out;
  }();
  return found;
}

class RealTerraformTest : public CliTest {
 protected:
  void SetUp() override {
    const RealTerraform& tf = real_terraform();
    if (!tf.failure.empty()) FAIL() << tf.failure;
    if (!tf.skip_reason.empty()) GTEST_SKIP() << tf.skip_reason;
    CliTest::SetUp();
  }

  // The program with the real terraform (PATH without the stand-in script).
  Result cli(const std::vector<std::string>& args,
             std::vector<std::pair<std::string, std::string>> env = {},
             const std::string& stdin_data = "") {
    const RealTerraform& tf = real_terraform();
    env.emplace_back("EDUSTACK_TERRAFORM", tf.terraform);
    env.emplace_back("TF_CLI_CONFIG_FILE", tf.config);
    env.emplace_back("CHECKPOINT_DISABLE", "1");
    return run(args, {.env = env, .stdin_data = stdin_data, .keep_real_path = true});
  }

  fs::path stack_dir(const std::string& stack) const {
    return work_ / "edustack.out" / "stacks" / stack;
  }
  Json document(const std::string& stack) const {
    return Json::parse(read_file(stack_dir(stack) / "main.tf.json"));
  }
  std::size_t resource_count(const std::string& stack) const {
    std::size_t n = 0;
    const Json doc = document(stack);
    for (const auto& [type, resources] : doc.at("resource").items()) n += resources.size();
    return n;
  }
  // The local state terraform wrote (the stacks of real_tf_app have a local backend).
  Json state(const std::string& stack) const {
    fs::path file = stack_dir(stack) / "terraform.tfstate";
    if (!fs::exists(file)) return Json::object();
    return Json::parse(read_file(file));
  }
  // "aws_kms_key.key" -> the state's attributes of its instance.
  std::map<std::string, Json> state_resources(const std::string& stack) const {
    std::map<std::string, Json> out;
    const Json current = state(stack);
    for (const auto& resource : current.value("resources", Json::array())) {
      if (resource.value("mode", "") != "managed") continue;
      for (const auto& instance : resource["instances"]) {
        out[resource["type"].get<std::string>() + "." + resource["name"].get<std::string>()] =
            instance["attributes"];
      }
    }
    return out;
  }
  // The address of the stack's one resource of a type whose name starts with prefix.
  std::string address_of(const std::string& stack, const std::string& type,
                         const std::string& prefix) const {
    const Json doc = document(stack);
    for (const auto& [name, body] : doc.at("resource").at(type).items()) {
      if (name.rfind(prefix, 0) == 0) return type + "." + name;
    }
    return "";
  }
};

TEST_F(RealTerraformTest, AssessmentStackPlanApplyOutputDestroy) {
  Result plan = cli({"plan", "--stack", "assessment"});
  ASSERT_EQ(plan.code, 0) << plan.out << plan.err;
  const std::size_t resources = resource_count("assessment");
  const Json outputs = document("assessment")["output"];
  ASSERT_GT(resources, 100u);
  // terraform's own plan, streamed, then edustack's summary of `terraform show -json`.
  EXPECT_THAT(plan.out, HasSubstr("Plan: " + std::to_string(resources) +
                                  " to add, 0 to change, 0 to destroy."));
  EXPECT_THAT(plan.out, HasSubstr("Stack assessment: " + std::to_string(resources) +
                                  " to create, 0 to update, 0 to replace, 0 to delete (" +
                                  std::to_string(outputs.size()) + " outputs changed)\n"));
  EXPECT_TRUE(fs::exists(stack_dir("assessment") / "edustack.tfplan"));

  Result apply = cli({"apply", "--stack", "assessment", "--auto-approve"});
  ASSERT_EQ(apply.code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("Apply complete! Resources: " + std::to_string(resources) +
                                   " added, 0 changed, 0 destroyed."));
  EXPECT_EQ(state_resources("assessment").size(), resources);

  // A second plan of the same configuration: nothing (a perpetual diff would show here).
  Result again = cli({"apply", "--stack", "assessment", "--auto-approve"});
  ASSERT_EQ(again.code, 0) << again.out << again.err;
  EXPECT_THAT(again.out, HasSubstr("No changes."));
  EXPECT_THAT(again.out, HasSubstr("Stack assessment: no changes.\n"));
  EXPECT_THAT(again.out, HasSubstr("Nothing to apply.\n"));
  EXPECT_THAT(again.err, Not(HasSubstr("running terraform apply")));

  // `output` prints terraform's outputs: the values apply put in the state.
  Result output = cli({"output", "--stack", "assessment"});
  ASSERT_EQ(output.code, 0) << output.err;
  Json printed = Json::parse(output.out);  // init's output is not mixed in
  Json stored = state("assessment")["outputs"];
  ASSERT_EQ(printed.size(), outputs.size()) << output.out;
  for (const auto& [name, body] : outputs.items()) {
    ASSERT_TRUE(printed.contains(name)) << name << " missing from " << output.out;
    EXPECT_EQ(printed[name]["value"], stored[name]["value"]) << name;
    EXPECT_FALSE(printed[name]["value"].is_null()) << name;
  }

  // Destroying the stack deletes its databases and keys: refused without --allow-destroy.
  Result refused = cli({"destroy", "--stack", "assessment", "--auto-approve"});
  EXPECT_EQ(refused.code, 4) << refused.out << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("--allow-destroy"));
  EXPECT_EQ(state_resources("assessment").size(), resources);

  Result destroy = cli({"destroy", "--stack", "assessment", "--auto-approve", "--allow-destroy"});
  ASSERT_EQ(destroy.code, 0) << destroy.out << destroy.err;
  EXPECT_THAT(destroy.out, HasSubstr("Apply complete! Resources: 0 added, 0 changed, " +
                                     std::to_string(resources) + " destroyed."));
  EXPECT_TRUE(state_resources("assessment").empty());
}

TEST_F(RealTerraformTest, DestroyGuardOnARealPlanThatDeletesTheDatabase) {
  Result create = cli({"apply", "--stack", "guarded", "--auto-approve"});
  ASSERT_EQ(create.code, 0) << create.out << create.err;
  ASSERT_TRUE(state_resources("guarded").count("aws_db_instance.db"));
  // init, plan into a plan file, show -json, apply of exactly that file, in the stack directory.
  const std::string in = " in edustack.out/stacks/guarded\n";
  EXPECT_THAT(create.err, HasSubstr("running terraform init -input=false -no-color" + in +
                                    "running terraform plan -input=false "
                                    "-out=edustack.tfplan -no-color" +
                                    in));
  EXPECT_THAT(create.err, HasSubstr("running terraform show -json edustack.tfplan" + in));
  EXPECT_THAT(create.err,
              HasSubstr("running terraform apply -input=false -no-color edustack.tfplan" + in));
  // The other stacks' directories stay as they are (their state, their .terraform/).
  write_file(stack_dir("assessment") / "terraform.tfstate", "{}\n");

  const std::vector<std::pair<std::string, std::string>> dropped = {{"REALTF_DROP_DB", "1"}};
  Result diff = cli({"diff", "--stack", "guarded"}, dropped);
  ASSERT_EQ(diff.code, 0) << diff.err;
  EXPECT_EQ(diff.out,
            "Stack guarded: 0 to create, 0 to update, 0 to replace, 1 to delete\n"
            "    - delete   aws_db_instance (1)\n"
            "  ! aws_db_instance.db will be DELETED: it holds data (database)\n");

  Result colour = cli({"plan", "--stack", "guarded", "--color", "always"}, dropped);
  ASSERT_EQ(colour.code, 0) << colour.err;
  EXPECT_THAT(colour.out, HasSubstr("\033[1;31m  ! aws_db_instance.db will be DELETED"));
  // With colour on, terraform keeps its own colours.
  EXPECT_THAT(colour.err,
              HasSubstr("running terraform plan -input=false -out=edustack.tfplan in "));
  EXPECT_THAT(colour.out, HasSubstr("\033[1m"));

  Result refused = cli({"apply", "--stack", "guarded", "--auto-approve"}, dropped);
  EXPECT_EQ(refused.code, 4) << refused.out << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("refusing to apply"));
  EXPECT_THAT(refused.err, HasSubstr("--allow-destroy"));
  EXPECT_THAT(refused.out, Not(HasSubstr("Destroying...")));
  EXPECT_TRUE(state_resources("guarded").count("aws_db_instance.db"));

  // Confirmation: anything but "yes" (or a closed stdin, as in CI) applies nothing.
  Result no = cli({"apply", "--stack", "guarded", "--allow-destroy"}, dropped, "y\n");
  EXPECT_EQ(no.code, 4);
  EXPECT_THAT(no.err, HasSubstr("Apply this plan to stack guarded? Only 'yes' is accepted: "));
  EXPECT_THAT(no.err, HasSubstr("error: apply cancelled: not confirmed"));
  Result closed = cli({"apply", "--stack", "guarded", "--allow-destroy"}, dropped);  // CI's stdin
  EXPECT_EQ(closed.code, 4);
  EXPECT_THAT(closed.err, Not(HasSubstr("running terraform apply")));
  EXPECT_TRUE(state_resources("guarded").count("aws_db_instance.db"));

  Result yes = cli({"apply", "--stack", "guarded", "--allow-destroy"}, dropped, "yes\n");
  ASSERT_EQ(yes.code, 0) << yes.out << yes.err;
  EXPECT_THAT(yes.out, HasSubstr("aws_db_instance.db: Destruction complete"));
  EXPECT_THAT(yes.out, HasSubstr("Apply complete! Resources: 0 added, 0 changed, 1 destroyed."));
  auto after = state_resources("guarded");
  EXPECT_FALSE(after.count("aws_db_instance.db"));
  EXPECT_TRUE(after.count("aws_kms_key.key"));
  EXPECT_EQ(read_file(stack_dir("assessment") / "terraform.tfstate"), "{}\n");
}

TEST_F(RealTerraformTest, RenamedConstructWithMovedFromPathIsMovedNotDestroyed) {
  ASSERT_EQ(cli({"apply", "--stack", "guarded", "--auto-approve"}).code, 0);
  const std::string old_address = address_of("guarded", "aws_s3_bucket", "storage_bucket_");
  ASSERT_FALSE(old_address.empty());
  const Json before = state_resources("guarded").at(old_address);

  const std::vector<std::pair<std::string, std::string>> renamed = {{"REALTF_RENAME", "1"}};
  Result plan = cli({"plan", "--stack", "guarded"}, renamed);
  ASSERT_EQ(plan.code, 0) << plan.out << plan.err;
  const std::string new_address = address_of("guarded", "aws_s3_bucket", "files_bucket_");
  ASSERT_FALSE(new_address.empty());
  EXPECT_THAT(plan.out, HasSubstr("# " + old_address + " has moved to " + new_address));
  EXPECT_THAT(plan.out, HasSubstr("Plan: 0 to add, 0 to change, 0 to destroy."));
  EXPECT_THAT(plan.out, HasSubstr("    > move     " + old_address + " -> " + new_address + "\n"));

  // A plan of moves alone still changes the state: apply applies it (it used to stop at
  // "Nothing to apply.", leaving the move pending forever).
  Result apply = cli({"apply", "--stack", "guarded", "--auto-approve"}, renamed);
  ASSERT_EQ(apply.code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, Not(HasSubstr("Nothing to apply.")));
  EXPECT_THAT(apply.out, HasSubstr("Apply complete! Resources: 0 added, 0 changed, 0 destroyed."));
  auto after = state_resources("guarded");
  EXPECT_FALSE(after.count(old_address));
  ASSERT_TRUE(after.count(new_address));
  EXPECT_EQ(after.at(new_address)["id"], before["id"]);  // the same bucket, not a new one

  Result again = cli({"plan", "--stack", "guarded"}, renamed);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("Stack guarded: no changes.\n"));
  EXPECT_THAT(again.out, Not(HasSubstr("> move")));
}

TEST_F(RealTerraformTest, ImportFromImportsForReal) {
  ASSERT_EQ(cli({"apply", "--stack", "guarded", "--auto-approve"}).code, 0);
  const std::vector<std::pair<std::string, std::string>> with_import = {
      {"REALTF_IMPORT", "legacy-archive"}};
  Result plan = cli({"plan", "--stack", "guarded"}, with_import);
  ASSERT_EQ(plan.code, 0) << plan.out << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("Plan: 1 to import, 0 to add, 1 to change, 0 to destroy."));
  EXPECT_THAT(plan.out, HasSubstr("    < import   aws_s3_bucket.archive (id legacy-archive)\n"));

  Result apply = cli({"apply", "--stack", "guarded", "--auto-approve"}, with_import);
  ASSERT_EQ(apply.code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("aws_s3_bucket.archive: Import complete [id=legacy-archive]"));
  EXPECT_THAT(apply.out, HasSubstr("Resources: 1 imported, 0 added, 1 changed, 0 destroyed."));
  auto after = state_resources("guarded");
  ASSERT_TRUE(after.count("aws_s3_bucket.archive"));
  EXPECT_EQ(after.at("aws_s3_bucket.archive")["id"], "legacy-archive");
  EXPECT_EQ(after.at("aws_s3_bucket.archive")["bucket"], "legacy-archive");

  Result again = cli({"plan", "--stack", "guarded"}, with_import);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("Stack guarded: no changes.\n"));
  EXPECT_THAT(again.out, Not(HasSubstr("< import")));
}

TEST_F(RealTerraformTest, FailedApplyPropagatesTerraformsExitCode) {
  // The stand-in provider fails every apply of a KMS key (SCHEMA_PROVIDER_FAIL_APPLY).
  Result r = cli({"apply", "--stack", "guarded", "--auto-approve"},
                 {{"SCHEMA_PROVIDER_FAIL_APPLY", "^aws_kms_key$"}});
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_THAT(r.err, HasSubstr("Injected apply failure"));  // terraform's own error, streamed
  EXPECT_THAT(r.err, HasSubstr("error: terraform apply failed with exit code 1\n"));
}

TEST_F(RealTerraformTest, DiffShowsTerraformsOutputOnlyWhenItFails) {
  Result r = cli({"diff", "--stack", "guarded"}, {{"REALTF_MISSPELL", "1"}});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("Error: Extraneous JSON object property"));  // terraform's
  EXPECT_THAT(r.err, HasSubstr("error: terraform plan failed with exit code 1\n"));
}

TEST_F(RealTerraformTest, TerraformFromFlagUnderAnotherName) {
  fs::path tofu = work_ / "tools" / "tofu";
  fs::create_directories(tofu.parent_path());
  fs::create_symlink(real_terraform().terraform, tofu);
  Result r = cli({"diff", "--stack", "guarded", "--terraform", tofu.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("running tofu init -input=false -no-color in "));
  EXPECT_THAT(r.out, HasSubstr("Stack guarded: 3 to create"));
}

TEST_F(RealTerraformTest, SeveralStacksNeedStack) {
  Result r = cli({"plan"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("error: the app has several stacks: choose one with --stack "
                               "(assessment, guarded)"));
  EXPECT_FALSE(fs::exists(work_ / "edustack.out"));
}

// What a directory holds: relative path -> content (directories as "<dir>").
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    std::string relative = fs::relative(it->path(), root).string();
    out[relative] = it->is_directory() ? "<dir>" : read_file(it->path());
  }
  return out;
}

TEST_F(RealTerraformTest, PlanWithLocalBackendUsesAScratchCopyAndTouchesNothing) {
  ASSERT_EQ(cli({"apply", "--stack", "guarded", "--auto-approve"}).code, 0);
  const auto before = snapshot(work_ / "edustack.out");
  ASSERT_TRUE(before.count("stacks/guarded/terraform.tfstate"));

  // The database dropped: the real state would plan a delete; the scratch copy's empty state
  // plans the configuration from scratch.
  Result r = cli({"plan", "--stack", "guarded", "--local-backend"}, {{"REALTF_DROP_DB", "1"}});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Stack guarded: 2 to create, 0 to update, 0 to replace, 0 to "
                               "delete (2 outputs changed)\n"));
  EXPECT_THAT(r.err, HasSubstr("Planned against an empty local state in a scratch copy"));
  EXPECT_EQ(snapshot(work_ / "edustack.out"), before);  // not one byte changed, nothing added

  // The scratch copy is gone.
  auto at = r.err.find("into the scratch copy ");
  ASSERT_NE(at, std::string::npos) << r.err;
  std::string scratch = r.err.substr(at + 22, r.err.find(',', at) - at - 22);
  EXPECT_THAT(r.err, HasSubstr("running terraform plan -input=false -out=edustack.tfplan "
                               "-no-color in " +
                               scratch + "\n"));
  EXPECT_FALSE(fs::exists(scratch)) << scratch;
}

TEST_F(RealTerraformTest, PlanWithLocalBackendNeedsNoStateBucket) {
  // examples/cli_app.cpp: S3 backends (bucket demo-tfstate), unreachable here.
  program_ = CLI_EXAMPLE_APP;
  Result r = cli({"diff", "--stack", "data", "--local-backend"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out,
            "Stack data: 6 to create, 0 to update, 0 to replace, 0 to delete (1 output changed)\n"
            "    + create   aws_cloudwatch_log_group (1), aws_db_instance (1), "
            "aws_db_subnet_group (1), aws_kms_key (1), aws_s3_bucket (1), "
            "aws_s3_bucket_server_side_encryption_configuration (1)\n");
  EXPECT_FALSE(fs::exists(work_ / "edustack.out"));  // synthesized in memory, into the copy
}

TEST_F(RealTerraformTest, ValidateTerraformNamesTheConstructOfEachDiagnostic) {
  Result r = cli({"validate", "--terraform", "--stack", "guarded"}, {{"REALTF_MISSPELL", "1"}});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  const std::string address = address_of("guarded", "aws_s3_bucket", "storage_bucket_");
  EXPECT_THAT(r.out, HasSubstr("[app/guarded/storage/bucket] error: Extraneous JSON object "
                               "property: No argument or block type is named \"bucket_prefixx\"."));
  EXPECT_THAT(r.out, HasSubstr("(main.tf.json:"));
  EXPECT_THAT(r.out, HasSubstr(", resource." + address + ")\n"));
  EXPECT_THAT(r.err, HasSubstr("running terraform init -backend=false -input=false -no-color"));
  EXPECT_THAT(r.err, HasSubstr("error: terraform validate: 1 error, 0 warnings in 1 stack\n"));
  EXPECT_FALSE(fs::exists(stack_dir("guarded") / "terraform.tfstate"));  // no backend, no state
}

TEST_F(RealTerraformTest, ValidateTerraformAfterTheOfflineSchemaCheck) {
  const std::string schema = std::string(EDUSTACK_SHARED_DIR) + "/schemas/aws-provider-6.47.0.json";
  // The assessment stack's first password comes from hashicorp/random: both schemas, as one.
  const std::string random =
      std::string(EDUSTACK_SHARED_DIR) + "/schemas/random-provider-3.9.0.json";
  Result aws_only = cli({"validate", "--provider-schema", schema, "--stack", "assessment"});
  EXPECT_EQ(aws_only.code, 1) << "the random provider cannot be checked with the AWS schema";
  EXPECT_THAT(aws_only.out, HasSubstr("[provider.random]"));
  Result r =
      cli({"validate", "--terraform", "--provider-schema", schema, "--provider-schema", random});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 stacks valid against " + schema + " + " + random + "\n"));
  EXPECT_THAT(r.out, HasSubstr("2 stacks valid for terraform validate\n"));
  EXPECT_THAT(r.err, HasSubstr("running terraform validate -json -no-color in "
                               "edustack.out/stacks/assessment\n"));

  // A finding of the offline check stops before terraform.
  Result bad = cli({"validate", "--terraform", "--provider-schema", schema, "--stack", "guarded"},
                   {{"REALTF_MISSPELL", "1"}});
  EXPECT_EQ(bad.code, 1);
  EXPECT_THAT(bad.out, HasSubstr("[app/guarded/storage/bucket]"));
  EXPECT_THAT(bad.err, Not(HasSubstr("running terraform")));
}

}  // namespace
}  // namespace edustack_cli_test
