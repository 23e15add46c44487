#include "edustack/core/element.hpp"

#include <algorithm>
#include <charconv>

#include "edustack/core/logical_id.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/error.hpp"
#include "logical_id_parts.hpp"
#include "render.hpp"

namespace edustack::inline core {

Element::Element(Construct& scope, std::string_view id, std::optional<SourceLocation> created_at)
    : Construct(scope, id, created_at.value_or(scope.node().created_at())),
      stack_(&Stack::of(*this)) {}

Element::~Element() = default;

std::string Element::unique_name() const { return logical_id(); }

const std::string& Element::logical_id() const {
  if (logical_id_.empty()) {
    std::vector<std::string_view> components;  // the ids below the stack, leaf first
    components.reserve(8);
    for (const Construct* current = this; current && current != stack_;
         current = current->node().scope()) {
      components.push_back(current->node().id());
    }
    std::reverse(components.begin(), components.end());
    logical_id_ = detail::make_logical_id(components.data(), components.size());
  }
  return logical_id_;
}

void Element::override_logical_id(std::string logical_id) {
  if (logical_id.empty()) {
    throw ConfigError(node().path(), "logical_id", "a logical id override must not be empty");
  }
  logical_id_ = std::move(logical_id);
  logical_id_overridden_ = true;
}

void Element::add_override(std::string_view path, Value value) {
  overrides_.push_back({std::string(path), std::move(value), false});
}

void Element::add_deletion_override(std::string_view path) {
  overrides_.push_back({std::string(path), Value(), true});
}

std::vector<Fragment> Element::synthesize() const {
  std::vector<Fragment> out;
  fragments(out);
  if (!out.empty()) {
    for (const auto& override : overrides_) {
      apply_override(out.front().body, override.path, override.remove ? nullptr : &override.value);
    }
  }
  return out;
}

std::vector<const Element*> referenced_elements(const Value& value) {
  std::vector<const Element*> out;
  for_each_reference(value, [&](const Element& element) { out.push_back(&element); });
  return out;
}

std::vector<const Element*> Element::references() const {
  std::vector<const Element*> out;
  auto add = [&](const Element* element) {
    if (element != this && std::find(out.begin(), out.end(), element) == out.end()) {
      out.push_back(element);
    }
  };
  for (const Element* element : explicit_dependencies()) add(element);
  for (const auto& fragment : synthesize()) {
    for (const Element* element : referenced_elements(fragment.body)) add(element);
  }
  return out;
}

namespace {

std::vector<std::string> split_override_path(std::string_view path) {
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '\\' && i + 1 < path.size() && path[i + 1] == '.') {
      parts.back() += '.';
      ++i;
    } else if (path[i] == '.') {
      parts.emplace_back();
    } else {
      parts.back() += path[i];
    }
  }
  return parts;
}

bool parse_index(const std::string& text, std::size_t& index) {
  if (text.empty()) return false;
  auto result = std::from_chars(text.data(), text.data() + text.size(), index);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

}  // namespace

void apply_override(Value& target, std::string_view path, const Value* value) {
  auto parts = split_override_path(path);
  Value* current = &target;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    std::size_t index = 0;
    if (current->is_list() && parse_index(parts[i], index)) {
      auto& list = current->as_list();
      if (index >= list.size()) {
        if (!value) return;
        list.resize(index + 1);
      }
      current = &list[index];
      continue;
    }
    if (!current->is_object()) {
      if (!value) return;
      *current = Value::Object{};
    }
    if (!value && !current->find(parts[i])) return;
    current = &(*current)[parts[i]];
  }
  const std::string& last = parts.back();
  std::size_t index = 0;
  if (current->is_list() && parse_index(last, index)) {
    auto& list = current->as_list();
    if (!value) {
      if (index < list.size()) list.erase(list.begin() + static_cast<std::ptrdiff_t>(index));
      return;
    }
    if (index >= list.size()) list.resize(index + 1);
    list[index] = *value;
    return;
  }
  if (!value) {
    if (current->is_object()) {
      auto& object = current->as_object();
      auto it = object.find(last);
      if (it != object.end()) object.erase(it);
    }
    return;
  }
  if (!current->is_object()) *current = Value::Object{};
  (*current)[last] = *value;
}

}  // namespace edustack::inline core
