#include "construct_links.hpp"

#include <algorithm>
#include <deque>
#include <string>

#include "edustack/core/construct_dependencies.hpp"
#include "edustack/core/logical_id.hpp"
#include "edustack/core/module.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/core/stack.hpp"

namespace edustack::inline core::detail {

namespace {

bool contains(const Construct& ancestor, const Construct& construct) {
  for (const Construct* current = &construct; current; current = current->node().scope()) {
    if (current == &ancestor) return true;
  }
  return false;
}

bool overlaps(const Construct& a, const Construct& b) { return contains(a, b) || contains(b, a); }

const Stack* stack_of(const Construct& construct) {
  for (const Construct* current = &construct; current; current = current->node().scope()) {
    if (auto* stack = dynamic_cast<const Stack*>(current)) return stack;
  }
  return nullptr;
}

// A resource or module: what a construct-level dependency resolves to.
bool is_dependency_target(const Construct& construct) {
  return dynamic_cast<const Resource*>(&construct) || dynamic_cast<const Module*>(&construct);
}

// A resource, data source or module: what receives depends_on.
bool is_dependent(const Construct& construct) {
  return dynamic_cast<const ResourceBase*>(&construct) || dynamic_cast<const Module*>(&construct);
}

std::vector<const Element*> elements_below(const Construct& scope, bool (*keep)(const Construct&)) {
  std::vector<const Element*> out;
  for (const Construct* construct : scope.node().find_all()) {
    if (keep(*construct)) out.push_back(static_cast<const Element*>(construct));
  }
  return out;
}

struct Edge {
  const Construct* from;
  const Construct* to;
  std::vector<const Element*> dependents;
  std::vector<const Element*> targets;
};

std::string described(const Construct& construct) {
  std::string site = construct.node().creation_site();
  return construct.node().path() + (site.empty() ? "" : " (created at " + site + ")");
}

// Every cycle through the edges, each reported once: a breadth-first search from each edge's
// target back to a construct overlapping its source. An edge leaves a construct N when its
// source contains N (all of N's elements depend on its target) or lies inside N (some do).
void find_cycles(const std::vector<Edge>& edges, std::vector<Diagnostic>& problems) {
  std::vector<bool> reported(edges.size(), false);
  for (std::size_t start = 0; start < edges.size(); ++start) {
    if (reported[start]) continue;
    std::vector<std::size_t> parent(edges.size(), edges.size());
    std::vector<bool> seen(edges.size(), false);
    std::deque<std::size_t> queue{start};
    seen[start] = true;
    std::size_t closing = edges.size();
    while (!queue.empty() && closing == edges.size()) {
      std::size_t current = queue.front();
      queue.pop_front();
      if (overlaps(*edges[current].to, *edges[start].from)) {
        closing = current;
        break;
      }
      for (std::size_t next = 0; next < edges.size(); ++next) {
        if (seen[next] || !overlaps(*edges[next].from, *edges[current].to)) continue;
        seen[next] = true;
        parent[next] = current;
        queue.push_back(next);
      }
    }
    if (closing == edges.size()) continue;
    std::vector<std::size_t> chain;
    for (std::size_t e = closing; e != edges.size(); e = parent[e]) chain.push_back(e);
    std::reverse(chain.begin(), chain.end());
    std::string text;
    for (std::size_t e : chain) {
      reported[e] = true;
      if (!text.empty()) text += ", ";
      text += described(*edges[e].from) + " depends on " + edges[e].to->node().path();
    }
    problems.push_back({edges[start].from->node().path(),
                        "the construct dependencies (add_dependency) form a cycle: " + text +
                            "; remove one of them",
                        "synth.construct_dependency_cycle"});
  }
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

ConstructLinks resolve_construct_links(const Stack& stack, bool elements) {
  ConstructLinks links;
  std::vector<Edge> edges;
  for (const Construct* construct : stack.node().find_all()) {
    if (!construct->node().previous_paths().empty()) links.moves = true;
    for (const Construct* dependency : construct->node().dependencies()) {
      const Stack* upstream = stack_of(*dependency);
      if (upstream == nullptr) continue;  // outside every stack: no element to follow
      if (upstream != &stack) {
        if (std::find(links.stacks.begin(), links.stacks.end(), upstream) == links.stacks.end()) {
          links.stacks.push_back(upstream);
        }
        continue;
      }
      if (!elements) continue;
      Edge edge{construct, dependency, elements_below(*construct, is_dependent),
                elements_below(*dependency, is_dependency_target)};
      if (!edge.dependents.empty() && !edge.targets.empty()) edges.push_back(std::move(edge));
    }
  }
  if (!elements) return links;
  find_cycles(edges, links.problems);
  for (const Edge& edge : edges) {
    for (const Element* dependent : edge.dependents) {
      auto& list = links.depends_on[dependent];
      for (const Element* target : edge.targets) {
        if (target == dependent || std::find(list.begin(), list.end(), target) != list.end()) {
          continue;
        }
        list.push_back(target);
      }
    }
  }
  return links;
}

void merge_depends_on(Value& body, const std::vector<const Element*>& dependencies) {
  if (dependencies.empty() || !body.is_object()) return;
  Value& slot = body["depends_on"];
  if (!slot.is_list()) slot = Value::List{};
  auto& list = slot.as_list();
  for (const Element* dependency : dependencies) {
    std::string address = dependency->address();
    bool present = std::any_of(list.begin(), list.end(), [&](const Value& item) {
      return item.is_string() && item.as_string() == address;
    });
    if (!present) list.emplace_back(std::move(address));
  }
}

std::vector<Value> subtree_moves(const Element& element) {
  std::vector<Value> out;
  if (!is_dependency_target(element)) return out;
  std::vector<const Construct*> chain;  // below the stack, root-most first
  for (const Construct* current = &element; current && current != &element.stack();
       current = current->node().scope()) {
    chain.push_back(current);
  }
  std::reverse(chain.begin(), chain.end());
  std::vector<std::string> components;
  for (const Construct* construct : chain) components.push_back(construct->node().id());
  const std::string& logical_id = element.logical_id();
  if (logical_id != make_logical_id(components)) return out;  // an override keeps its address
  const std::string address = element.address();
  const std::string prefix = address.substr(0, address.size() - logical_id.size());
  for (std::size_t level = 0; level < chain.size(); ++level) {
    for (const std::string& previous : chain[level]->node().previous_paths()) {
      std::vector<std::string> old_components = split_path(previous);
      old_components.insert(old_components.end(), components.begin() + level + 1, components.end());
      std::string from = prefix + make_logical_id(old_components);
      if (from == address) continue;
      out.emplace_back(Value::Object{{"from", std::move(from)}, {"to", address}});
    }
  }
  return out;
}

}  // namespace edustack::inline core::detail

namespace edustack::inline core {

std::vector<ResolvedDependency> construct_dependencies(const Stack& stack) {
  detail::ConstructLinks links = detail::resolve_construct_links(stack);
  std::vector<ResolvedDependency> out;
  for (const Element* element : stack.elements()) {
    auto found = links.depends_on.find(element);
    if (found == links.depends_on.end()) continue;
    for (const Element* target : found->second) out.push_back({element, target});
  }
  return out;
}

}  // namespace edustack::inline core
