// The samples of docs/compliance.md, compiled and checked: the page's code blocks are verbatim
// parts of this file, between "// [docs]" lines (tests/docs_check.cmake fails when they drift).
// The page shows them without the two spaces of the TEST body.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <edustack/aws/s3_bucket.hpp>
#include <edustack/aws/sqs_queue.hpp>
#include <edustack/compliance.hpp>
#include <edustack/edustack.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace edustack;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {
const compliance::Finding* finding(const compliance::Report& report, std::string_view rule) {
  auto it = std::find_if(report.findings.begin(), report.findings.end(),
                         [&](const compliance::Finding& f) { return f.rule == rule; });
  return it == report.findings.end() ? nullptr : &*it;
}
}  // namespace

TEST(DocsCompliance, EnableAndSuppress) {
  App app;
  // [docs] enable, suppress
  Stack stack(app, "assessment");
  compliance::enable(stack);  // the FERPA pack runs at every synthesis
  aws::S3Bucket assets(stack, "assets", {.bucket = "edu-course-images"});
  compliance::suppress(assets, "FERPA-S3-002",  // subtree, rule id, reason (>= 10 characters)
                       "public course catalogue images; no student data, served by CloudFront");
  // [docs] end
  compliance::Report report = compliance::check(app);
  const compliance::Finding* tls = finding(report, "FERPA-S3-002");
  ASSERT_NE(tls, nullptr);
  EXPECT_TRUE(tls->suppressed());
  EXPECT_EQ(tls->path, "app/assessment/assets");
  ASSERT_EQ(report.suppressions.size(), 1u);
  EXPECT_EQ(report.suppressions[0].findings, 1u);
  // Error findings that are not suppressed still fail synthesis (the bucket is unencrypted).
  ASSERT_NE(finding(report, "FERPA-S3-001"), nullptr);
  EXPECT_FALSE(report.passed());
  try {
    app.synth_in_memory();
    FAIL() << "an unencrypted bucket synthesized";
  } catch (const SynthError& error) {
    EXPECT_THAT(error.what(), HasSubstr("[app/assessment/assets] FERPA-S3-001"));
    EXPECT_THAT(error.what(), ::testing::Not(HasSubstr("FERPA-S3-002")));
  }
}

TEST(DocsCompliance, ASuppressionNeedsAReason) {
  App app;
  Stack stack(app, "dev");
  Construct construct(stack, "db");
  // [docs] suppress
  compliance::suppress(construct, "FERPA-RDS-002",
                       "dev stack: a single instance is acceptable here");
  // [docs] end
  try {
    compliance::suppress(stack, "FERPA-RDS-003", "too short");
    FAIL() << "a 9-character reason was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/dev");
    EXPECT_EQ(error.field(), "reason");
  }
  // One suppression per rule per construct.
  EXPECT_THROW(compliance::suppress(construct, "FERPA-RDS-002", "the same rule a second time"),
               ConfigError);
}

TEST(DocsCompliance, Reports) {
  App app;
  Stack checked(app, "assessment");
  compliance::enable(checked);
  aws::S3Bucket uploads(checked, "uploads", {.bucket = "edu-uploads"});
  Stack other(app, "sandbox");
  aws::S3Bucket scratch(other, "scratch", {.bucket = "edu-scratch"});
  // [docs] reports
  compliance::Report report = compliance::check(app);  // every stack; others: the baseline
  compliance::Report all = compliance::check(app, {.all_stacks = true});  // others: FERPA too
  std::string sarif = compliance::render(report, compliance::Format::sarif);  // or text, json
  // [docs] end
  EXPECT_EQ(report.stacks, (std::vector<std::string>{"app/assessment", "app/sandbox"}));
  EXPECT_EQ(all.stacks, (std::vector<std::string>{"app/assessment", "app/sandbox"}));
  EXPECT_FALSE(report.passed());
  json document = json::parse(sarif);
  EXPECT_EQ(document["version"], "2.1.0");
  ASSERT_EQ(document["runs"].size(), 1u);
  EXPECT_FALSE(document["runs"][0]["results"].empty());
}

TEST(DocsCompliance, ACustomRule) {
  App app;
  Stack stack(app, "orders");
  aws::SqsQueue brief(stack, "brief", {.message_retention_seconds = 3600, .name = "brief"});
  aws::SqsQueue kept(stack, "kept", {.message_retention_seconds = 345600, .name = "kept"});
  // [docs] a custom rule
  auto rule = compliance::make_rule(
      {.id = "ACME-SQS-001",
       .severity = compliance::Severity::warning,
       .message = "queue keeps messages for less than 4 days",
       .fix = "set message_retention_seconds to 345600 or more",
       .resource_types = {"aws_sqs_queue"}},
      [](const compliance::ResourceView& queue) -> compliance::Violations {
        auto seconds = compliance::number(queue.get("message_retention_seconds"));
        if (seconds && *seconds >= 345600) return {};
        return {"message_retention_seconds is " +
                compliance::text(queue.get("message_retention_seconds"))};
      });
  compliance::enable(stack, {.rules = {rule}});
  // [docs] end
  compliance::Report report = compliance::check(app);
  std::vector<const compliance::Finding*> acme;
  for (const auto& f : report.findings) {
    if (f.rule == "ACME-SQS-001") acme.push_back(&f);
  }
  ASSERT_EQ(acme.size(), 1u);
  EXPECT_EQ(acme[0]->path, "app/orders/brief");
  EXPECT_EQ(acme[0]->severity, compliance::Severity::warning);
  EXPECT_THAT(acme[0]->message, HasSubstr("message_retention_seconds is 3600"));
}
