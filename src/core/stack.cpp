#include "edustack/core/stack.hpp"

#include <chrono>
#include <map>
#include <unordered_map>

#include "edustack/core/app.hpp"
#include "edustack/core/data_source.hpp"
#include "edustack/core/element.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/error.hpp"
#include "json_writer.hpp"
#include "render.hpp"
#include "stack_checks.hpp"

namespace edustack::inline core {

Stack::Stack(App& app, std::string_view id, StackConfig config)
    : Construct(app, id), config_(std::move(config)) {
  node().is_stack_ = true;
}

Stack& Stack::of(const Construct& construct) {
  for (const Construct* current = &construct; current; current = current->node().scope()) {
    if (current->node().is_stack_) return *const_cast<Stack*>(static_cast<const Stack*>(current));
  }
  throw ConstructError("construct.no_stack", "[" + construct.node().path() +
                                                 "] a Terraform element must be created inside a "
                                                 "Stack");
}

void Stack::add_required_provider(const std::string& name, ProviderRequirement requirement) {
  required_providers_[name] = std::move(requirement);
}

void Stack::add_override(std::string_view path, Value value) {
  overrides_.emplace_back(std::string(path), std::move(value));
}

std::string Stack::add_asset(std::string relative_path, std::string content) {
  bool valid = !relative_path.empty() && relative_path.front() != '/' &&
               relative_path.find("..") == std::string::npos && relative_path != "main.tf.json" &&
               relative_path.find('\\') == std::string::npos;
  if (!valid) {
    throw ConfigError(
        node().path(), "asset",
        "\"" + relative_path + "\" must be a relative path inside the stack directory");
  }
  for (const auto& asset : assets_) {
    if (asset.path != relative_path) continue;
    if (asset.content == content) return relative_path;
    throw ConfigError(node().path(), "asset",
                      "\"" + relative_path + "\" was already added with other content");
  }
  assets_.push_back({relative_path, std::move(content)});
  return relative_path;
}

std::vector<const Element*> Stack::elements() const {
  std::vector<const Element*> out;
  std::vector<const Construct*> pending{this};
  while (!pending.empty()) {
    const Construct* current = pending.back();
    pending.pop_back();
    if (auto* element = dynamic_cast<const Element*>(current)) out.push_back(element);
    const auto& kids = current->node().children();
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) {
      if (!(*it)->node().is_stack_) pending.push_back(*it);
    }
  }
  return out;
}

namespace {

Value& block_at(Value& document, const std::vector<std::string>& path, std::size_t depth) {
  Value* current = &document;
  for (std::size_t i = 0; i < depth; ++i) current = &(*current)[path[i]];
  return *current;
}

}  // namespace

StackArtifact Stack::synthesize(const SynthOptions& options) const {
  auto started = std::chrono::steady_clock::now();
  std::vector<Diagnostic> problems;
  const auto elements = this->elements();

  // Logical ids must be unique within their namespace (resource type, variable, ...).
  std::unordered_map<std::string, const Element*> names;
  names.reserve(elements.size());
  for (const Element* element : elements) {
    auto [it, inserted] =
        names.emplace(element->id_namespace() + '\n' + element->unique_name(), element);
    if (!inserted) {
      problems.push_back({element->node().path(),
                          "\"" + element->unique_name() + "\" (" + element->id_namespace() +
                              ") is also the name of " + it->second->node().path() +
                              "; rename one or override its logical id",
                          "synth.id_collision"});
    }
  }

  Value document = Value::Object{};
  Value& terraform = document["terraform"];
  if (!config_.required_version.empty()) terraform["required_version"] = config_.required_version;
  for (const auto& [name, requirement] : required_providers_) {
    Value entry = Value::Object{};
    if (!requirement.source.empty()) entry["source"] = requirement.source;
    if (!requirement.version.empty()) entry["version"] = requirement.version;
    terraform["required_providers"][name] = std::move(entry);
  }

  detail::SynthChecks checks(*this, elements);
  std::size_t resource_count = 0;
  for (std::size_t element_index = 0; element_index < elements.size(); ++element_index) {
    const Element* element = elements[element_index];
    if (dynamic_cast<const Resource*>(element)) ++resource_count;
    auto check_target = [&](const Element& target) {
      checks.reference(element_index, target);
      if (&target.stack() != this) {
        problems.push_back({element->node().path(),
                            "refers to " + target.node().path() + " in stack \"" +
                                target.stack().node().id() +
                                "\"; references across stacks are not supported (pass the value "
                                "through a variable or a data source)",
                            "synth.cross_stack_reference"});
      }
    };
    for (const Element* dependency : element->explicit_dependencies()) check_target(*dependency);
    for (auto& fragment : element->synthesize()) {
      for_each_reference(fragment.body, check_target);
      if (options.metadata && dynamic_cast<const ResourceBase*>(element) && !fragment.append &&
          fragment.body.is_object()) {
        fragment.body["//"] =
            Value::Object{{"metadata", Value::Object{{"path", element->node().path()}}}};
      }
      const auto& path = fragment.block_path;
      if (path.empty()) continue;
      if (fragment.append) {
        Value& list = block_at(document, path, path.size());
        if (list.is_null()) list = Value::List{};
        list.as_list().push_back(std::move(fragment.body));
      } else {
        Value& parent = block_at(document, path, path.size() - 1);
        if (parent.find(path.back())) continue;  // an id collision, reported above
        parent[path.back()] = std::move(fragment.body);
      }
    }
  }

  for (const auto& [path, value] : overrides_) apply_override(document, path, &value);
  checks.check_document(document, problems);
  checks.check_cycles(problems);
  checks.check_sensitive_outputs(problems);
  if (!problems.empty()) {
    checks.check_values(document, problems);  // so that one run lists every problem
    throw SynthError(std::move(problems));
  }

  StackArtifact artifact;
  artifact.name = node().id();
  artifact.construct_path = node().path();
  artifact.file = "stacks/" + artifact.name + "/main.tf.json";
  bool invalid_values = false;
  artifact.json = write_terraform_json(document, &invalid_values);
  if (invalid_values) {
    checks.check_values(document, problems);
    if (problems.empty()) {
      problems.push_back({node().path(), "the document holds a value JSON cannot carry",
                          "synth.invalid_value"});
    }
    throw SynthError(std::move(problems));
  }
  artifact.resource_count = resource_count;
  artifact.assets = assets_;
  artifact.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return artifact;
}

}  // namespace edustack::inline core
