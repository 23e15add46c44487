// The assessment stack's requirements, asserted on its synthesized configuration.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/edustack.hpp>
#include <edustack/stacks/assessment.hpp>
#include <edustack/testing.hpp>

using namespace edustack;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {
struct AssessmentTest : ::testing::Test {
  App app;
  stacks::AssessmentStack stack{app, "assessment", {.environment = "test"}};
  SynthesizedStack synth = synthesize(stack);
};
}  // namespace

TEST(AssessmentConfig, RejectsSuffixesThatMakeInvalidAwsNames) {
  EXPECT_EQ(stacks::environment_suffix_problem("dev"), "");
  EXPECT_EQ(stacks::environment_suffix_problem("pr-1234"), "");
  EXPECT_THAT(stacks::environment_suffix_problem("Prod"), HasSubstr("only lowercase letters"));
  EXPECT_THAT(stacks::environment_suffix_problem("much-too-long-suffix"),
              HasSubstr("must be 1 to 12 characters"));
  EXPECT_THAT(stacks::environment_suffix_problem("dev-"), HasSubstr("must not start or end"));
  App app;
  try {
    stacks::AssessmentStack bad(app, "assessment", {.environment = "UAT_1"});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.path(), "app/assessment");
    EXPECT_EQ(e.field(), "environment");
  }
}

TEST_F(AssessmentTest, RegionDefaultTagsAndStateBackend) {
  EXPECT_EQ(synth.document()["provider"]["aws"][0]["region"], "eu-west-2");
  EXPECT_EQ(synth.document()["provider"]["aws"][0]["default_tags"][0]["tags"],
            json::parse(R"({"Project": "edu-assessment", "Environment": "test",
              "DataClassification": "ferpa-confidential", "Compliance": "FERPA"})"));
  EXPECT_EQ(synth.document()["terraform"]["backend"]["s3"],
            json::parse(R"({"bucket": "edu-assessment-terraform-state", "key":
              "assessment/test/terraform.tfstate", "region": "eu-west-2", "encrypt": true,
              "use_lockfile": true})"));
}

TEST_F(AssessmentTest, CustomerManagedKeysWithRotation) {
  EXPECT_THAT(synth, HasResourceCount("aws_kms_key", 6));
  for (const auto& key : synth.resource_bodies("aws_kms_key")) {
    EXPECT_EQ(key["enable_key_rotation"], true);
  }
  EXPECT_EQ(synth.resource_at("keys/rds/alias")["name"], "alias/edu-rds-key-test");
}
