#include "orders_stack.hpp"

#include <edustack/aws/lambda_event_source_mapping.hpp>

namespace orders {

namespace c = edustack::constructs;

OrdersStack::OrdersStack(edustack::App& app, std::string_view id, const std::string& environment)
    : Stack(app, id),
      backend_(*this, "backend",
               {.bucket = "orders-tfstate",
                .key = "orders/" + environment + ".tfstate",
                .region = "eu-west-2"}),
      aws_(*this, "aws",
           {.default_tags = {{.tags = {{"team", "orders"}, {"environment", environment}}}},
            .region = "eu-west-2"}),
      key_(*this, "key",
           {.alias = "orders-" + environment, .service_principals = {"sqs.amazonaws.com"}}),
      archive_(*this, "archive",
               {.name = "orders-archive-" + environment,
                .kms_key_arn = key_.arn(),
                .lifecycle = {{.id = "archive", .transition_to_glacier_days = 90}}}),
      orders_(*this, "orders", {.name = "orders-" + environment, .kms_key_arn = key_.arn()}),
      consumer_(*this, "consumer",
                {.function_name = "orders-consumer-" + environment,
                 .files = {{.path = "handler.py", .content = std::string(assets::handler_py)}},
                 .environment = {{"ARCHIVE_BUCKET", archive_.name()}},
                 .statements = {{.actions = {"sqs:ReceiveMessage", "sqs:DeleteMessage",
                                             "sqs:GetQueueAttributes"},
                                 .resources = {orders_.arn()}},
                                {.actions = {"s3:PutObject"}, .resources = {archive_.arn() + "/*"}},
                                {.actions = {"kms:Decrypt", "kms:GenerateDataKey"},
                                 .resources = {key_.arn()}}}}),
      queue_url_(*this, "queue_url", {.value = orders_.url()}) {
  // A generated type used directly: the queue triggers the function.
  make<edustack::aws::LambdaEventSourceMapping>(
      "consumer-events",
      edustack::aws::LambdaEventSourceMappingConfig{
          .batch_size = 10, .event_source_arn = orders_.arn(), .function_name = consumer_.arn()});
}

}  // namespace orders
