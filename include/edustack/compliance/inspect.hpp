#pragma once

// Helpers for reading argument values in rules. They take pointers (what ResourceView::get
// returns) so a missing argument needs no special case: every helper accepts nullptr.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/value.hpp"

namespace edustack::compliance {

// A value by dotted path (see ResourceView::get).
const Value* at(const Value& value, std::string_view dotted_path);
// The blocks of a nested-block argument: the objects of a list, or the object itself.
std::vector<const Value*> blocks(const Value* value);

// A literal boolean (or the strings "true"/"false"); nullopt when absent or an expression.
std::optional<bool> boolean(const Value* value);
bool is_true(const Value* value);
// A literal number (or a numeric string); nullopt otherwise.
std::optional<double> number(const Value* value);
// A literal string, a number as text, or an expression rendered as Terraform reads it
// ("${aws_kms_key.data.arn}"); "" for null, lists and objects.
std::string text(const Value* value);
// The strings of a string or list argument (expressions rendered).
std::vector<std::string> strings(const Value* value);
// Not null, and not an empty string, list or object.
bool is_set(const Value* value);
bool is_expression(const Value* value);
// An expression, or a value with an expression anywhere inside.
bool contains_expression(const Value* value);
// Whether an expression inside value references element.
bool refers_to(const Value* value, const Element& element);

// A customer-managed KMS key: an expression referencing an aws_kms_key or aws_kms_alias
// (resource or data source), a key or alias ARN, a key id, or an alias name other than the
// AWS-managed "alias/aws/...".
bool is_customer_managed_key(const Value* value);

// A JSON document argument as a value: the argument of jsonencode(...), or a literal JSON
// string parsed. nullopt when it is something else (a reference, a file() call, invalid JSON).
std::optional<Value> json_document(const Value* value);
// The argument of a jsonencode(...) expression, without copying it; nullptr for anything else.
const Value* json_encoded(const Value* value);

// The DataClassification tag value etc.: the literal tags of a resource merged over the
// default_tags of its provider. nullopt when the tags cannot be read at synthesis (an
// expression other than merge() of readable maps).
class ResourceView;
std::optional<Value::Object> effective_tags(const ResourceView& resource);

}  // namespace edustack::compliance
