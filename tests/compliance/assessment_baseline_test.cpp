// The flagship under both profiles. Its FERPA findings are what they were before the baseline
// existed (the same four, all suppressed with reviewed reasons); the baseline rules the FERPA
// profile adds find two real gaps, both warnings, reported here rather than silenced:
// - AWS-TLS-005 on the Aurora cluster: no cluster parameter group with rds.force_ssl = 1, and
//   Aurora PostgreSQL accepts plain connections by default;
// - AWS-LOG-001 on the analytics bucket: no S3 server access logging (and the trail records no
//   S3 data events), so reads of the exported records leave no trace.
// When the constructs close them, these expectations change with them.

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

TEST(AssessmentBaseline, FerpaFindingsAreUnchangedAndTheBaselineAddsTwoWarnings) {
  App app;
  stacks::AssessmentStack stack(app, "assessment");
  auto report = c::check(stack);  // opted in: the FERPA profile
  EXPECT_EQ(report.pack, "ferpa");
  EXPECT_EQ(seen(report, "FERPA-"),
            (Seen{{"FERPA-ALB-001", "app/assessment/api_service/http_listener", "error", true},
                  {"FERPA-ALB-003", "app/assessment/api_service/alb", "error", true},
                  {"FERPA-LOG-003", "app/assessment/api_service/logs/group", "error", true},
                  {"FERPA-LOG-003", "app/assessment/api/access_logs/group", "error", true}}));
  EXPECT_EQ(seen(report, "AWS-"),
            (Seen{{"AWS-TLS-005", "app/assessment/database/cluster", "warning", false},
                  {"AWS-LOG-001", "app/assessment/analytics/bucket/bucket", "warning", false}}));
  EXPECT_EQ(report.errors(), 0u);
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
                  {"AWS-LOG-002", "app/assessment/api_service/alb", "warning", true},
                  {"AWS-TLS-005", "app/assessment/database/cluster", "warning", false},
                  {"AWS-LOG-001", "app/assessment/analytics/bucket/bucket", "warning", false}}));
  EXPECT_TRUE(report.passed());
}
