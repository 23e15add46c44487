// edustack graph [--stack NAME]... [--format dot|mermaid]

#include <fmt/core.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "command.hpp"
#include "edustack/core/construct_dependencies.hpp"
#include "edustack/core/data_source.hpp"
#include "edustack/core/local.hpp"
#include "edustack/core/output.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/core/variable.hpp"

namespace edustack::cli::detail {

namespace {

enum class Shape { resource, data, value };

struct GraphNode {
  const Element* element;
  std::string name;  // "n0"
  std::string title;
  std::string subtitle;
  Shape shape;
};

// A construct between a stack (included) and the elements it groups.
struct Group {
  const Construct* construct = nullptr;
  std::string name;  // "g0"
  std::vector<std::size_t> nodes;
  std::vector<std::unique_ptr<Group>> groups;
};

struct Graph {
  std::vector<GraphNode> nodes;
  std::vector<std::unique_ptr<Group>> roots;               // one per stack
  std::vector<std::pair<std::size_t, std::size_t>> edges;  // referrer -> referenced
  // dependent -> target of a construct-level dependency (Node::add_dependency), as synthesis
  // resolves it to depends_on; a pair already in `edges` is not repeated.
  std::vector<std::pair<std::size_t, std::size_t>> construct_edges;
  std::size_t group_count = 0;
};

bool describe(const Element& element, GraphNode& node) {
  if (const auto* resource = dynamic_cast<const Resource*>(&element)) {
    node.subtitle = resource->terraform_type();
    node.shape = Shape::resource;
  } else if (const auto* data = dynamic_cast<const DataSource*>(&element)) {
    node.subtitle = "data." + data->terraform_type();
    node.shape = Shape::data;
  } else if (dynamic_cast<const Variable*>(&element) != nullptr) {
    node.subtitle = "variable";
    node.shape = Shape::value;
  } else if (dynamic_cast<const Local*>(&element) != nullptr) {
    node.subtitle = "local";
    node.shape = Shape::value;
  } else if (dynamic_cast<const Output*>(&element) != nullptr) {
    node.subtitle = "output";
    node.shape = Shape::value;
  } else {
    return false;  // providers, backends
  }
  node.title = element.node().id();
  return true;
}

Graph build_graph(const std::vector<Stack*>& stacks) {
  Graph graph;
  std::unordered_map<const Element*, std::size_t> index;
  for (const Stack* stack : stacks) {
    auto root = std::make_unique<Group>();
    root->construct = stack;
    root->name = fmt::format("g{}", graph.group_count++);
    for (const Element* element : stack->elements()) {
      GraphNode node{.element = element};
      if (!describe(*element, node)) continue;
      node.name = fmt::format("n{}", graph.nodes.size());
      std::vector<const Construct*> chain;
      for (const Construct* c = element->node().scope(); c != nullptr && c != stack;
           c = c->node().scope()) {
        chain.push_back(c);
      }
      Group* group = root.get();
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        auto found = std::find_if(group->groups.begin(), group->groups.end(),
                                  [&](const auto& g) { return g->construct == *it; });
        if (found == group->groups.end()) {
          auto child = std::make_unique<Group>();
          child->construct = *it;
          child->name = fmt::format("g{}", graph.group_count++);
          group->groups.push_back(std::move(child));
          found = std::prev(group->groups.end());
        }
        group = found->get();
      }
      index[element] = graph.nodes.size();
      group->nodes.push_back(graph.nodes.size());
      graph.nodes.push_back(std::move(node));
    }
    graph.roots.push_back(std::move(root));
  }
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    for (const Element* referenced : graph.nodes[i].element->references()) {
      if (auto it = index.find(referenced); it != index.end())
        graph.edges.emplace_back(i, it->second);
    }
  }
  for (const Stack* stack : stacks) {
    for (const ResolvedDependency& dependency : construct_dependencies(*stack)) {
      auto from = index.find(dependency.dependent);
      auto to = index.find(dependency.target);
      if (from == index.end() || to == index.end()) continue;
      std::pair<std::size_t, std::size_t> edge{from->second, to->second};
      if (std::find(graph.edges.begin(), graph.edges.end(), edge) != graph.edges.end()) continue;
      graph.construct_edges.push_back(edge);
    }
  }
  return graph;
}

std::string dot_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void dot_group(const Graph& graph, const Group& group, int depth, std::string& out) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  out += fmt::format("{}subgraph cluster_{} {{\n", indent, group.name);
  out += fmt::format("{}  label={};\n", indent, dot_quote(group.construct->node().id()));
  out += fmt::format("{}  tooltip={};\n", indent, dot_quote(group.construct->node().path()));
  for (std::size_t i : group.nodes) {
    const GraphNode& node = graph.nodes[i];
    std::string attributes;
    if (node.shape == Shape::data) attributes = ", style=\"rounded,dashed\"";
    if (node.shape == Shape::value) attributes = ", shape=note, style=\"\"";
    out += fmt::format("{}  {} [label={}, tooltip={}{}];\n", indent, node.name,
                       dot_quote(node.title + "\n" + node.subtitle),
                       dot_quote(node.element->node().path()), attributes);
  }
  for (const auto& child : group.groups) dot_group(graph, *child, depth + 1, out);
  out += indent + "}\n";
}

std::string to_dot(const Graph& graph) {
  std::string out = "digraph edustack {\n";
  out += "  rankdir=LR;\n";
  out += "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n";
  out += "  graph [fontname=\"Helvetica\", fontsize=11, style=rounded, color=\"#888888\"];\n";
  for (const auto& root : graph.roots) dot_group(graph, *root, 1, out);
  for (const auto& [from, to] : graph.edges) {
    out += fmt::format("  {} -> {};\n", graph.nodes[from].name, graph.nodes[to].name);
  }
  for (const auto& [from, to] : graph.construct_edges) {
    out += fmt::format("  {} -> {} [style=dashed, tooltip=\"construct dependency\"];\n",
                       graph.nodes[from].name, graph.nodes[to].name);
  }
  return out + "}\n";
}

std::string mermaid_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') {
      out += "#quot;";
    } else if (c == '\n') {
      out += "<br/>";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

void mermaid_group(const Graph& graph, const Group& group, int depth, std::string& out) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  out += fmt::format("{}subgraph {}[{}]\n", indent, group.name,
                     mermaid_quote(group.construct->node().id()));
  for (std::size_t i : group.nodes) {
    const GraphNode& node = graph.nodes[i];
    std::string label = mermaid_quote(node.title + "\n" + node.subtitle);
    switch (node.shape) {
      case Shape::resource:
        out += fmt::format("{}  {}[{}]\n", indent, node.name, label);
        break;
      case Shape::data:
        out += fmt::format("{}  {}([{}])\n", indent, node.name, label);
        break;
      case Shape::value:
        out += fmt::format("{}  {}>{}]\n", indent, node.name, label);
        break;
    }
  }
  for (const auto& child : group.groups) mermaid_group(graph, *child, depth + 1, out);
  out += indent + "end\n";
}

std::string to_mermaid(const Graph& graph) {
  std::string out = "flowchart LR\n";
  for (const auto& root : graph.roots) mermaid_group(graph, *root, 1, out);
  for (const auto& [from, to] : graph.edges) {
    out += fmt::format("  {} --> {}\n", graph.nodes[from].name, graph.nodes[to].name);
  }
  for (const auto& [from, to] : graph.construct_edges) {
    out += fmt::format("  {} -.-> {}\n", graph.nodes[from].name, graph.nodes[to].name);
  }
  return out;
}

}  // namespace

Command add_graph_command(CLI::App& root, Context& context) {
  CLI::App* command = root.add_subcommand(
      "graph",
      "Print the resources, data sources, variables, locals and outputs with the references "
      "between them (an arrow points at what is referred to; a dashed arrow: a construct-level "
      "dependency, node().add_dependency), grouped by construct. Render "
      "with `dot -Tsvg` or any Mermaid viewer.");
  auto format = std::make_shared<std::string>("dot");
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"dot", "mermaid"}))
      ->capture_default_str();
  add_stack_option(*command, context, true);
  add_env_option(*command, context);

  return {command, [format](Context& ctx) {
            std::vector<Stack*> stacks = selected_stacks(ctx);
            apply_aspects(*ctx.app);
            Graph graph = build_graph(stacks);
            ctx.console.print(*format == "mermaid" ? to_mermaid(graph) : to_dot(graph));
            return static_cast<int>(exit_ok);
          }};
}

}  // namespace edustack::cli::detail
