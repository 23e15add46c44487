// Deprecated arguments: marked [[deprecated]] for the user, silent everywhere else. This file
// builds with -Werror, so a warning from the generated headers or from copying a config struct
// that has deprecated fields fails the build. (tests/aws/compile_fail/deprecated_field.cpp shows
// that naming such a field does warn.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <utility>

#include "edustack/aws/data/region.hpp"
#include "edustack/aws/s3_bucket.hpp"
#include "edustack/aws/s3_bucket_lifecycle_configuration.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

namespace {

using namespace edustack;
using nlohmann::json;

TEST(DeprecatedArguments, ConfigsWithDeprecatedFieldsCopyAndMoveWithoutWarnings) {
  App app;
  Stack stack(app, "test");
  aws::S3BucketLifecycleConfigurationConfig config{.bucket = "logs",
                                                   .rule = {{.id = "expire", .status = "Enabled"}}};
  aws::S3BucketLifecycleConfigurationConfig copy = config;
  aws::S3BucketLifecycleConfigurationConfig moved = std::move(copy);
  aws::S3BucketLifecycleConfiguration lifecycle(stack, "lifecycle", moved);
  aws::S3Bucket bucket(stack, "bucket", {.bucket = "logs"});
  aws::data::Region region(stack, "here");
  EXPECT_EQ(region.region().to_string(), "${data.aws_region.here.region}");

  const json doc = json::parse(app.synth_in_memory().stacks.at(0).json);
  EXPECT_EQ(doc["resource"]["aws_s3_bucket_lifecycle_configuration"]["lifecycle"],
            json::parse(R"({"bucket": "logs", "rule": [{"id": "expire", "status": "Enabled"}]})"));
}

TEST(DeprecatedArguments, AreStillSerializedWhenSet) {
  App app;
  Stack stack(app, "test");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  aws::S3BucketLifecycleConfiguration lifecycle(
      stack, "lifecycle", {.bucket = "logs", .expected_bucket_owner = "123456789012"});
#pragma GCC diagnostic pop
  const json doc = json::parse(app.synth_in_memory().stacks.at(0).json);
  EXPECT_EQ(doc["resource"]["aws_s3_bucket_lifecycle_configuration"]["lifecycle"]
               ["expected_bucket_owner"],
            "123456789012");
}

}  // namespace
