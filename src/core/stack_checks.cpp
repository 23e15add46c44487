#include "stack_checks.hpp"

#include <algorithm>
#include <deque>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>

#include "edustack/core/local.hpp"
#include "edustack/core/output.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/core/variable.hpp"
#include "json_writer.hpp"
#include "render.hpp"

namespace edustack::inline core {

bool is_terraform_identifier(std::string_view name) noexcept {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (name.empty() || !letter(name.front())) return false;
  return std::all_of(name.begin() + 1, name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '-'; });
}

namespace detail {

namespace {

constexpr char kSeparator = '\x1f';
constexpr const char* kIdentifierRule =
    "is not a valid Terraform identifier (a letter or \"_\" first, then letters, digits, \"_\" "
    "or \"-\")";

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto part : parts) {
    if (!out.empty()) out += kSeparator;
    out += part;
  }
  return out;
}

std::string quoted(std::string_view text) {
  // Names are shown in messages; keep them printable even when they are not UTF-8.
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    } else {
      out += c;
    }
  }
  if (!valid_utf8(text)) return "(not UTF-8: " + describe_invalid_utf8(text) + ")";
  return out + "\"";
}

// The variable names Terraform reserves for its own meta-arguments.
bool reserved_variable_name(std::string_view name) {
  static const std::set<std::string_view> reserved{"source",   "version",   "providers",  "count",
                                                   "for_each", "lifecycle", "depends_on", "locals"};
  return reserved.count(name) > 0;
}

}  // namespace

SynthChecks::SynthChecks(const Stack& stack, const std::vector<const Element*>& elements)
    : stack_(stack), elements_(elements) {
  index_.reserve(elements.size());
  for (std::size_t i = 0; i < elements.size(); ++i) {
    index_.emplace(elements[i], static_cast<std::uint32_t>(i));
  }
}

void SynthChecks::reference(std::size_t from, const Element& target) {
  auto it = index_.find(&target);
  if (it == index_.end()) return;  // another stack: reported as a cross-stack reference
  // A variable's validation rules refer to the variable itself; that is no cycle.
  if (it->second == from && dynamic_cast<const Variable*>(&target)) return;
  edges_.emplace_back(static_cast<std::uint32_t>(from), it->second);
}

const std::unordered_map<std::string, const Element*>& SynthChecks::placements() const {
  if (placements_) return *placements_;
  // The same placement rules as Stack::synthesize: the first fragment at a path wins (a second
  // one is an id collision), appended fragments are numbered in the order they are appended.
  placements_.emplace();
  std::unordered_map<std::string, std::size_t> appended;
  for (const Element* element : elements_) {
    for (const auto& fragment : element->synthesize()) {
      if (fragment.block_path.empty()) continue;
      std::string key;
      for (const auto& part : fragment.block_path) {
        if (!key.empty()) key += kSeparator;
        key += part;
      }
      if (fragment.append) key += kSeparator + std::to_string(appended[key]++);
      placements_->emplace(std::move(key), element);
    }
  }
  return *placements_;
}

const Element* SynthChecks::element_at(std::initializer_list<std::string_view> block_path) const {
  const auto& placed = placements();
  auto it = placed.find(join(block_path));
  return it == placed.end() ? nullptr : it->second;
}

std::string SynthChecks::path_of(std::initializer_list<std::string_view> block_path) const {
  const Element* element = element_at(block_path);
  return element ? element->node().path() : stack_.node().path();
}

SynthChecks::Owner SynthChecks::owner_of(const std::vector<std::string>& json_path) const {
  const auto& placed = placements();
  for (std::size_t length = std::min<std::size_t>(3, json_path.size()); length > 0; --length) {
    std::string key;
    for (std::size_t i = 0; i < length; ++i) {
      if (i) key += kSeparator;
      key += json_path[i];
    }
    auto it = placed.find(key);
    if (it == placed.end()) continue;
    std::string field;
    for (std::size_t i = length; i < json_path.size(); ++i) {
      field += (field.empty() ? "" : ".") + json_path[i];
    }
    return {it->second->node().path(), field.empty() ? "value" : field};
  }
  std::string field;
  for (const auto& part : json_path) field += (field.empty() ? "" : ".") + part;
  return {stack_.node().path(), field};
}

namespace {

using Where = std::initializer_list<std::string_view>;  // a block path, for the message

// check_document's rules for one entry of the document, shared by check_document and
// entry_passes. report(where, message, rule) is called for each finding; message() builds the
// text (only when it is wanted).
template <class Report>
class EntryRules {
 public:
  explicit EntryRules(Report& report) : report_(report) {}

  void identifier(Where where, std::string_view field, std::string_view name) {
    if (is_terraform_identifier(name)) return;
    report_(
        where, [&] { return std::string(field) + ": " + quoted(name) + " " + kIdentifierRule; },
        "synth.invalid_identifier");
  }

  // Attribute and block names of a body; "//" is the comment key of Terraform JSON.
  void attribute_names(Where where, const Value& body, bool meta_arguments) {
    if (!body.is_object()) return;
    for (const auto& member : body.as_object()) {
      const std::string& key = member.first;  // a lambda may not capture a structured binding
      if (key == "//" || is_terraform_identifier(key)) continue;
      report_(
          where, [&] { return quoted(key) + ": the attribute name " + kIdentifierRule; },
          "synth.invalid_identifier");
    }
    if (meta_arguments && body.find("count") && body.find("for_each")) {
      report_(
          where,
          [] {
            return std::string(
                "count: \"count\" and \"for_each\" are both set; Terraform allows only one of "
                "them on a block");
          },
          "synth.count_and_for_each");
    }
  }

  // resource and data: type -> name -> body
  void typed(std::string_view block, std::string_view type, std::string_view name,
             const Value& body) {
    identifier({block, type, name}, "type", type);
    identifier({block, type, name}, "logical_id", name);
    attribute_names({block, type, name}, body, true);
  }

  void module(std::string_view name, const Value& body) {
    identifier({"module", name}, "logical_id", name);
    attribute_names({"module", name}, body, true);
  }

  // variable, output, locals
  void named(std::string_view block, std::string_view name) {
    identifier({block, name}, "logical_id", name);
    if (block == "variable" && reserved_variable_name(name)) {
      report_(
          {block, name},
          [&] {
            return "logical_id: \"" + std::string(name) +
                   "\" is reserved by Terraform and cannot name a variable";
          },
          "synth.reserved_name");
    }
  }

  void provider(std::string_view name, std::string_view position, const Value& config) {
    identifier({"provider", name, position}, "name", name);
    if (const Value* alias = config.find("alias"); alias && alias->is_string()) {
      identifier({"provider", name, position}, "alias", alias->as_string());
    }
    attribute_names({"provider", name, position}, config, false);
  }

 private:
  Report& report_;
};

}  // namespace

bool SynthChecks::entry_passes(const std::vector<std::string>& block_path, const Value& body,
                               bool appended) {
  if (block_path.empty()) return true;
  bool passes = true;
  auto report = [&](Where, auto&&, const char*) { passes = false; };
  EntryRules<decltype(report)> rules(report);
  const std::string& block = block_path.front();
  const std::size_t size = block_path.size();
  if (block == "resource" || block == "data") {
    if (appended || size != 3) return false;
    rules.typed(block, block_path[1], block_path[2], body);
  } else if (block == "module") {
    if (appended || size != 2) return false;
    rules.module(block_path[1], body);
  } else if (block == "variable" || block == "output" || block == "locals") {
    if (appended || size != 2) return false;
    rules.named(block, block_path[1]);
  } else if (block == "provider") {
    if (!appended || size != 2) return false;
    rules.provider(block_path[1], "", body);
  }
  return passes;
}

void SynthChecks::check_document(const Value& document, std::vector<Diagnostic>& problems) const {
  auto report = [&](Where where, auto&& message, const char* rule) {
    problems.push_back({path_of(where), message(), rule});
  };
  EntryRules<decltype(report)> rules(report);
  for (const char* block : {"resource", "data"}) {
    const Value* types = document.find(block);
    if (!types || !types->is_object()) continue;
    for (const auto& [type, named] : types->as_object()) {
      if (!named.is_object()) continue;
      for (const auto& [name, body] : named.as_object()) rules.typed(block, type, name, body);
    }
  }
  if (const Value* modules = document.find("module"); modules && modules->is_object()) {
    for (const auto& [name, body] : modules->as_object()) rules.module(name, body);
  }
  for (const char* block : {"variable", "output", "locals"}) {
    const Value* named = document.find(block);
    if (!named || !named->is_object()) continue;
    for (const auto& [name, body] : named->as_object()) rules.named(block, name);
  }
  if (const Value* providers = document.find("provider"); providers && providers->is_object()) {
    for (const auto& [name, configs] : providers->as_object()) {
      if (!configs.is_list()) continue;
      std::size_t index = 0;
      for (const auto& config : configs.as_list()) {
        const std::string position = std::to_string(index++);
        rules.provider(name, position, config);
      }
    }
  }
}

void SynthChecks::check_cycles(std::vector<Diagnostic>& problems) const {
  // Tarjan's strongly connected components, iteratively (stacks can be deep).
  if (edges_.empty()) return;
  const auto n = static_cast<std::uint32_t>(elements_.size());
  // Adjacency in one array (compressed rows): offsets[v] .. offsets[v + 1] are v's targets.
  std::vector<std::uint32_t> offsets(n + 1, 0), targets(edges_.size());
  for (const auto& [from, to] : edges_) ++offsets[from + 1];
  for (std::uint32_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  {
    std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
    for (const auto& [from, to] : edges_) targets[fill[from]++] = to;
  }
  auto out_of = [&](std::uint32_t v) {
    return std::span<const std::uint32_t>(targets.data() + offsets[v], offsets[v + 1] - offsets[v]);
  };
  std::vector<std::int64_t> order(n, -1), low(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<std::uint32_t> stack;
  std::vector<std::vector<std::uint32_t>> components;
  struct Frame {
    std::uint32_t node;
    std::size_t next;
  };
  std::vector<Frame> frames;
  std::int64_t counter = 0;
  for (std::uint32_t start = 0; start < n; ++start) {
    if (order[start] != -1) continue;
    auto enter = [&](std::uint32_t v) {
      order[v] = low[v] = counter++;
      stack.push_back(v);
      on_stack[v] = 1;
      frames.push_back({v, 0});
    };
    enter(start);
    while (!frames.empty()) {
      const std::uint32_t v = frames.back().node;
      if (frames.back().next < out_of(v).size()) {
        const std::uint32_t w = out_of(v)[frames.back().next++];
        if (order[w] == -1) {
          enter(w);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], order[w]);
        }
        continue;
      }
      frames.pop_back();
      if (!frames.empty()) {
        const std::uint32_t parent = frames.back().node;
        low[parent] = std::min(low[parent], low[v]);
      }
      if (low[v] != order[v]) continue;
      std::vector<std::uint32_t> component;
      std::uint32_t w = 0;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = 0;
        component.push_back(w);
      } while (w != v);
      const auto next = out_of(v);
      const bool self_loop =
          component.size() == 1 && std::find(next.begin(), next.end(), v) != next.end();
      if (component.size() > 1 || self_loop) components.push_back(std::move(component));
    }
  }
  for (auto& component : components) std::sort(component.begin(), component.end());
  std::sort(components.begin(), components.end());
  for (const auto& component : components) {
    // The shortest way from the first element of the component back to itself.
    const std::uint32_t first = component.front();
    std::unordered_map<std::uint32_t, std::uint32_t> parent;
    std::deque<std::uint32_t> queue{first};
    std::optional<std::uint32_t> last;
    while (!queue.empty() && !last) {
      const std::uint32_t v = queue.front();
      queue.pop_front();
      for (std::uint32_t w : out_of(v)) {
        if (!std::binary_search(component.begin(), component.end(), w)) continue;
        if (w == first) {
          last = v;
          break;
        }
        if (parent.emplace(w, v).second) queue.push_back(w);
      }
    }
    std::vector<std::uint32_t> cycle;
    for (std::uint32_t v = last.value_or(first); v != first; v = parent.at(v)) cycle.push_back(v);
    cycle.push_back(first);
    std::reverse(cycle.begin(), cycle.end());
    std::string text;
    for (std::uint32_t v : cycle) text += elements_[v]->node().path() + " -> ";
    text += elements_[first]->node().path();
    problems.push_back({elements_[first]->node().path(),
                        "depends_on: the references and depends_on of these elements form a "
                        "cycle, which terraform rejects: " +
                            text,
                        "synth.dependency_cycle"});
  }
}

namespace {

class Sensitivity {
 public:
  // Why value is sensitive, or nothing when it is not.
  std::optional<std::string> of(const Value& value) {
    switch (value.kind()) {
      case Value::Kind::list:
        for (const auto& item : value.as_list()) {
          if (auto why = of(item)) return why;
        }
        return std::nullopt;
      case Value::Kind::object:
        for (const auto& [key, item] : value.as_object()) {
          if (auto why = of(item)) return why;
        }
        return std::nullopt;
      case Value::Kind::expression:
        return of(detail::node_of(value.as_expression()));
      default:
        return std::nullopt;
    }
  }

 private:
  std::optional<std::string> of(const ExpressionNode& node) {
    if (node.kind == ExpressionNode::Kind::call) {
      if (node.text == "nonsensitive") return std::nullopt;
      if (node.text == "sensitive") return "it is wrapped in sensitive()";
    }
    if (node.kind == ExpressionNode::Kind::reference) {
      if (auto why = of_reference(*node.target, node.text)) return why;
    }
    for (const auto& operand : node.operands) {
      if (auto why = of(operand)) return why;
    }
    return std::nullopt;
  }

  std::optional<std::string> of_reference(const Element& target, const std::string& attribute) {
    if (const auto* variable = dynamic_cast<const Variable*>(&target)) {
      if (variable->config().sensitive) {
        return "it refers to the sensitive variable " + variable->node().path();
      }
      return std::nullopt;
    }
    if (const auto* local = dynamic_cast<const Local*>(&target)) {
      if (!visiting_.insert(local).second) return std::nullopt;  // a cycle, reported elsewhere
      auto why = of(local->content());
      visiting_.erase(local);
      if (why) return "it refers to " + local->node().path() + ", and " + *why;
      return std::nullopt;
    }
    if (const auto* resource = dynamic_cast<const ResourceBase*>(&target)) {
      const std::string first = attribute.substr(0, attribute.find_first_of(".["));
      if (first.empty() ? resource->has_sensitive_attributes()
                        : resource->is_sensitive_attribute(first)) {
        return "it refers to the sensitive attribute " +
               (first.empty() ? std::string("(all of)") : "\"" + first + "\"") + " of " +
               resource->node().path();
      }
    }
    return std::nullopt;
  }

  std::set<const Local*> visiting_;
};

}  // namespace

void SynthChecks::check_sensitive_outputs(std::vector<Diagnostic>& problems) const {
  Sensitivity sensitivity;
  for (const Element* element : elements_) {
    const auto* output = dynamic_cast<const Output*>(element);
    if (!output || output->config().sensitive) continue;
    if (auto why = sensitivity.of(output->config().value)) {
      problems.push_back({output->node().path(),
                          "value: the output is not marked sensitive but its value is sensitive (" +
                              *why +
                              "); terraform rejects this: set OutputConfig::sensitive, or wrap "
                              "the value in nonsensitive()",
                          "synth.sensitive_output"});
    }
  }
}

void SynthChecks::check_values(const Value& document, std::vector<Diagnostic>& problems) const {
  for_each_invalid_value(
      document, [&](const std::vector<std::string>& json_path, const std::string& what) {
        std::vector<std::string> printable;
        printable.reserve(json_path.size());
        for (const auto& part : json_path) {
          printable.push_back(valid_utf8(part) ? part : "(not UTF-8)");
        }
        Owner owner = owner_of(printable);
        problems.push_back({owner.path, owner.field + ": " + what, "synth.invalid_value"});
      });
}

}  // namespace detail

}  // namespace edustack::inline core
