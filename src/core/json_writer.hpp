#pragma once

#include <string>

#include "edustack/core/value.hpp"

namespace edustack::inline core {

// Writes a stack document as Terraform JSON: keys sorted, 2-space indent, final newline.
// Expressions become "${...}" strings. Literal strings get "${" / "%{" escaped, except in the
// positions Terraform reads verbatim (the terraform block, variable default/description/type,
// output description, provider alias, module source/version, "//" comments).
std::string write_terraform_json(const Value& document);

// Plain JSON of a value with no expressions (the manifest).
std::string write_json(const Value& value);

}  // namespace edustack::inline core
