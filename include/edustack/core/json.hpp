#pragma once

// The JSON texts of a value, as synthesis writes them.

#include <cstddef>
#include <string>

namespace edustack::inline core {

class Value;

// Writes a stack document as Terraform JSON: keys sorted, 2-space indent, final newline.
// Expressions become "${...}" strings. Literal strings, and object keys, get "${" / "%{"
// escaped, except in the positions Terraform reads verbatim (the terraform block, variable
// default/description/type, output description, provider alias, module source/version, "//"
// comments).
// A value JSON cannot carry (NaN, infinity, a string that is not UTF-8) is never written as
// something else: with invalid given, *invalid is set and the caller reports every such value
// with its path (for_each_invalid_value); without it, Error "value.invalid" is thrown.
// expected_size reserves the text's capacity up front: growing a 35 MB string by doubling
// copies it and holds both buffers at once (pages reserved and never written cost no memory).
std::string write_terraform_json(const Value& document, bool* invalid = nullptr,
                                 std::size_t expected_size = 4096);

// Plain JSON of a value with no expressions (the manifest). Throws Error "value.invalid" on a
// value JSON cannot carry.
std::string write_json(const Value& value);

}  // namespace edustack::inline core
