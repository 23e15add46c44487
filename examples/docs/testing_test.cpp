// The samples of docs/testing-your-stack.md, compiled and run: the page's code blocks are
// verbatim parts of this file (tests/docs_check.cmake fails when they drift).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/sqs_queue.hpp>
#include <edustack/constructs/encrypted_bucket.hpp>
#include <edustack/constructs/kms_key.hpp>
#include <edustack/edustack.hpp>
#include <edustack/schema/validator.hpp>
#include <edustack/testing.hpp>
#include <filesystem>

using namespace edustack;
using namespace edustack::testing;
using nlohmann::json;

namespace {

// The stack under test: a key, an encrypted bucket and a queue.
class ArchiveStack : public Stack {
 public:
  ArchiveStack(App& app, std::string_view id, std::string env) : Stack(app, id) {
    auto& key = make<constructs::KmsKey>(
        "key",
        constructs::KmsKeyConfig{.alias = "alias/archive-" + env, .description = "archive data"});
    make<constructs::EncryptedBucket>(
        "archive",
        constructs::EncryptedBucketConfig{.name = "edu-archive-" + env, .kms_key_arn = key.arn()});
    make<aws::SqsQueue>(
        "jobs", aws::SqsQueueConfig{.kms_master_key_id = key.arn(), .name = "archive-jobs-" + env});
  }
};

}  // namespace

// One fixture per stack: synthesized once, in memory, with aspects applied.
class ArchiveStackTest : public ::testing::Test {
 protected:
  App app;
  ArchiveStack stack{app, "archive", "test"};
  SynthesizedStack synth = synthesize(stack);
};

TEST_F(ArchiveStackTest, CountsAndProperties) {
  EXPECT_THAT(synth, HasResourceCount("aws_kms_key", 1));
  EXPECT_THAT(synth, HasResource("aws_s3_bucket_public_access_block"));
  EXPECT_THAT(synth, HasResourceWithProperties("aws_sqs_queue", {{"name", "archive-jobs-test"}}));
  EXPECT_THAT(synth, ::testing::Not(HasResource("aws_s3_bucket_acl")));
}

TEST_F(ArchiveStackTest, ResourcesByConstructPath) {
  // Paths, not logical ids: a test does not change when an id's hash does.
  const json& queue = synth.resource_at("jobs");
  std::string key = synth.address_at("key/key");
  EXPECT_EQ(queue["kms_master_key_id"], "${" + key + ".arn}");
  // A whole sub-document at once: every key given must match, others are ignored.
  EXPECT_TRUE(json_contains(synth.resource_at("key/key"),
                            {{"enable_key_rotation", true}, {"deletion_window_in_days", 30}}));
}

TEST(ArchiveStackErrors, BadInputNamesThePathAndTheField) {
  App app;
  Stack stack(app, "archive");
  try {
    constructs::KmsKey key(stack, "key", {.alias = "archive", .deletion_window_in_days = 3});
    FAIL() << "a deletion window of 3 days was accepted (KMS allows 7 to 30)";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.path(), "app/archive/key");
    EXPECT_EQ(e.field(), "deletion_window_in_days");
    EXPECT_EQ(e.id(), "config.invalid");
  }
}

TEST(ArchiveStackErrors, SynthesisListsEveryProblem) {
  App app;
  Stack stack(app, "archive");
  Variable count(stack, "count", {.type = "number"});  // a name Terraform reserves
  Variable secret(stack, "secret", {.type = "string", .sensitive = true});
  Output leak(stack, "leak", {.value = secret.value()});  // a sensitive value, not marked so
  try {
    synthesize(stack);
    FAIL() << "synthesis accepted two problems";
  } catch (const SynthError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_THAT(e.what(), ::testing::HasSubstr("app/archive/count"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("app/archive/leak"));
  }
}

TEST(ArchiveStackSchema, ValidAgainstTheProviderSchema) {
  std::filesystem::path schema_file =
      std::filesystem::path(EDUSTACK_SHARED_DIR) / "schemas/aws-provider-6.47.0.json";
  if (!std::filesystem::exists(schema_file))
    GTEST_SKIP() << "no provider schema at " << schema_file;
  auto schema = schema::ProviderSchema::load(schema_file);
  App app;
  ArchiveStack stack(app, "archive", "test");
  std::vector<schema::Finding> findings = schema::validate(schema, app);
  for (const auto& finding : findings) ADD_FAILURE() << finding.to_string();
  EXPECT_TRUE(findings.empty());
}
