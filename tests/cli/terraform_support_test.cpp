// The pieces of src/cli/terraform_support.hpp without terraform: the scratch copy of
// `plan --local-backend`, reading `terraform validate -json`, moves and imports of a plan.
// cli_real_terraform_test.cpp runs them against the real terraform.

#include "terraform_support.hpp"

#include <gmock/gmock.h>

#include <edustack/edustack.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace edustack::cli::detail {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::Pair;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(ScratchDirectory, IsCreatedAndRemovedWithItsContent) {
  fs::path kept;
  {
    ScratchDirectory scratch("edustack-test-");
    kept = scratch.path();
    ASSERT_TRUE(fs::is_directory(kept));
    EXPECT_EQ(kept.filename().string().rfind("edustack-test-", 0), 0u);
    fs::create_directories(kept / "a" / "b");
    std::ofstream(kept / "a" / "b" / "file") << "x";
  }
  EXPECT_FALSE(fs::exists(kept));
}

TEST(LocalBackendCopy, WritesTheStackTheLockFileAndTheOverrideAndNothingElse) {
  ScratchDirectory stack_dir("edustack-test-stack-");
  std::ofstream(stack_dir.path() / ".terraform.lock.hcl") << "# lock\n";
  std::ofstream(stack_dir.path() / "terraform.tfstate") << "{}\n";
  ScratchDirectory copy("edustack-test-copy-");
  StackArtifact artifact{.name = "data",
                         .json = "{\"resource\": {}}\n",
                         .assets = {{.path = "assets/handler.zip", .content = "zip"}}};
  write_local_backend_copy(artifact, stack_dir.path(), copy.path());

  EXPECT_EQ(slurp(copy.path() / "main.tf.json"), artifact.json);
  EXPECT_EQ(slurp(copy.path() / "assets/handler.zip"), "zip");
  EXPECT_EQ(slurp(copy.path() / ".terraform.lock.hcl"), "# lock\n");
  EXPECT_FALSE(fs::exists(copy.path() / "terraform.tfstate"));  // the copy's state starts empty
  auto override_document = nlohmann::json::parse(slurp(copy.path() / local_backend_override_file));
  EXPECT_EQ(override_document["terraform"]["backend"],
            nlohmann::json({{"local", nlohmann::json::object()}}));
  // The stack directory is as it was.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(stack_dir.path())) ++entries;
  EXPECT_EQ(entries, 2u);
}

TEST(ConstructPaths, EveryNameTerraformUses) {
  App app;
  Stack stack(app, "s");
  Construct network(stack, "network");
  GenericResource vpc(network, "vpc", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  Output out(stack, "vpc_id", {.value = vpc.attribute("id")});
  auto paths = construct_paths_by_address(stack);
  EXPECT_EQ(paths.at(vpc.address()), "app/s/network/vpc");
  EXPECT_EQ(paths.at("resource." + vpc.address()), "app/s/network/vpc");
  EXPECT_EQ(paths.at("output.vpc_id"), "app/s/vpc_id");
}

TEST(ValidateJson, DiagnosticsGetTheConstructPathOfTheirAddress) {
  const std::map<std::string, std::string> paths = {
      {"resource.aws_vpc.network_vpc_1234abcd", "app/s/network/vpc"}, {"aws_subnet.a", "app/s/a"}};
  ValidateResult result = parse_validate_json(R"({
    "format_version": "1.0", "valid": false, "error_count": 3, "warning_count": 1,
    "diagnostics": [
      {"severity": "error", "summary": "Extraneous JSON object property",
       "detail": "No argument or block type is named \"cidr_blok\".",
       "range": {"filename": "main.tf.json", "start": {"line": 12, "column": 5}},
       "snippet": {"context": "resource.aws_vpc.network_vpc_1234abcd", "code": "x"}},
      {"severity": "error", "summary": "Unsupported attribute",
       "snippet": {"context": "resource.aws_vpc.network_vpc_1234abcd.tags"}},
      {"severity": "warning", "summary": "Deprecated", "address": "aws_subnet.a"},
      {"severity": "error", "summary": "Invalid\nthing", "detail": "two\nlines"}]})",
                                              paths);
  EXPECT_FALSE(result.valid);
  ASSERT_EQ(result.diagnostics.size(), 4u);
  EXPECT_EQ(result.diagnostics[0].to_string("app/s"),
            "[app/s/network/vpc] error: Extraneous JSON object property: No argument or block "
            "type is named \"cidr_blok\". (main.tf.json:12, "
            "resource.aws_vpc.network_vpc_1234abcd)");
  EXPECT_EQ(result.diagnostics[1].construct_path, "app/s/network/vpc");  // longest known prefix
  EXPECT_EQ(result.diagnostics[2].to_string("app/s"),
            "[app/s/a] warning: Deprecated (aws_subnet.a)");
  EXPECT_EQ(result.diagnostics[3].to_string("app/s"), "[app/s] error: Invalid thing: two lines");
}

TEST(ValidateJson, NotTheDocumentIsAnError) {
  EXPECT_THROW(parse_validate_json("Error: something", {}), std::runtime_error);
  EXPECT_THROW(parse_validate_json("{\"format_version\": \"1.0\"}", {}), std::runtime_error);
  EXPECT_TRUE(parse_validate_json(R"({"valid": true, "diagnostics": []})", {}).valid);
}

TEST(PlanStateChanges, MovesImportsAndTerraformsVerdict) {
  PlanStateChanges changes = plan_state_changes(R"({
    "format_version": "1.2", "applyable": true,
    "resource_changes": [
      {"address": "aws_s3_bucket.new", "previous_address": "aws_s3_bucket.old",
       "change": {"actions": ["no-op"]}},
      {"address": "aws_s3_bucket.archive",
       "change": {"actions": ["update"], "importing": {"id": "legacy-archive"}}},
      {"address": "aws_kms_key.key", "change": {"actions": ["no-op"]}}]})");
  EXPECT_THAT(changes.moves, ElementsAre(Pair("aws_s3_bucket.old", "aws_s3_bucket.new")));
  EXPECT_THAT(changes.imports, ElementsAre(Pair("aws_s3_bucket.archive", "legacy-archive")));
  EXPECT_EQ(changes.applyable, true);

  // Before Terraform 1.8 (or from a tool that does not say): no verdict.
  PlanStateChanges older = plan_state_changes(R"({"format_version": "1.1"})");
  EXPECT_FALSE(older.applyable.has_value());
  EXPECT_TRUE(older.moves.empty());
  EXPECT_THROW(plan_state_changes("[]"), std::runtime_error);
}

}  // namespace
}  // namespace edustack::cli::detail
