// Shared by the compliance tests: literal values for resource arguments, and an IAM policy
// document as `jsonencode(...)`. One definition, so that the test files can also be compiled as
// one unit (EDUSTACK_UNITY_TESTS).
#pragma once

#include <edustack/edustack.hpp>

namespace edustack_test {
using namespace edustack;

inline Value obj(Value::Object object) { return object; }
inline Value list(Value::List items) { return items; }

inline Value policy(Value::List statements) {
  return fn::jsonencode(Value::Object{{"Version", "2012-10-17"}, {"Statement", statements}});
}

}  // namespace edustack_test

using edustack_test::list;
using edustack_test::obj;
using edustack_test::policy;
