// Every AWS type ships: each resource type and data source of the schema (EDUSTACK_AWS_SCHEMA)
// has a header (committed in include/edustack/aws or generated into the build tree), the schema
// copy is the shared one byte for byte, and types only the generated form has work in a stack
// like the one a platform team wrote (issue 12: S3 + CloudFront origin access control, ACM in
// us-east-1, Route 53, WAFv2, DynamoDB with point-in-time recovery, a Lambda function URL, SQS).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "edustack/aws/acm_certificate.hpp"
#include "edustack/aws/cloudfront_origin_access_control.hpp"
#include "edustack/aws/dynamodb_table.hpp"
#include "edustack/aws/lambda_event_source_mapping.hpp"
#include "edustack/aws/lambda_function_url.hpp"
#include "edustack/aws/provider.hpp"
#include "edustack/aws/route53_record.hpp"
#include "edustack/aws/route53_zone.hpp"
#include "edustack/aws/s3_bucket.hpp"
#include "edustack/aws/sqs_queue.hpp"
#include "edustack/aws/wafv2_ip_set.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const fs::path kSource = EDUSTACK_SOURCE_DIR;
const fs::path kGenerated = EDUSTACK_GENERATED_INCLUDE_DIR;
const fs::path kSchema = EDUSTACK_AWS_SCHEMA_FILE;  // built only when it exists

TEST(AllAwsTypes, EveryResourceTypeAndDataSourceHasAHeader) {
  ASSERT_TRUE(fs::exists(kSchema)) << kSchema << ": the types were generated from it";
  const json document = json::parse(read(kSchema));
  const json& aws = document["provider_schemas"]["registry.terraform.io/hashicorp/aws"];
  std::size_t found = 0;
  std::string missing;
  for (const auto& [key, sub] :
       {std::pair{"resource_schemas", ""}, {"data_source_schemas", "data/"}}) {
    for (const auto& [type, schema] : aws[key].items()) {
      const std::string file = std::string(sub) + type.substr(4) + ".hpp";
      if (fs::exists(kSource / "include/edustack/aws" / file) ||
          fs::exists(kGenerated / "edustack/aws" / file)) {
        ++found;
      } else {
        missing += " " + std::string(sub) + type;
      }
    }
  }
  EXPECT_EQ(missing, "");
  // 1,657 resource types and 662 data sources (../shared/schemas/README.md).
  EXPECT_EQ(aws["resource_schemas"].size(), 1657u);
  EXPECT_EQ(aws["data_source_schemas"].size(), 662u);
  EXPECT_EQ(found, 1657u + 662u);
  // The types the copy lists as not included have no schema, so no header.
  ASSERT_TRUE(aws.contains("schemas_not_included"));
  for (const auto& type : aws["schemas_not_included"]) {
    const std::string file = type.get<std::string>().substr(4) + ".hpp";
    EXPECT_FALSE(fs::exists(kGenerated / "edustack/aws" / file)) << file;
  }
}

TEST(AllAwsTypes, PlatformTeamStackFromGeneratedTypes) {
  using namespace edustack;
  App app;
  Stack stack(app, "site");
  aws::Provider london(stack, "aws", {.region = "eu-west-2"});
  aws::Provider virginia(stack, "us_east_1", {.alias = "us_east_1", .region = "us-east-1"});

  aws::S3Bucket site(stack, "site", {.bucket = "edu-site"});
  aws::CloudfrontOriginAccessControl oac(stack, "oac",
                                         {.name = "edu-site",
                                          .origin_access_control_origin_type = "s3",
                                          .signing_behavior = "always",
                                          .signing_protocol = "sigv4"});
  aws::AcmCertificate cert(stack, "cert",
                           {.domain_name = "edu.example.com", .validation_method = "DNS"});
  cert.set_provider(virginia);
  aws::Route53Zone zone(stack, "zone", {.name = "example.com"});
  aws::Route53Record record(stack, "www",
                            {.name = "edu.example.com",
                             .records = {"203.0.113.10"},
                             .ttl = 300,
                             .type = "A",
                             .zone_id = zone.zone_id()});
  aws::Wafv2IpSet blocked(stack, "blocked",
                          {.addresses = {"198.51.100.0/24"},
                           .ip_address_version = "IPV4",
                           .name = "blocked",
                           .scope = "CLOUDFRONT"});
  blocked.set_provider(virginia);
  aws::DynamodbTable table(stack, "courses",
                           {.attribute = {{.name = "id", .type = "S"}},
                            .billing_mode = "PAY_PER_REQUEST",
                            .hash_key = "id",
                            .name = "courses",
                            .point_in_time_recovery = {{.enabled = true}}});
  aws::LambdaFunctionUrl url(stack, "api_url",
                             {.authorization_type = "NONE", .function_name = "edu-api"});
  aws::SqsQueue queue(stack, "jobs", {.name = "edu-jobs"});
  aws::LambdaEventSourceMapping jobs(
      stack, "jobs_mapping", {.event_source_arn = queue.arn(), .function_name = "edu-worker"});

  const json out = json::parse(app.synth_in_memory().stacks.at(0).json);
  const json& r = out["resource"];
  EXPECT_EQ(r["aws_cloudfront_origin_access_control"]["oac"]["signing_protocol"], "sigv4");
  EXPECT_EQ(r["aws_acm_certificate"]["cert"]["provider"], "aws.us_east_1");
  EXPECT_EQ(r["aws_route53_record"]["www"]["zone_id"], "${aws_route53_zone.zone.zone_id}");
  EXPECT_EQ(r["aws_route53_record"]["www"]["ttl"], 300);
  EXPECT_EQ(r["aws_wafv2_ip_set"]["blocked"]["addresses"], json::array({"198.51.100.0/24"}));
  EXPECT_EQ(r["aws_dynamodb_table"]["courses"]["point_in_time_recovery"],
            json::parse(R"([{"enabled": true}])"));
  EXPECT_EQ(r["aws_dynamodb_table"]["courses"]["attribute"],
            json::parse(R"([{"name": "id", "type": "S"}])"));
  EXPECT_EQ(r["aws_lambda_function_url"]["api_url"]["authorization_type"], "NONE");
  EXPECT_EQ(r["aws_lambda_event_source_mapping"]["jobs_mapping"]["event_source_arn"],
            "${aws_sqs_queue.jobs.arn}");
  // Typed references of generated types render like the committed ones.
  EXPECT_EQ(url.function_url().to_string(), "${aws_lambda_function_url.api_url.function_url}");
}

}  // namespace
