#include "queue_with_dead_letter.hpp"

#include <edustack/core/functions.hpp>
#include <edustack/error.hpp>
#include <utility>

namespace orders {

namespace {

QueueWithDeadLetterConfig checked(const edustack::Construct& scope, std::string_view id,
                                  QueueWithDeadLetterConfig config) {
  std::string path = scope.node().path() + "/" + std::string(id);
  if (config.name.empty() || config.name.size() > 76) {
    throw edustack::ConfigError(path, "name", "must be 1-76 characters (80 with \"-dlq\")");
  }
  if (config.max_receive_count < 1 || config.max_receive_count > 1000) {
    throw edustack::ConfigError(path, "max_receive_count", "must be 1 to 1000");
  }
  return config;
}

}  // namespace

QueueWithDeadLetter::QueueWithDeadLetter(edustack::Construct& scope, std::string_view id,
                                         QueueWithDeadLetterConfig config)
    : Construct(scope, id),
      dead_letter_(*this, "dlq",
                   {.kms_master_key_id = checked(scope, id, config).kms_key_arn,
                    .message_retention_seconds = 14 * 24 * 3600,
                    .name = config.name + "-dlq"}),
      queue_(*this, "queue",
             {.kms_master_key_id = config.kms_key_arn,
              .name = config.name,
              .redrive_policy = edustack::fn::jsonencode(
                  edustack::Value::Object{{"deadLetterTargetArn", dead_letter_.arn()},
                                          {"maxReceiveCount", config.max_receive_count}}),
              .visibility_timeout_seconds = config.visibility_timeout_seconds}) {}

}  // namespace orders
