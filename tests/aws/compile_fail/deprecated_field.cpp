// Setting a deprecated argument warns (an error here, with -Werror); using the same type without
// naming the field compiles cleanly under -Wall -Wextra -Werror.
//
// GCC 12 warns when the field is named in a member access (config.acl = ...) but not when it is
// named by a designator ({.acl = ...}); Clang warns for both.
#include "edustack/aws/s3_bucket.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
  edustack::aws::S3BucketConfig config{.bucket = "logs"};
#ifdef EDUSTACK_COMPILE_FAIL
  config.acl = "private";
#endif
  edustack::aws::S3Bucket bucket(stack, "logs", config);
  edustack::aws::S3BucketConfig copy = bucket.config();
  (void)copy;
}
