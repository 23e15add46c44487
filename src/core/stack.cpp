#include "edustack/core/stack.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "construct_links.hpp"
#include "cross_stack.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/data_source.hpp"
#include "edustack/core/element.hpp"
#include "edustack/core/manifest.hpp"
#include "edustack/core/output.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/error.hpp"
#include "json_writer.hpp"
#include "render.hpp"
#include "stack_checks.hpp"

namespace edustack::inline core {

Stack::Stack(App& app, std::string_view id, StackConfig config, SourceLocation created_at)
    : Construct(app, id, created_at), config_(std::move(config)) {
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

namespace {

// "1.10.2" -> {1, 10, 2}; a part that is not a number ends the list.
std::vector<int> version_parts(std::string_view text) {
  std::vector<int> parts;
  while (!text.empty()) {
    std::size_t dot = text.find('.');
    std::string_view part = text.substr(0, dot);
    if (part.empty() || part.find_first_not_of("0123456789") != std::string_view::npos) break;
    parts.push_back(std::stoi(std::string(part)));
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return parts;
}

}  // namespace

void Stack::require_terraform(std::string_view minimum) {
  if (version_parts(minimum) > version_parts(minimum_terraform_)) {
    minimum_terraform_ = std::string(minimum);
  }
}

std::string Stack::required_version() const {
  const std::string& given = config_.required_version;
  if (minimum_terraform_.empty() || !given.starts_with(">= ")) return given;
  std::string_view floor = std::string_view(given).substr(3);
  if (floor.find_first_not_of("0123456789.") != std::string_view::npos) return given;
  if (version_parts(floor) >= version_parts(minimum_terraform_)) return given;
  return ">= " + minimum_terraform_;
}

void Stack::add_override(std::string_view path, Value value) {
  overrides_.emplace_back(std::string(path), std::move(value));
}

std::string Stack::add_asset(std::string relative_path, std::string content) {
  bool valid = !relative_path.empty() && relative_path.front() != '/' &&
               relative_path.find("..") == std::string::npos &&
               relative_path != layout::stack_file_name &&
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

std::optional<Expression> read_remote(const Element& element, const detail::ExpressionNode& node,
                                      const detail::CrossStackLinks& links,
                                      std::vector<Diagnostic>& problems) {
  if (&node.target->stack() == &element.stack()) return std::nullopt;
  const detail::StackExport* entry = links.find(*node.target, node.text);
  if (!entry) {
    problems.push_back({element.node().path(),
                        "refers to " + node.target->node().path() +
                            " in another stack, which was not linked for synthesis",
                        "synth.cross_stack_reference"});
    return std::nullopt;
  }
  std::string text = "data.terraform_remote_state." +
                     detail::remote_state_name(node.target->stack()) + ".outputs." + entry->name;
  if (!entry->generated && !node.text.empty()) text += "." + node.text;
  return Expression::raw(std::move(text));
}

// The blocks a stack's cross-stack links add: an output for each value other stacks read, a
// terraform_remote_state for each stack it reads. place(path, body) takes each one and returns
// false to stop; the result is false when it stopped.
template <class Place>
bool place_cross_stack_blocks(const detail::StackLinks& links, Place&& place) {
  using Path = std::vector<std::string>;
  for (const auto& entry : links.exports) {
    Value body = Value::Object{
        {"value", Value(Expression::reference(*entry.target, entry.attribute, entry.type))}};
    if (entry.sensitive) body["sensitive"] = true;
    if (!place(Path{"output", entry.name}, std::move(body))) return false;
  }
  for (const Stack* upstream : links.remote_states) {
    Path path{"data", "terraform_remote_state", detail::remote_state_name(*upstream)};
    if (!place(std::move(path), detail::remote_state_body(*upstream))) return false;
  }
  return true;
}

// A provider's entry in terraform.required_providers.
Value requirement_entry(const ProviderRequirement& requirement) {
  Value entry = Value::Object{};
  if (!requirement.source.empty()) entry["source"] = requirement.source;
  if (!requirement.version.empty()) entry["version"] = requirement.version;
  return entry;
}

std::vector<StackOutputInfo> published_outputs(const std::vector<const Element*>& elements,
                                               const detail::StackLinks& links) {
  std::vector<StackOutputInfo> out;
  for (const auto& entry : links.exports) out.push_back({entry.name, entry.type, entry.sensitive});
  for (const Element* element : elements) {
    auto* output = dynamic_cast<const Output*>(element);
    if (!output) continue;
    // A copy: value() is a temporary, and its node with it.
    const std::string type = detail::node_of(output->value()).type;
    out.push_back(
        {output->logical_id(), type.empty() ? "dynamic" : type, output->config().sensitive});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace

void Stack::add_dependency(const Stack& other) {
  if (&other == this) {
    throw ConfigError(node().path(), "dependency", "a stack cannot depend on itself");
  }
  if (std::find(dependencies_.begin(), dependencies_.end(), &other) == dependencies_.end()) {
    dependencies_.push_back(&other);
  }
}

StackArtifact Stack::synthesize(const SynthOptions& options) const {
  std::vector<Stack*> all{const_cast<Stack*>(this)};
  if (auto* app = dynamic_cast<const App*>(node().scope())) all = app->stacks();
  return synthesize(options, detail::CrossStackLinks::build(all));
}

namespace {

// What a stack's synthesis reads, for the two ways of writing its document below.
struct SynthContext {
  const Stack& stack;
  const SynthOptions& options;
  const detail::CrossStackLinks& links;
  const detail::StackLinks& own;
  const std::vector<const Element*>& elements;
  const detail::ConstructLinks& construct_links;
  const std::vector<std::pair<std::string, Value>>& overrides;
};

// The fragments of element number index as the document holds them: the depends_on of its
// construct links merged into the first, the moves of its subtree added, references to other
// stacks read through terraform_remote_state and, with options.metadata, the construct path in
// "//". Every reference it makes is passed to checks.
void prepare_fragments(const SynthContext& context, std::size_t index, const Element& element,
                       std::vector<Fragment>& fragments, detail::SynthChecks& checks,
                       std::vector<Diagnostic>& problems) {
  const auto& construct_links = context.construct_links;
  if (auto it = construct_links.depends_on.find(&element); it != construct_links.depends_on.end()) {
    // A cycle of construct dependencies is reported once, above, not again per element.
    if (construct_links.problems.empty()) {
      for (const Element* dependency : it->second) checks.reference(index, *dependency);
    }
    if (!fragments.empty() && !fragments.front().append) {
      detail::merge_depends_on(fragments.front().body, it->second);
    }
  }
  if (construct_links.moves) {
    for (auto& moved : detail::subtree_moves(element)) {
      bool present = std::any_of(fragments.begin(), fragments.end(), [&](const Fragment& f) {
        return f.append && f.block_path == std::vector<std::string>{"moved"} &&
               f.body.find("from") && *f.body.find("from") == *moved.find("from");
      });
      if (!present) fragments.push_back({{"moved"}, std::move(moved), true});
    }
  }
  for (auto& fragment : fragments) {
    bool foreign = false;
    for_each_reference(fragment.body, [&](const Element& target) {
      checks.reference(index, target);
      if (&target.stack() != &context.stack) foreign = true;
    });
    // References to other stacks read the upstream outputs through terraform_remote_state.
    if (foreign)
      fragment.body = replace_references(fragment.body, [&](const detail::ExpressionNode& node) {
        return read_remote(element, node, context.links, problems);
      });
    if (context.options.metadata && dynamic_cast<const ResourceBase*>(&element) &&
        !fragment.append && fragment.body.is_object()) {
      fragment.body["//"] =
          Value::Object{{"metadata", Value::Object{{"path", element.node().path()}}}};
    }
  }
}

std::vector<Fragment> fragments_of(const Element& element, std::size_t index,
                                   SynthesizedElements* synthesized) {
  return synthesized ? std::move(synthesized->fragments[index]) : element.synthesize();
}

// A generous estimate of the text's size (a resource takes 300-500 bytes): no reallocation.
std::size_t expected_size(const SynthContext& context) {
  return 4096 + 1024 * context.elements.size();
}

// The document written piece by piece (bench/README.md, issue 16): each element's bodies are
// written to text as soon as they are synthesized and freed, so the document is never held as
// Values (at 100k resources those take 135 MiB; the text 35 MB). The same text as
// document_text, for a stack without problems and without document overrides (an override
// may reach into any body). Returns nothing, having reported nothing, when there is some
// problem or a placement the stream cannot write: the caller then calls document_text, which
// builds the document as a Value and reports every problem as it always has.
// streamed_document stops before the text: it returns the stream (nullptr where streamed_text
// returns nothing), and the caller writes the text (JsonDocumentStream::text or write_text).
std::unique_ptr<detail::JsonDocumentStream> streamed_document(const SynthContext& context,
                                                              SynthesizedElements* synthesized) {
  detail::SynthChecks checks(context.stack, context.elements);
  std::vector<Diagnostic> problems;
  auto document = std::make_unique<detail::JsonDocumentStream>(expected_size(context));
  detail::JsonDocumentStream& stream = *document;
  using Path = std::vector<std::string>;
  if (!stream.touch(Path{"terraform"})) return nullptr;
  if (std::string version = context.stack.required_version(); !version.empty()) {
    if (!stream.assign(Path{"terraform", "required_version"}, Value(std::move(version)))) {
      return nullptr;
    }
  }
  for (const auto& [name, requirement] : context.stack.required_providers()) {
    if (!stream.assign(Path{"terraform", "required_providers", name},
                       requirement_entry(requirement))) {
      return nullptr;
    }
  }
  const auto& elements = context.elements;
  for (std::size_t index = 0; index < elements.size(); ++index) {
    const Element& element = *elements[index];
    for (const Element* dependency : element.explicit_dependencies()) {
      checks.reference(index, *dependency);
    }
    // Freed at the end of the iteration: only one element's bodies are held at a time.
    std::vector<Fragment> fragments = fragments_of(element, index, synthesized);
    prepare_fragments(context, index, element, fragments, checks, problems);
    if (!problems.empty()) return nullptr;
    for (const auto& fragment : fragments) {
      const auto& path = fragment.block_path;
      if (path.empty()) continue;
      if (!detail::SynthChecks::entry_passes(path, fragment.body, fragment.append)) {
        return nullptr;
      }
      bool placed = false;
      if (fragment.append ? !stream.append(path, fragment.body)
                          : !stream.place(path, fragment.body, placed)) {
        return nullptr;
      }
    }
  }
  bool placed = place_cross_stack_blocks(context.own, [&](const Path& path, const Value& body) {
    return detail::SynthChecks::entry_passes(path, body, false) && stream.assign(path, body);
  });
  if (!placed) return nullptr;
  checks.check_cycles(problems);
  checks.check_sensitive_outputs(problems);
  if (!problems.empty()) return nullptr;
  // Keys are checked as they join the tree and bodies as they are written: final here.
  if (stream.invalid()) return nullptr;
  return document;
}

std::optional<std::string> streamed_text(const SynthContext& context,
                                         SynthesizedElements* synthesized) {
  auto document = streamed_document(context, synthesized);
  if (!document) return std::nullopt;
  return document->text();
}

// The document built as a Value, checked as a whole, then written. Throws SynthError listing
// every problem (those given first).
std::string document_text(const SynthContext& context, SynthesizedElements* synthesized,
                          std::vector<Diagnostic>& problems) {
  const Stack& stack = context.stack;
  Value document = Value::Object{};
  Value& terraform = document["terraform"];
  if (std::string version = stack.required_version(); !version.empty()) {
    terraform["required_version"] = std::move(version);
  }
  for (const auto& [name, requirement] : stack.required_providers()) {
    terraform["required_providers"][name] = requirement_entry(requirement);
  }

  const auto& elements = context.elements;
  detail::SynthChecks checks(stack, elements);
  for (std::size_t index = 0; index < elements.size(); ++index) {
    const Element& element = *elements[index];
    for (const Element* dependency : element.explicit_dependencies()) {
      checks.reference(index, *dependency);
    }
    auto fragments = fragments_of(element, index, synthesized);
    prepare_fragments(context, index, element, fragments, checks, problems);
    for (auto& fragment : fragments) {
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

  place_cross_stack_blocks(context.own, [&](const std::vector<std::string>& path, Value body) {
    Value* slot = &document;
    for (const auto& key : path) slot = &(*slot)[key];
    *slot = std::move(body);
    return true;
  });

  for (const auto& [path, value] : context.overrides) apply_override(document, path, &value);
  checks.check_document(document, problems);
  checks.check_cycles(problems);
  checks.check_sensitive_outputs(problems);
  if (!problems.empty()) {
    checks.check_values(document, problems);  // so that one run lists every problem
    throw SynthError(std::move(problems));
  }
  bool invalid_values = false;
  std::string text = write_terraform_json(document, &invalid_values, expected_size(context));
  if (invalid_values) {
    checks.check_values(document, problems);
    if (problems.empty()) {
      problems.push_back({stack.node().path(), "the document holds a value JSON cannot carry",
                          "synth.invalid_value"});
    }
    throw SynthError(std::move(problems));
  }
  return text;
}

}  // namespace

StackArtifact Stack::synthesize(const SynthOptions& options, const detail::CrossStackLinks& links,
                                SynthesizedElements* synthesized,
                                std::unique_ptr<detail::JsonDocumentStream>* document) const {
  auto started = std::chrono::steady_clock::now();
  // No construct may join the tree while it is synthesized (App::synth_in_memory locks it too).
  struct Relock {
    Node& root;
    bool was_locked;
    ~Relock() { root.locked_ = was_locked; }
  } relock{node().root().node(), node().root().node().locked_};
  relock.root.locked_ = true;
  std::vector<Diagnostic> problems;
  const auto elements = synthesized ? std::move(synthesized->elements) : this->elements();
  const auto construct_links = detail::resolve_construct_links(*this);
  problems.insert(problems.end(), construct_links.problems.begin(), construct_links.problems.end());

  // Logical ids must be unique within their namespace (resource type, variable, ...).
  std::unordered_map<std::string, const Element*> names;
  names.reserve(elements.size());
  std::size_t resource_count = 0;
  for (const Element* element : elements) {
    if (dynamic_cast<const Resource*>(element)) ++resource_count;
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
  names = {};

  const auto& own = links.of(*this);
  const SynthContext context{*this, options, links, own, elements, construct_links, overrides_};
  StackArtifact artifact;
  artifact.name = node().id();
  artifact.construct_path = node().path();
  artifact.file = layout::stack_file(artifact.name);
  std::optional<std::string> text;
  bool streamed = false;
  if (problems.empty() && overrides_.empty()) {
    if (document) {
      *document = streamed_document(context, synthesized);
      streamed = *document != nullptr;
    } else {
      text = streamed_text(context, synthesized);
      streamed = text.has_value();
    }
    if (!streamed) synthesized = nullptr;  // its bodies were consumed: synthesized again
  }
  // With a document handed out, json stays empty until its text is written (App::synth).
  if (!streamed || text) {
    artifact.json = text ? std::move(*text) : document_text(context, synthesized, problems);
    artifact.json_size = artifact.json.size();
  }
  artifact.resource_count = resource_count;
  artifact.assets = assets_;
  for (const Stack* dependency : own.dependencies) {
    artifact.dependencies.push_back(dependency->node().id());
  }
  artifact.outputs = published_outputs(elements, own);
  artifact.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return artifact;
}

}  // namespace edustack::inline core
