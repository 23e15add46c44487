// The content of a dynamic block is the generated block struct, checked like a static block:
// a string element cannot go into a lifecycle rule's expiration days (a Number); the control
// iterates numbers and compiles.
#include "edustack/aws/s3_bucket_lifecycle_configuration.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/dynamic_block.hpp"
#include "edustack/core/stack.hpp"

namespace aws = edustack::aws;

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
  aws::S3BucketLifecycleConfiguration expiry(stack, "expiry", {.bucket = "logs"});
#ifdef EDUSTACK_COMPILE_FAIL
  using Element = std::string;
  auto rules = edustack::Iterator<Element>::map({{"logs", "30"}});
#else
  using Element = double;
  auto rules = edustack::Iterator<Element>::map({{"logs", 30}});
#endif
  edustack::add_dynamic_block(expiry, &aws::S3BucketLifecycleConfigurationConfig::rule, rules,
                              [](const edustack::Iterator<Element>& rule) {
                                aws::S3BucketLifecycleConfigurationRule block{.id = rule.key(),
                                                                              .status = "Enabled"};
                                aws::S3BucketLifecycleConfigurationRuleExpiration expiration;
                                expiration.days = rule.value();
                                block.expiration = {expiration};
                                return block;
                              });
}
