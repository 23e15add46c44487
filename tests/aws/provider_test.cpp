// aws::Provider: the provider block and the required_providers entry it registers.
#include "edustack/aws/provider.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "edustack/aws/s3_bucket.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

namespace {

using namespace edustack;
using nlohmann::json;

TEST(AwsProvider, RendersTheProviderBlockAndRequiredProviders) {
  App app;
  Stack stack(app, "test");
  aws::Provider provider(stack, "aws",
                         {.allowed_account_ids = {"123456789012"},
                          .assume_role = {{.external_id = "ext",
                                           .role_arn = "arn:aws:iam::123456789012:role/deploy",
                                           .session_name = "edustack"}},
                          .default_tags = {{.tags = {{"project", "edustack"}}}},
                          .region = "eu-west-2"});
  const json doc = json::parse(app.synth_in_memory().stacks.at(0).json);

  EXPECT_EQ(doc["terraform"]["required_providers"]["aws"],
            json::parse(R"({"source": "hashicorp/aws", "version": "~> 6.0"})"));
  EXPECT_EQ(doc["provider"]["aws"], json::parse(R"([{
    "allowed_account_ids": ["123456789012"],
    "assume_role": [{
      "external_id": "ext",
      "role_arn": "arn:aws:iam::123456789012:role/deploy",
      "session_name": "edustack"
    }],
    "default_tags": [{"tags": {"project": "edustack"}}],
    "region": "eu-west-2"
  }])"));
}

TEST(AwsProvider, AliasedConfigurationsAreSelectedPerResource) {
  App app;
  Stack stack(app, "test");
  aws::Provider main(stack, "aws", {.region = "eu-west-2"});
  aws::Provider us(stack, "us", {.alias = "us", .region = "us-east-1"});
  aws::S3Bucket bucket(stack, "bucket", {.bucket = "b"}, {.provider = &us});
  EXPECT_EQ(us.reference(), "aws.us");

  const json doc = json::parse(app.synth_in_memory().stacks.at(0).json);
  ASSERT_EQ(doc["provider"]["aws"].size(), 2u);
  EXPECT_EQ(doc["provider"]["aws"][0], json::parse(R"({"region": "eu-west-2"})"));
  EXPECT_EQ(doc["provider"]["aws"][1], json::parse(R"({"alias": "us", "region": "us-east-1"})"));
  EXPECT_EQ(doc["resource"]["aws_s3_bucket"]["bucket"]["provider"], "aws.us");
}

TEST(AwsProvider, EveryArgumentOfTheProviderBlockIsTyped) {
  // The provider block is generated from its schema (aws-provider-block.json): endpoints,
  // ignore_tags, assume_role_with_web_identity, the skip_* switches, retries ... all typed.
  App app;
  Stack stack(app, "test");
  aws::Provider local(
      stack, "aws",
      {.access_key = "test",
       .assume_role_with_web_identity = {{.role_arn = "arn:aws:iam::123456789012:role/ci",
                                          .web_identity_token_file = "/var/run/token"}},
       .endpoints = {{.s3 = "http://localhost:4566", .sts = "http://localhost:4566"}},
       .ignore_tags = {{.key_prefixes = {"kubernetes.io/"}}},
       .max_retries = 5,
       .region = "eu-west-2",
       .s3_use_path_style = true,
       .secret_key = "test",
       .skip_credentials_validation = true,
       .skip_requesting_account_id = true});
  const json doc = json::parse(app.synth_in_memory().stacks.at(0).json);
  EXPECT_EQ(doc["provider"]["aws"][0], json::parse(R"({
    "access_key": "test",
    "assume_role_with_web_identity": [{"role_arn": "arn:aws:iam::123456789012:role/ci",
                                       "web_identity_token_file": "/var/run/token"}],
    "endpoints": [{"s3": "http://localhost:4566", "sts": "http://localhost:4566"}],
    "ignore_tags": [{"key_prefixes": ["kubernetes.io/"]}],
    "max_retries": 5,
    "region": "eu-west-2",
    "s3_use_path_style": true,
    "secret_key": "test",
    "skip_credentials_validation": true,
    "skip_requesting_account_id": true
  })"));
  EXPECT_EQ(std::string(aws::Provider::version), "~> 6.0");
}

}  // namespace
