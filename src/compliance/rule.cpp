#include "edustack/compliance/rule.hpp"

#include <algorithm>

#include "edustack/compliance/inspect.hpp"
#include "edustack/compliance/rule_pack.hpp"
#include "edustack/core/data_source.hpp"
#include "edustack/core/json.hpp"
#include "edustack/core/provider.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/error.hpp"

namespace edustack::compliance {

const char* to_string(Severity severity) noexcept {
  return severity == Severity::error ? "error" : "warning";
}

ResourceView::ResourceView(const ResourceBase& element, const StackView& stack)
    : ResourceView(element, stack, nullptr) {
  auto fragments = element.synthesize();
  if (!fragments.empty() && !fragments.front().body.is_null()) {
    arguments_ = std::move(fragments.front().body);
  }
}

ResourceView::ResourceView(const ResourceBase& element, const StackView& stack,
                           const Value* arguments)
    : element_(&element),
      stack_(&stack),
      address_(element.address()),
      path_(element.node().path()),
      data_source_(dynamic_cast<const DataSource*>(&element) != nullptr) {
  if (arguments && !arguments->is_null()) {
    shared_arguments_ = arguments;
  } else {
    arguments_ = Value::Object{};
  }
}

const Value* ResourceView::get(std::string_view dotted_path) const {
  return at(arguments(), dotted_path);
}

std::string ResourceView::json() const { return write_terraform_json(arguments()); }

StackView::StackView(const Stack& stack) : stack_(&stack) {
  const auto elements = stack.elements();
  resources_.reserve(elements.size());
  for (const Element* element : elements) {
    if (const auto* resource = dynamic_cast<const ResourceBase*>(element)) {
      resources_.emplace_back(*resource, *this);
    } else if (const auto* provider = dynamic_cast<const Provider*>(element)) {
      providers_.push_back(provider);
    }
  }
}

StackView::StackView(const Stack& stack, const SynthesizedElements& synthesized) : stack_(&stack) {
  resources_.reserve(synthesized.elements.size());
  for (std::size_t index = 0; index < synthesized.elements.size(); ++index) {
    const Element* element = synthesized.elements[index];
    const auto& fragments = synthesized.fragments[index];
    const Value* body = fragments.empty() ? nullptr : &fragments.front().body;
    if (const auto* resource = dynamic_cast<const ResourceBase*>(element)) {
      resources_.emplace_back(*resource, *this, body);
    } else if (const auto* provider = dynamic_cast<const Provider*>(element)) {
      providers_.push_back(provider);
      synthesized_providers_.emplace(provider, body);
    }
  }
}

std::vector<const ResourceView*> StackView::of_type(std::string_view type) const {
  std::vector<const ResourceView*> out;
  for (const auto& resource : resources_) {
    if (resource.type() == type) out.push_back(&resource);
  }
  return out;
}

const ResourceView* StackView::find(const Element& element) const {
  for (const auto& resource : resources_) {
    if (&resource.element() == &element) return &resource;
  }
  return nullptr;
}

std::vector<const ResourceView*> StackView::referring_to(const ResourceView& target,
                                                         std::string_view type,
                                                         std::string_view argument,
                                                         std::string_view target_argument) const {
  std::vector<const ResourceView*> out;
  const Value* name = target_argument.empty() ? nullptr : target.get(target_argument);
  for (const auto& candidate : resources_) {
    if (candidate.type() != type || candidate.is_data_source() != false) continue;
    const Value* value = candidate.get(argument);
    if (!value) continue;
    if (refers_to(value, target.element()) || (name && name->is_string() && value->is_string() &&
                                               name->as_string() == value->as_string())) {
      out.push_back(&candidate);
    }
  }
  return out;
}

const Provider* StackView::provider_for(const ResourceView& resource) const {
  if (const Provider* chosen = resource.element().provider()) return chosen;
  const std::string& type = resource.type();
  const std::string local_name = type.substr(0, type.find('_'));
  for (const Provider* provider : providers_) {
    if (provider->name() == local_name && provider->alias().empty()) return provider;
  }
  return nullptr;
}

const Value& StackView::provider_arguments(const Provider& provider) const {
  if (auto it = synthesized_providers_.find(&provider);
      it != synthesized_providers_.end() && it->second) {
    return *it->second;
  }
  auto [it, inserted] = provider_arguments_.try_emplace(&provider);
  if (inserted) {
    auto fragments = provider.synthesize();
    it->second = fragments.empty() ? Value(Value::Object{}) : std::move(fragments.front().body);
  }
  return it->second;
}

Rule::Rule(RuleInfo info) : info_(std::move(info)) {}

bool Rule::applies_to(const ResourceView& resource) const {
  if (resource.is_data_source()) return false;
  const auto& types = info_.resource_types;
  return types.empty() || std::find(types.begin(), types.end(), resource.type()) != types.end();
}

std::string Rule::skip_reason(const ResourceView&) const { return {}; }

namespace {

class FunctionRule : public Rule {
 public:
  FunctionRule(RuleInfo info, CheckFunction function)
      : Rule(std::move(info)), function_(std::move(function)) {}
  Violations check(const ResourceView& resource) const override { return function_(resource); }

 private:
  CheckFunction function_;
};

}  // namespace

std::shared_ptr<const Rule> make_rule(RuleInfo info, CheckFunction check) {
  if (!check) throw ConfigError(info.id, "check", "a rule needs a check function");
  return std::make_shared<FunctionRule>(std::move(info), std::move(check));
}

RulePack::RulePack(std::string name, std::string version)
    : name_(std::move(name)), version_(std::move(version)) {}

void RulePack::add(std::shared_ptr<const Rule> rule) {
  if (!rule) throw ConfigError(name_, "rule", "a rule pack cannot hold a null rule");
  const std::string& id = rule->info().id;
  if (id.empty()) throw ConfigError(name_, "rule.id", "a rule needs a non-empty id");
  if (find(id)) {
    throw ConfigError(name_, "rule.id", "there is already a rule with id \"" + id + "\"");
  }
  rules_.push_back(std::move(rule));
}

const Rule* RulePack::find(std::string_view id) const {
  for (const auto& rule : rules_) {
    if (rule->info().id == id) return rule.get();
  }
  return nullptr;
}

}  // namespace edustack::compliance
