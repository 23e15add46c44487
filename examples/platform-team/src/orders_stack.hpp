#pragma once

#include <edustack/aws/provider.hpp>
#include <edustack/constructs/encrypted_bucket.hpp>
#include <edustack/constructs/kms_key.hpp>
#include <edustack/constructs/lambda_function.hpp>
#include <edustack/core/backend.hpp>
#include <edustack/core/output.hpp>
#include <edustack/core/stack.hpp>
#include <string>
#include <string_view>

#include "queue_with_dead_letter.hpp"

namespace orders {

namespace assets {
extern const std::string_view handler_py;  // lambda/handler.py, by edustack_embed_files
}

// The orders service of one environment: a KMS key, an encrypted archive bucket, an order queue
// with its dead-letter queue, and the Lambda function that consumes the queue.
//
// Construct ids (for resource_at): key/key, key/alias, archive/bucket, orders/queue,
// orders/dlq, consumer/function, consumer/role, consumer/log_group, consumer-events.
class OrdersStack : public edustack::Stack {
 public:
  OrdersStack(edustack::App& app, std::string_view id, const std::string& environment);

 private:
  edustack::S3Backend backend_;
  edustack::aws::Provider aws_;
  edustack::constructs::KmsKey key_;
  edustack::constructs::EncryptedBucket archive_;
  QueueWithDeadLetter orders_;
  edustack::constructs::LambdaFunction consumer_;
  edustack::Output queue_url_;
};

}  // namespace orders
