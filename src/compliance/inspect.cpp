#include "edustack/compliance/inspect.hpp"

#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>

#include "edustack/compliance/rule.hpp"
#include "edustack/core/inspect.hpp"
#include "edustack/core/provider.hpp"
#include "edustack/core/resource.hpp"
#include "json_value.hpp"

namespace edustack::compliance {

namespace {

bool parse_index(std::string_view text, std::size_t& index) {
  if (text.empty()) return false;
  auto result = std::from_chars(text.data(), text.data() + text.size(), index);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// "aws_kms_key." appearing as a reference in rendered HCL, not as part of a longer name.
bool mentions_type(std::string_view text, std::string_view type) {
  const std::string needle = std::string(type) + ".";
  for (auto position = text.find(needle); position != std::string_view::npos;
       position = text.find(needle, position + 1)) {
    if (position == 0 || !is_identifier_char(text[position - 1])) return true;
  }
  return false;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

const Value* at(const Value& value, std::string_view dotted_path) {
  const Value* current = &value;
  while (!dotted_path.empty() && current) {
    auto dot = dotted_path.find('.');
    std::string_view part = dotted_path.substr(0, dot);
    dotted_path = dot == std::string_view::npos ? std::string_view() : dotted_path.substr(dot + 1);
    std::size_t index = 0;
    if (parse_index(part, index)) {
      if (current->is_list()) {
        const auto& list = current->as_list();
        current = index < list.size() ? &list[index] : nullptr;
      } else if (!(current->is_object() && index == 0)) {
        current = nullptr;
      }
      continue;
    }
    if (current->is_list()) {
      const auto& list = current->as_list();
      if (list.empty()) return nullptr;
      current = &list.front();
    }
    current = current->find(part);
  }
  return current;
}

std::vector<const Value*> blocks(const Value* value) {
  std::vector<const Value*> out;
  if (!value) return out;
  if (value->is_object()) {
    out.push_back(value);
  } else if (value->is_list()) {
    for (const auto& item : value->as_list()) {
      if (item.is_object()) out.push_back(&item);
    }
  }
  return out;
}

std::optional<bool> boolean(const Value* value) {
  if (!value) return std::nullopt;
  if (value->kind() == Value::Kind::boolean) return value->as_bool();
  if (value->is_string()) {
    if (value->as_string() == "true") return true;
    if (value->as_string() == "false") return false;
  }
  return std::nullopt;
}

bool is_true(const Value* value) { return boolean(value).value_or(false); }

std::optional<double> number(const Value* value) {
  if (!value) return std::nullopt;
  if (value->is_number()) return value->as_number();
  if (value->is_string()) {
    const auto& s = value->as_string();
    double d = 0;
    auto result = std::from_chars(s.data(), s.data() + s.size(), d);
    if (!s.empty() && result.ec == std::errc() && result.ptr == s.data() + s.size()) return d;
  }
  return std::nullopt;
}

std::string text(const Value* value) {
  if (!value) return {};
  switch (value->kind()) {
    case Value::Kind::string:
      return value->as_string();
    case Value::Kind::expression:
      return value->as_expression().to_string();
    case Value::Kind::boolean:
      return value->as_bool() ? "true" : "false";
    case Value::Kind::integer:
      return std::to_string(value->as_integer());
    case Value::Kind::real: {
      std::string out = std::to_string(value->as_number());
      while (out.size() > 1 && out.back() == '0') out.pop_back();
      if (!out.empty() && out.back() == '.') out.pop_back();
      return out;
    }
    default:
      return {};
  }
}

std::vector<std::string> strings(const Value* value) {
  std::vector<std::string> out;
  if (!value || value->is_null()) return out;
  if (value->is_list()) {
    for (const auto& item : value->as_list()) out.push_back(text(&item));
  } else {
    out.push_back(text(value));
  }
  return out;
}

bool is_set(const Value* value) {
  if (!value) return false;
  switch (value->kind()) {
    case Value::Kind::null:
      return false;
    case Value::Kind::string:
      return !value->as_string().empty();
    case Value::Kind::list:
      return !value->as_list().empty();
    case Value::Kind::object:
      return !value->as_object().empty();
    default:
      return true;
  }
}

bool is_expression(const Value* value) { return value && value->is_expression(); }

bool contains_expression(const Value* value) {
  if (!value) return false;
  if (value->is_expression()) return true;
  if (value->is_list()) {
    for (const auto& item : value->as_list()) {
      if (contains_expression(&item)) return true;
    }
  } else if (value->is_object()) {
    for (const auto& [key, item] : value->as_object()) {
      if (contains_expression(&item)) return true;
    }
  }
  return false;
}

bool refers_to(const Value* value, const Element& element) {
  if (!value) return false;
  bool found = false;
  for_each_reference(*value, [&](const Element& target) { found = found || &target == &element; });
  return found;
}

bool is_customer_managed_key(const Value* value) {
  if (!value) return false;
  if (value->is_expression()) {
    bool kms = false;
    for_each_reference(*value, [&](const Element& target) {
      if (const auto* resource = dynamic_cast<const ResourceBase*>(&target)) {
        const auto& type = resource->terraform_type();
        kms = kms || type == "aws_kms_key" || type == "aws_kms_alias";
      }
    });
    if (kms) return true;
    const std::string rendered = value->as_expression().to_string();
    return mentions_type(rendered, "aws_kms_key") || mentions_type(rendered, "aws_kms_alias");
  }
  if (!value->is_string()) return false;
  std::string_view s = value->as_string();
  if (starts_with(s, "arn:")) {
    if (s.find(":kms:") == std::string_view::npos) return false;
    if (s.find(":key/") != std::string_view::npos) return true;
    return s.find(":alias/") != std::string_view::npos &&
           s.find(":alias/aws/") == std::string_view::npos;
  }
  if (starts_with(s, "alias/")) return !starts_with(s, "alias/aws/");
  if (starts_with(s, "mrk-")) return true;
  // A key id: a UUID.
  if (s.size() == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-') return true;
  return false;
}

const Value* json_encoded(const Value* value) {
  if (!value || !value->is_expression()) return nullptr;
  const auto* arguments = call_arguments(*value, "jsonencode");
  return arguments && arguments->size() == 1 ? &arguments->front() : nullptr;
}

std::optional<Value> json_document(const Value* value) {
  if (!value) return std::nullopt;
  if (value->is_expression()) {
    if (const Value* encoded = json_encoded(value)) return *encoded;
    return std::nullopt;
  }
  if (value->is_object() || value->is_list()) return *value;
  if (!value->is_string()) return std::nullopt;
  auto parsed = nlohmann::json::parse(value->as_string(), nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return from_json(parsed);
}

namespace {

// Merges a tags value into out; false when it cannot be read.
bool merge_tags(const Value& tags, Value::Object& out) {
  if (tags.is_null()) return true;
  if (tags.is_object()) {
    for (const auto& [key, value] : tags.as_object()) out[key] = value;
    return true;
  }
  if (const auto* maps = call_arguments(tags, "merge")) {
    for (const auto& map : *maps) {
      if (!merge_tags(map, out)) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

std::optional<Value::Object> effective_tags(const ResourceView& resource) {
  Value::Object out;
  if (const Provider* provider = resource.stack().provider_for(resource)) {
    const Value& arguments = resource.stack().provider_arguments(*provider);
    for (const Value* block : blocks(arguments.find("default_tags"))) {
      if (const Value* tags = block->find("tags"); tags && !merge_tags(*tags, out)) {
        return std::nullopt;
      }
    }
  }
  if (const Value* tags = resource.get("tags"); tags && !merge_tags(*tags, out)) {
    return std::nullopt;
  }
  return out;
}

}  // namespace edustack::compliance
