// The samples of docs/expressions-and-references.md, compiled and checked: each TEST is one
// section of that page, and the page's code blocks are verbatim parts of this file
// (tests/docs_check.cmake fails when they drift).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/data/availability_zones.hpp>
#include <edustack/aws/s3_bucket.hpp>
#include <edustack/aws/s3_bucket_policy.hpp>
#include <edustack/aws/sqs_queue.hpp>
#include <edustack/aws/subnet.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>
#include <type_traits>

using namespace edustack;
using edustack::testing::synthesize;
using nlohmann::json;

TEST(DocsExpressions, TypedReferences) {
  App app;
  Stack stack(app, "web");
  aws::S3Bucket site(stack, "site", {.bucket = "edu-site-dev"});
  // site.arn() is a StringExpr: "${aws_s3_bucket.<id>.arn}" once synthesized.
  StringExpr objects = site.arn() + "/*";
  aws::S3BucketPolicy policy(
      stack, "policy",
      {.bucket = site.id(),
       .policy = fn::jsonencode(Value::Object{{"Version", "2012-10-17"},
                                              {"Statement", Value::List{Value::Object{
                                                                {"Effect", "Deny"},
                                                                {"Principal", "*"},
                                                                {"Action", "s3:*"},
                                                                {"Resource", Value::List{objects}},
                                                            }}}})});
  // A number cannot go where a string goes, nor a string where a number goes:
  static_assert(!std::is_convertible_v<NumberExpr, String>);
  static_assert(!std::is_convertible_v<StringExpr, Number>);
  static_assert(!std::is_convertible_v<const char*, Bool>);

  auto synth = synthesize(stack);
  std::string bucket = synth.address_at("site");
  EXPECT_EQ(objects.to_string(), "${" + bucket + ".arn}/*");
  EXPECT_EQ(synth.resource_at("policy")["bucket"], "${" + bucket + ".id}");
  EXPECT_THAT(synth.resource_at("policy")["policy"].get<std::string>(),
              ::testing::HasSubstr("\"Resource\" = [\"${" + bucket + ".arn}/*\"]"));
}

TEST(DocsExpressions, FunctionsConditionalsAndIndexing) {
  App app;
  Stack stack(app, "net");
  Variable environment(stack, "environment", {.type = "string", .default_ = "dev"});
  aws::Vpc vpc(stack, "vpc", {.cidr_block = "10.0.0.0/16"});
  aws::data::AvailabilityZones zones(stack, "zones", {.state = "available"});
  // Typed functions: cidrsubnet returns a StringExpr, length a NumberExpr.
  StringExpr first_cidr = fn::cidrsubnet(vpc.cidr_block(), 8, 0);
  // A ListExpr<std::string> indexes to a StringExpr.
  StringExpr first_zone = zones.names()[0];
  // Any Terraform function by name, typed by the caller.
  StringExpr title = fn::call<std::string>("title", {environment.as_string()});
  // cond ? a : b
  Expression public_ip = Expression::conditional(
      Expression::call("startswith", {environment.as_string(), "prod"}), false, true);
  aws::Subnet subnet(stack, "subnet",
                     {.availability_zone = first_zone,
                      .cidr_block = first_cidr,
                      .map_public_ip_on_launch = public_ip.as<bool>(),
                      .tags = {{"Name", "edu-" + title}},
                      .vpc_id = vpc.id()});

  auto synth = synthesize(stack);
  const json& body = synth.resource_at("subnet");
  std::string zones_address = synth.address_at("zones");
  EXPECT_EQ(body["availability_zone"], "${" + zones_address + ".names[0]}");
  EXPECT_EQ(body["cidr_block"], "${cidrsubnet(" + synth.address_at("vpc") + ".cidr_block, 8, 0)}");
  EXPECT_EQ(body["map_public_ip_on_launch"],
            "${startswith(var.environment, \"prod\") ? false : true}");
  EXPECT_EQ(body["tags"]["Name"], "edu-${title(var.environment)}");
}

TEST(DocsExpressions, VariablesLocalsAndOutputs) {
  App app;
  Stack stack(app, "queues");
  Variable retention(stack, "retention_days", {.type = "number", .default_ = 4});
  retention.add_validation_rule(
      Expression::raw("var.retention_days >= 1 && var.retention_days <= 14").as<bool>(),
      "SQS keeps messages 1 to 14 days");
  Local seconds(stack, "retention_seconds", Expression::raw("var.retention_days * 86400"));
  aws::SqsQueue queue(stack, "queue",
                      {.message_retention_seconds = seconds.as<double>(),
                       .name = "edu-jobs",
                       .sqs_managed_sse_enabled = true});
  Output url(stack, "queue_url", {.value = queue.url(), .description = "where workers poll"});

  auto synth = synthesize(stack);
  const json& document = synth.document();
  EXPECT_EQ(document["variable"]["retention_days"]["default"], 4);
  EXPECT_EQ(document["locals"]["retention_seconds"], "${var.retention_days * 86400}");
  EXPECT_EQ(synth.resource_at("queue")["message_retention_seconds"], "${local.retention_seconds}");
  EXPECT_EQ(document["output"]["queue_url"]["value"], "${" + synth.address_at("queue") + ".url}");
}

TEST(DocsExpressions, EscapeHatches) {
  App app;
  Stack stack(app, "raw");
  aws::SqsQueue queue(stack, "queue", {.name = "edu-jobs"});
  // An attribute the typed accessors do not cover, by name.
  Expression policy = queue.attribute("policy");
  // HCL that edustack does not model, used as-is inside "${...}".
  Expression upper_name = Expression::raw("upper(\"edu-jobs\")");
  // An argument the binding does not have (a newer provider's), set on the synthesized block.
  queue.add_override("tags.Team", "platform");

  auto synth = synthesize(stack);
  EXPECT_EQ(policy.to_string(), "${" + synth.address_at("queue") + ".policy}");
  EXPECT_EQ(upper_name.to_string(), "${upper(\"edu-jobs\")}");
  EXPECT_EQ(synth.resource_at("queue")["tags"]["Team"], "platform");
}
