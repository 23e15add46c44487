// The team's unit tests of its own stack, with edustack's GoogleTest helpers.
#include "orders_stack.hpp"

#include <edustack/core/app.hpp>
#include <edustack/error.hpp>
#include <edustack/testing.hpp>

namespace {

using edustack::testing::HasOutput;
using edustack::testing::HasResourceCount;
using edustack::testing::HasResourceWithProperties;

class OrdersStackTest : public ::testing::Test {
 protected:
  edustack::App app;
  orders::OrdersStack stack{app, "orders", "test"};
  edustack::testing::SynthesizedStack synth = edustack::testing::synthesize(stack);
};

TEST_F(OrdersStackTest, HasTheQueuesTheFunctionAndTheMapping) {
  EXPECT_THAT(synth, HasResourceCount("aws_sqs_queue", 2));
  EXPECT_THAT(synth, HasResourceCount("aws_lambda_function", 1));
  EXPECT_THAT(synth, HasResourceCount("aws_lambda_event_source_mapping", 1));
  EXPECT_THAT(synth, HasResourceCount("aws_kms_key", 1));
  EXPECT_THAT(synth, HasOutput("queue_url"));
}

TEST_F(OrdersStackTest, TheQueueRedrivesToItsDeadLetterQueue) {
  const auto& queue = synth.resource_at("orders/queue");
  EXPECT_EQ(queue["name"], "orders-test");
  std::string dlq = synth.address_at("orders/dlq");
  EXPECT_EQ(queue["redrive_policy"],
            "${jsonencode({\"deadLetterTargetArn\" = " + dlq + ".arn, \"maxReceiveCount\" = 5})}");
  EXPECT_EQ(synth.resource_at("orders/dlq")["message_retention_seconds"], 1209600);
}

TEST_F(OrdersStackTest, BothQueuesAreEncryptedWithTheTeamKey) {
  std::string key = synth.address_at("key/key");
  EXPECT_EQ(synth.resource_at("orders/queue")["kms_master_key_id"], "${" + key + ".arn}");
  EXPECT_EQ(synth.resource_at("orders/dlq")["kms_master_key_id"], "${" + key + ".arn}");
}

TEST_F(OrdersStackTest, TheArchiveBucketIsVersionedAndPrivate) {
  EXPECT_THAT(synth, HasResourceWithProperties(
                         "aws_s3_bucket_public_access_block",
                         {{"block_public_acls", true}, {"restrict_public_buckets", true}}));
  EXPECT_THAT(synth,
              HasResourceWithProperties("aws_s3_bucket", {{"bucket", "orders-archive-test"}}));
}

TEST_F(OrdersStackTest, TheFunctionReadsTheEmbeddedHandler) {
  EXPECT_NE(orders::assets::handler_py.find("def lambda_handler"), std::string_view::npos);
  const auto& function = synth.resource_at("consumer/function");
  EXPECT_EQ(function["handler"], "handler.lambda_handler");
  EXPECT_EQ(synth.resource_at("consumer-events")["batch_size"], 10);
}

TEST(OrdersQueue, RejectsAnOutOfRangeReceiveCountNamingTheField) {
  edustack::App app;
  edustack::Stack stack(app, "s");
  try {
    orders::QueueWithDeadLetter queue(stack, "q", {.name = "q", .max_receive_count = 0});
    FAIL() << "expected a ConfigError";
  } catch (const edustack::ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/q");
    EXPECT_EQ(error.field(), "max_receive_count");
  }
}

}  // namespace
