#pragma once

// Walks over the expressions inside a value, for code that reads configurations (compliance
// rules, linters, the validator). Read-only: nothing here changes a value.

#include <functional>

#include "edustack/core/expression.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core {

// Calls visit for every element an expression inside value refers to, in document order
// (object keys sorted), an element once per reference.
void for_each_reference(const Value& value, const std::function<void(const Element&)>& visit);

// Calls visit for every expression inside value, outermost first, then its operands in order:
// `merge(var.a, {x = aws_kms_key.k.arn})` visits the call, the reference to var.a, then the
// reference to aws_kms_key.k.
void for_each_expression(const Value& value, const std::function<void(const Expression&)>& visit);

// The call of function (its arguments) when value is that call, else nullptr:
// call_arguments(tags, "merge") gives the merged maps.
const std::vector<Value>* call_arguments(const Value& value, std::string_view function);

}  // namespace edustack::inline core
