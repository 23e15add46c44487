// The pack over generated, typed AWS resources and the construct library: typed config
// structs serialize blocks as lists, tags come from TagAspect, policies from jsonencode().

#include <gtest/gtest.h>

#include <edustack/aws/vpc.hpp>
#include <edustack/compliance.hpp>
#include <edustack/constructs/encrypted_bucket.hpp>
#include <edustack/constructs/kms_key.hpp>
#include <edustack/edustack.hpp>

using namespace edustack;
namespace c = edustack::compliance;

namespace {

std::vector<c::Finding> unsuppressed(const c::Report& report, std::string_view path_prefix) {
  std::vector<c::Finding> out;
  for (const auto& finding : report.findings) {
    if (!finding.suppressed() && finding.path.rfind(path_prefix, 0) == 0) out.push_back(finding);
  }
  return out;
}

std::string describe(const std::vector<c::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += "\n  [" + f.path + "] " + f.rule + " " + f.message;
  return out;
}

}  // namespace

TEST(Typed, EncryptedBucketAndKmsKeyConstructsPassThePack) {
  App app;
  Stack stack(app, "s");
  add_tags(stack, {{"DataClassification", "restricted"}, {"Environment", "test"}});
  constructs::KmsKey key(stack, "key", {.alias = "edu-data-test"});
  constructs::EncryptedBucket bucket(stack, "records",
                                     {.name = "edu-records-test", .kms_key_arn = key.arn()});
  auto report = c::check(stack);
  auto found = unsuppressed(report, "app/s/");
  // The FERPA profile adds the baseline rules no FERPA rule covers; of those, the bucket lacks
  // server access logging (AWS-LOG-001, a warning): it is given no access_log_bucket.
  ASSERT_EQ(found.size(), 1u) << describe(found);
  EXPECT_EQ(found[0].rule, "AWS-LOG-001");
  EXPECT_EQ(found[0].severity, c::Severity::warning);
  EXPECT_EQ(report.errors(), 0u);
}

TEST(Typed, TypedVpcIsTaggedByTheAspectAndNeedsFlowLogs) {
  App app;
  Stack stack(app, "s");
  add_tags(stack, {{"DataClassification", "internal"}, {"Environment", "test"}});
  aws::Vpc vpc(stack, "vpc", {.cidr_block = "10.0.0.0/16"});
  auto report = c::check(stack);
  bool flow = false;
  for (const auto& finding : report.findings) {
    EXPECT_NE(finding.rule, "FERPA-TAG-001") << finding.message;
    flow = flow || (finding.rule == "FERPA-VPC-001" && finding.path == "app/s/vpc");
  }
  EXPECT_TRUE(flow);
}
