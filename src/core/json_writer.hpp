#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/json.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core {

// write_terraform_json and write_json are public: edustack/core/json.hpp.

bool valid_utf8(std::string_view text);
// "byte 0xff at offset 3": where text stops being UTF-8.
std::string describe_invalid_utf8(std::string_view text);

// Calls visit for every value JSON cannot carry, with its path (object keys, list indexes).
using InvalidValueVisitor =
    std::function<void(const std::vector<std::string>& path, const std::string& what)>;
void for_each_invalid_value(const Value& value, const InvalidValueVisitor& visit);

}  // namespace edustack::inline core
