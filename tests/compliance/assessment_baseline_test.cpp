// The flagship under both profiles. Its FERPA findings are what they were before the baseline
// existed (the same four, all suppressed with reviewed reasons). The baseline rules the FERPA
// profile adds found two real gaps, both warnings, which the constructs now close by default:
// - AWS-TLS-005 on the Aurora cluster: AuroraPostgres gives it a cluster parameter group with
//   rds.force_ssl = 1 (Aurora PostgreSQL accepts plain connections by default);
// - AWS-LOG-001 on the analytics bucket: AnalyticsPipeline logs S3 server access into a log
//   bucket (the flagship's audit bucket), so reads of the exported records leave a trace.

#include <gtest/gtest.h>

#include <edustack/compliance.hpp>
#include <edustack/edustack.hpp>
#include <edustack/stacks/assessment.hpp>
#include <set>
#include <string>
#include <tuple>

using namespace edustack;
namespace c = edustack::compliance;

namespace {

using Seen = std::set<std::tuple<std::string, std::string, std::string, bool>>;

// (rule, path, severity, suppressed) of the findings whose rule starts with prefix.
Seen seen(const c::Report& report, const std::string& prefix) {
  Seen out;
  for (const auto& f : report.findings) {
    if (f.rule.rfind(prefix, 0) == 0) {
      out.insert({f.rule, f.path, c::to_string(f.severity), f.suppressed()});
    }
  }
  return out;
}

}  // namespace

TEST(AssessmentBaseline, FerpaFindingsAreUnchangedAndTheBaselineFindsNothingMore) {
  App app;
  stacks::AssessmentStack stack(app, "assessment");
  auto report = c::check(stack);  // opted in: the FERPA profile
  EXPECT_EQ(report.pack, "ferpa");
  EXPECT_EQ(seen(report, "FERPA-"),
            (Seen{{"FERPA-ALB-001", "app/assessment/api_service/http_listener", "error", true},
                  {"FERPA-ALB-003", "app/assessment/api_service/alb", "error", true},
                  {"FERPA-LOG-003", "app/assessment/api_service/logs/group", "error", true},
                  {"FERPA-LOG-003", "app/assessment/api/access_logs/group", "error", true}}));
  EXPECT_EQ(seen(report, "AWS-"), Seen{});
  EXPECT_EQ(report.errors(), 0u);
  EXPECT_EQ(report.warnings(), 0u);
  EXPECT_TRUE(report.skipped.empty());  // every untyped resource's type is in the schema
}

TEST(AssessmentBaseline, BaselineProfileKeepsTheReviewedSuppressions) {
  App app;
  stacks::AssessmentStack stack(app, "assessment");
  auto report = c::check(stack, c::Profile::baseline);
  EXPECT_EQ(report.pack, "aws-baseline");
  // The FERPA suppressions of the ALB cover the baseline rules that run the same checks.
  EXPECT_EQ(seen(report, ""),
            (Seen{{"AWS-TLS-002", "app/assessment/api_service/http_listener", "error", true},
                  {"AWS-LOG-002", "app/assessment/api_service/alb", "warning", true}}));
  EXPECT_TRUE(report.passed());
}
