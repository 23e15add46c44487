#include "edustack/testing.hpp"

#include <algorithm>
#include <stdexcept>

#include "edustack/core/app.hpp"

namespace edustack::testing {

using nlohmann::json;

SynthesizedStack::SynthesizedStack(json document, std::string stack_path)
    : document_(std::move(document)), stack_path_(std::move(stack_path)) {}

SynthesizedStack synthesize(Stack& stack) {
  auto& app = dynamic_cast<App&>(stack.node().root());
  auto result = app.synth_in_memory({.stacks = {stack.node().id()}, .metadata = true});
  return SynthesizedStack(json::parse(result.stacks.at(0).json), stack.node().path());
}

namespace {

std::vector<json> bodies(const json& document, std::string_view section, std::string_view type) {
  std::vector<json> out;
  auto block = document.find(section);
  if (block == document.end()) return out;
  auto of_type = block->find(type);
  if (of_type == block->end()) return out;
  for (const auto& [name, body] : of_type->items()) out.push_back(body);
  return out;
}

std::string metadata_path(const json& body) {
  auto comment = body.find("//");
  if (comment == body.end()) return "";
  return comment->value("/metadata/path"_json_pointer, "");
}

// Keys of expected that actual lacks or holds differently: the explanation of a mismatch.
void differences(const json& actual, const json& expected, const std::string& where,
                 std::vector<std::string>& out) {
  if (expected.is_object() && actual.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      std::string path = where.empty() ? key : where + "." + key;
      auto it = actual.find(key);
      if (it == actual.end()) {
        out.push_back(path + " is missing");
      } else {
        differences(*it, value, path, out);
      }
    }
    return;
  }
  if (!json_contains(actual, expected)) {
    out.push_back(where + " is " + actual.dump() + ", expected " + expected.dump());
  }
}

}  // namespace

std::vector<json> SynthesizedStack::resource_bodies(std::string_view type) const {
  return bodies(document_, "resource", type);
}

std::vector<json> SynthesizedStack::data_source_bodies(std::string_view type) const {
  return bodies(document_, "data", type);
}

// The blocks whose elements have construct paths and addresses: resource, data, ephemeral.
constexpr const char* kSections[] = {"resource", "data", "ephemeral"};

const json& SynthesizedStack::resource_at(std::string_view construct_path) const {
  std::string wanted(construct_path);
  if (wanted.rfind(stack_path_ + "/", 0) != 0) wanted = stack_path_ + "/" + wanted;
  std::vector<std::string> known;
  for (const char* section : kSections) {
    auto block = document_.find(section);
    if (block == document_.end()) continue;
    for (const auto& [type, instances] : block->items()) {
      for (const auto& [name, body] : instances.items()) {
        std::string path = metadata_path(body);
        if (path == wanted) return body;
        known.push_back(path);
      }
    }
  }
  std::string message = "no resource at construct path " + wanted + "; resources are at:";
  for (const auto& path : known) message += "\n  " + path;
  throw std::out_of_range(message);
}

std::string SynthesizedStack::address_at(std::string_view construct_path) const {
  const json& wanted = resource_at(construct_path);
  for (const char* section : kSections) {
    auto block = document_.find(section);
    if (block == document_.end()) continue;
    for (const auto& [type, instances] : block->items()) {
      for (const auto& [name, body] : instances.items()) {
        if (&body == &wanted) {
          std::string prefix = section == std::string_view("resource") ? "" : section;
          return (prefix.empty() ? "" : prefix + ".") + type + "." + name;
        }
      }
    }
  }
  return "";
}

void PrintTo(const SynthesizedStack& stack, std::ostream* os) {
  *os << "synthesized stack " << stack.stack_path();
}

bool json_contains(const json& actual, const json& expected) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& [key, value] : expected.items()) {
      auto it = actual.find(key);
      if (it == actual.end() || !json_contains(*it, value)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!json_contains(actual[i], expected[i])) return false;
    }
    return true;
  }
  if (expected.is_number() && actual.is_number()) {
    return expected.get<double>() == actual.get<double>();
  }
  return actual == expected;
}

bool StackMatcher::MatchAndExplain(const SynthesizedStack& stack, std::ostream* os) const {
  const json& document = stack.document();
  auto list_types = [&](const char* section) {
    std::string names;
    if (auto block = document.find(section); block != document.end()) {
      for (const auto& [type, instances] : block->items()) {
        names += (names.empty() ? "" : ", ") + type + " (" + std::to_string(instances.size()) + ")";
      }
    }
    return names.empty() ? std::string("none") : names;
  };
  switch (kind_) {
    case Kind::resource: {
      if (stack.count(name_) > 0) return true;
      if (os)
        *os << "the stack has no " << name_
            << "; its resource types are: " << list_types("resource");
      return false;
    }
    case Kind::resource_count: {
      auto count = stack.count(name_);
      if (os) *os << "the stack has " << count << " " << name_;
      return count == count_;
    }
    case Kind::resource_properties:
    case Kind::data_source: {
      auto candidates = kind_ == Kind::data_source ? stack.data_source_bodies(name_)
                                                   : stack.resource_bodies(name_);
      const char* section = kind_ == Kind::data_source ? "data" : "resource";
      if (candidates.empty()) {
        if (os) *os << "the stack has no " << name_ << "; its types are: " << list_types(section);
        return false;
      }
      std::vector<std::pair<std::vector<std::string>, std::string>> misses;
      for (const auto& body : candidates) {
        if (json_contains(body, properties_)) return true;
        std::vector<std::string> diff;
        differences(body, properties_, "", diff);
        misses.emplace_back(std::move(diff), metadata_path(body));
      }
      std::sort(misses.begin(), misses.end(),
                [](const auto& a, const auto& b) { return a.first.size() < b.first.size(); });
      if (os) {
        *os << "none of the " << candidates.size() << " " << name_
            << " matches; closest candidates:";
        for (std::size_t i = 0; i < misses.size() && i < 3; ++i) {
          *os << "\n  " << (misses[i].second.empty() ? "(no path)" : misses[i].second) << ":";
          for (const auto& line : misses[i].first) *os << "\n    " << line;
        }
      }
      return false;
    }
    case Kind::output: {
      auto block = document.find("output");
      if (block != document.end() && block->contains(name_)) return true;
      if (os) {
        *os << "the stack has no output " << name_ << "; outputs:";
        if (block != document.end()) {
          for (const auto& [name, body] : block->items()) *os << " " << name;
        }
      }
      return false;
    }
    case Kind::provider: {
      auto block = document.find("provider");
      if (block != document.end() && block->contains(name_)) return true;
      if (os) *os << "the stack configures no provider " << name_;
      return false;
    }
  }
  return false;
}

void StackMatcher::DescribeTo(std::ostream* os) const {
  switch (kind_) {
    case Kind::resource:
      *os << "has a resource of type " << name_;
      break;
    case Kind::resource_count:
      *os << "has " << count_ << " resources of type " << name_;
      break;
    case Kind::resource_properties:
      *os << "has a " << name_ << " with properties " << properties_.dump();
      break;
    case Kind::data_source:
      *os << "has a data source " << name_ << " with properties " << properties_.dump();
      break;
    case Kind::output:
      *os << "has an output " << name_;
      break;
    case Kind::provider:
      *os << "has a provider " << name_;
      break;
  }
}

void StackMatcher::DescribeNegationTo(std::ostream* os) const {
  *os << "not (";
  DescribeTo(os);
  *os << ")";
}

}  // namespace edustack::testing
