#pragma once

#include <edustack/aws/sqs_queue.hpp>
#include <edustack/core/construct.hpp>
#include <string>
#include <string_view>

namespace orders {

struct QueueWithDeadLetterConfig {
  std::string name;              // the queue; the dead-letter queue is "<name>-dlq"
  edustack::String kms_key_arn;  // both queues are encrypted with this key
  int max_receive_count = 5;     // deliveries before a message moves to the DLQ (1-1000)
  int visibility_timeout_seconds = 60;
};

// The team's own construct: a KMS-encrypted SQS queue whose failed messages go to a
// dead-letter queue kept for 14 days. Children: "queue" and "dlq".
class QueueWithDeadLetter : public edustack::Construct {
 public:
  QueueWithDeadLetter(edustack::Construct& scope, std::string_view id,
                      QueueWithDeadLetterConfig config);

  edustack::StringExpr arn() const { return queue_.arn(); }
  edustack::StringExpr url() const { return queue_.url(); }
  edustack::StringExpr dead_letter_arn() const { return dead_letter_.arn(); }

 private:
  edustack::aws::SqsQueue dead_letter_;
  edustack::aws::SqsQueue queue_;
};

}  // namespace orders
