#pragma once

// nlohmann::json to core::Value, for JSON documents given as literal strings. Internal.

#include <nlohmann/json.hpp>

#include "edustack/core/value.hpp"

namespace edustack::compliance {

inline Value from_json(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::boolean:
      return json.get<bool>();
    case nlohmann::json::value_t::number_integer:
      return json.get<std::int64_t>();
    case nlohmann::json::value_t::number_unsigned:
      return static_cast<std::int64_t>(json.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return json.get<double>();
    case nlohmann::json::value_t::string:
      return json.get<std::string>();
    case nlohmann::json::value_t::array: {
      Value::List list;
      for (const auto& item : json) list.push_back(from_json(item));
      return list;
    }
    case nlohmann::json::value_t::object: {
      Value::Object object;
      for (const auto& [key, item] : json.items()) object.emplace(key, from_json(item));
      return object;
    }
    default:
      return Value();
  }
}

}  // namespace edustack::compliance
