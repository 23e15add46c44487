// Reading `terraform show -json` plans (src/cli/plan.cpp).

#include "plan.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace edustack::cli::detail {
namespace {

TEST(PlanSummary, ActionsByType) {
  PlanSummary summary = parse_plan(R"({"format_version": "1.2", "resource_changes": [
    {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "change": {"actions": ["create"]}},
    {"address": "aws_vpc.b", "mode": "managed", "type": "aws_vpc", "change": {"actions": ["create"]}},
    {"address": "aws_s3_bucket.c", "mode": "managed", "type": "aws_s3_bucket",
     "change": {"actions": ["create", "delete"]}},
    {"address": "aws_kms_key.d", "mode": "managed", "type": "aws_kms_key",
     "change": {"actions": ["delete"]}},
    {"address": "aws_iam_role.e", "mode": "managed", "type": "aws_iam_role",
     "change": {"actions": ["update"]}},
    {"address": "aws_iam_role.f", "mode": "managed", "type": "aws_iam_role",
     "change": {"actions": ["no-op"]}},
    {"address": "aws_iam_role.g", "mode": "managed", "type": "aws_iam_role",
     "change": {"actions": ["forget"]}},
    {"address": "data.aws_region.r", "mode": "data", "type": "aws_region",
     "change": {"actions": ["read"]}}],
    "output_changes": {"a": {"actions": ["no-op"]}, "b": {"actions": ["update"]}}})");
  EXPECT_EQ(summary.count(Action::create), 2u);
  EXPECT_EQ(summary.count(Action::replace), 1u);
  EXPECT_EQ(summary.count(Action::destroy), 1u);
  EXPECT_EQ(summary.count(Action::update), 1u);
  EXPECT_EQ(summary.count(Action::forget), 1u);
  EXPECT_EQ(summary.by_type.at(Action::create).at("aws_vpc"), 2u);
  EXPECT_EQ(summary.output_changes, 1u);
  EXPECT_EQ(summary.changes.size(), 6u);
  auto destructive = summary.destructive_stateful();
  ASSERT_EQ(destructive.size(), 2u);
  EXPECT_EQ(destructive[0].address, "aws_s3_bucket.c");
  EXPECT_EQ(destructive[0].stateful_kind, "bucket");
  EXPECT_EQ(destructive[1].address, "aws_kms_key.d");
  EXPECT_EQ(destructive[1].stateful_kind, "KMS key");
}

TEST(PlanSummary, EmptyPlan) {
  PlanSummary summary = parse_plan(R"({"format_version": "1.2"})");
  EXPECT_TRUE(summary.empty());
  EXPECT_EQ(summary.count(Action::create), 0u);
}

TEST(PlanSummary, RejectsWhatIsNotAPlan) {
  EXPECT_THROW(parse_plan("not json"), std::runtime_error);
  EXPECT_THROW(parse_plan("[]"), std::runtime_error);
  EXPECT_THROW(parse_plan(R"({"values": {}})"), std::runtime_error);
  EXPECT_THROW(parse_plan(R"({"format_version": "1.2", "resource_changes": [{"address": 1}]})"),
               std::runtime_error);
}

TEST(PlanSummary, StatefulKinds) {
  EXPECT_EQ(stateful_kind("aws_db_instance"), "database");
  EXPECT_EQ(stateful_kind("aws_rds_cluster"), "database");
  EXPECT_EQ(stateful_kind("aws_elasticache_replication_group"), "cache");
  EXPECT_EQ(stateful_kind("aws_s3_bucket"), "bucket");
  EXPECT_EQ(stateful_kind("aws_kms_key"), "KMS key");
  EXPECT_EQ(stateful_kind("aws_kinesis_stream"), "stream");
  EXPECT_EQ(stateful_kind("aws_kinesis_firehose_delivery_stream"), "stream");
  EXPECT_EQ(stateful_kind("aws_cloudwatch_log_group"), "log group");
  EXPECT_EQ(stateful_kind("aws_s3_bucket_policy"), "");
  EXPECT_EQ(stateful_kind("aws_kms_alias"), "");
  EXPECT_EQ(stateful_kind("aws_vpc"), "");
}

}  // namespace
}  // namespace edustack::cli::detail
