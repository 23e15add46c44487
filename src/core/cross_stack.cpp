#include "cross_stack.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include "construct_links.hpp"
#include "edustack/core/backend.hpp"
#include "edustack/core/logical_id.hpp"
#include "edustack/core/output.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/core/variable.hpp"
#include "edustack/error.hpp"
#include "render.hpp"

namespace edustack::inline core::detail {

namespace {

void visit_references(const Value& value, const std::function<void(const ExpressionNode&)>& visit) {
  switch (value.kind()) {
    case Value::Kind::list:
      for (const auto& item : value.as_list()) visit_references(item, visit);
      break;
    case Value::Kind::object:
      for (const auto& [key, item] : value.as_object()) visit_references(item, visit);
      break;
    case Value::Kind::expression: {
      const auto& node = detail::node_of(value.as_expression());
      if (node.kind == ExpressionNode::Kind::reference) visit(node);
      for (const auto& item : node.operands) visit_references(item, visit);
      break;
    }
    default:
      break;
  }
}

const Backend* backend_of(const Stack& stack) {
  for (const Element* element : stack.elements()) {
    if (auto* backend = dynamic_cast<const Backend*>(element)) return backend;
  }
  return nullptr;
}

// "aws_vpc.main" + "id" -> "aws_vpc_main_id": unique within the stack because addresses are.
std::string export_name(const Element& target, const std::string& attribute) {
  std::string name = target.address();
  if (!attribute.empty()) name += "_" + attribute;
  std::replace(name.begin(), name.end(), '.', '_');
  return make_logical_id({name});
}

std::string stack_list(const std::vector<const Stack*>& stacks) {
  std::string out;
  for (const Stack* stack : stacks) out += (out.empty() ? "" : " -> ") + stack->node().id();
  return out;
}

// Why a stack with this HCP Terraform backend cannot be read by another ("" when it can): a
// reader reads one workspace, by its name.
std::string workspace_problem(const Backend& backend) {
  if (backend.type() != "cloud" && backend.type() != "remote") return "";
  auto it = backend.arguments().find("workspaces");
  if (it != backend.arguments().end() && it->second.kind() == Value::Kind::object &&
      it->second.as_object().count("name")) {
    return "";
  }
  return "its " + backend.type() +
         " backend names no workspace (tags or a prefix select several), and a stack reading "
         "its outputs reads one workspace by name; give the backend a workspace name";
}

}  // namespace

std::string remote_state_name(const Stack& upstream) {
  return make_logical_id({upstream.node().id()});
}

Value remote_state_body(const Stack& upstream) {
  const Backend* backend = backend_of(upstream);
  const std::string& type = backend->type();
  const Value::Object& arguments = backend->arguments();
  auto argument = [&](const char* name) -> const Value* {
    auto it = arguments.find(name);
    return it == arguments.end() ? nullptr : &it->second;
  };
  Value::Object config;
  std::string remote_type = type;
  if (type == "local") {
    // The downstream stack runs terraform in its own directory, a sibling of upstream's.
    std::string path = "terraform.tfstate";
    if (const Value* set = argument("path")) path = set->as_string();
    if (!std::filesystem::path(path).is_absolute()) {
      path = "../" + upstream.node().id() + "/" + path;
    }
    config.emplace("path", path);
  } else if (type == "s3") {
    for (const char* name : {"bucket", "key", "region", "workspace_key_prefix", "profile",
                             "assume_role", "endpoints", "use_path_style"}) {
      if (const Value* set = argument(name)) config.emplace(name, *set);
    }
  } else if (type == "cloud" || type == "remote") {
    // terraform_remote_state has no "cloud" backend; the "remote" one reads the same workspace,
    // by its name (a project or prefix is no argument of it; workspace_problem refused the rest).
    remote_type = "remote";
    for (const char* name : {"hostname", "organization"}) {
      if (const Value* set = argument(name)) config.emplace(name, *set);
    }
    const Value* workspaces = argument("workspaces");
    if (workspaces && workspaces->kind() == Value::Kind::object) {
      const auto& chosen = workspaces->as_object();
      if (auto it = chosen.find("name"); it != chosen.end()) {
        config.emplace("workspaces", Value::Object{{"name", it->second}});
      }
    }
  } else {
    config = arguments;
  }
  return Value::Object{{"backend", remote_type}, {"config", std::move(config)}};
}

const StackLinks& CrossStackLinks::of(const Stack& stack) const {
  static const StackLinks none;
  auto it = links_.find(&stack);
  return it == links_.end() ? none : it->second;
}

const StackExport* CrossStackLinks::find(const Element& target,
                                         const std::string& attribute) const {
  bool is_output = dynamic_cast<const Output*>(&target) != nullptr;
  auto it = by_target_.find({&target, is_output ? std::string() : attribute});
  return it == by_target_.end() ? nullptr : &it->second;
}

CrossStackLinks CrossStackLinks::build(const std::vector<Stack*>& stacks) {
  CrossStackLinks result;
  std::vector<Diagnostic> problems;
  std::map<const Stack*, std::set<const Stack*>> depends;
  std::map<const Stack*, std::set<const Stack*>> reads;
  std::set<std::pair<const Element*, const Stack*>> reported;
  for (Stack* stack : stacks) {
    result.links_[stack];
    for (const Stack* other : stack->dependencies()) depends[stack].insert(other);
    // A construct-level dependency on a construct of another stack (Node::add_dependency).
    if (stacks.size() > 1) {
      for (const Stack* other : resolve_construct_links(*stack, false).stacks) {
        depends[stack].insert(other);
      }
    }
  }

  for (Stack* stack : stacks) {
    if (stacks.size() < 2) break;
    for (const Element* element : stack->elements()) {
      for (const Element* dependency : element->explicit_dependencies()) {
        if (&dependency->stack() == stack) continue;
        problems.push_back({element->node().path(),
                            "depends on " + dependency->node().path() + " in stack \"" +
                                dependency->stack().node().id() +
                                "\"; depends_on cannot cross stacks (use "
                                "Stack::add_dependency, or refer to one of its attributes)",
                            "synth.cross_stack_depends_on"});
      }
      auto visit = [&](const ExpressionNode& node) {
        const Element& target = *node.target;
        const Stack& upstream = target.stack();
        if (&upstream == stack) return;
        auto* output = dynamic_cast<const Output*>(&target);
        if (!output && target.address().empty()) {
          if (reported.insert({element, &upstream}).second) {
            problems.push_back(
                {element->node().path(),
                 "refers to " + target.node().path() + ", which cannot be read from another stack",
                 "synth.cross_stack_reference"});
          }
          return;
        }
        if (!backend_of(upstream)) {
          if (reported.insert({element, &upstream}).second) {
            problems.push_back(
                {element->node().path(),
                 "refers to " + target.node().path() + " in stack \"" + upstream.node().id() +
                     "\" (" + upstream.node().path() +
                     "), which has no backend to read its outputs from; add a backend "
                     "(LocalBackend, S3Backend, ...) to " +
                     upstream.node().path(),
                 "synth.cross_stack_no_backend"});
          }
          return;
        }
        if (std::string why = workspace_problem(*backend_of(upstream)); !why.empty()) {
          if (reported.insert({element, &upstream}).second) {
            problems.push_back({element->node().path(),
                                "refers to " + target.node().path() + " in stack \"" +
                                    upstream.node().id() + "\" (" + upstream.node().path() +
                                    "), whose outputs cannot be read: " + why,
                                "synth.cross_stack_no_workspace"});
          }
          return;
        }
        depends[stack].insert(&upstream);
        reads[stack].insert(&upstream);
        std::pair<const Element*, std::string> key{&target, output ? std::string() : node.text};
        if (result.by_target_.count(key)) return;
        StackExport entry;
        entry.target = &target;
        entry.type = node.type.empty() ? "dynamic" : node.type;
        if (output) {
          entry.name = output->logical_id();
          entry.sensitive = output->config().sensitive;
          entry.generated = false;
          if (!node.text.empty()) entry.type = "dynamic";
        } else {
          entry.name = export_name(target, node.text);
          entry.attribute = node.text;
          if (auto* variable = dynamic_cast<const Variable*>(&target)) {
            entry.sensitive = variable->config().sensitive;
          } else if (auto* resource = dynamic_cast<const ResourceBase*>(&target)) {
            // Sensitive in the provider schema (generated types) or marked so.
            std::string first = node.text.substr(0, node.text.find_first_of(".["));
            entry.sensitive = first.empty() ? resource->has_sensitive_attributes()
                                            : resource->is_sensitive_attribute(first);
          }
        }
        result.by_target_.emplace(key, entry);
      };
      for (const auto& fragment : element->synthesize()) visit_references(fragment.body, visit);
    }
  }

  // Generated outputs must not collide with each other or with the stack's own outputs.
  for (auto& [key, entry] : result.by_target_) {
    if (!entry.generated) continue;
    const Stack& upstream = entry.target->stack();
    auto& exports = result.links_[&upstream].exports;
    bool clash = std::any_of(exports.begin(), exports.end(),
                             [&name = entry.name](const StackExport& e) { return e.name == name; });
    for (const Element* element : upstream.elements()) {
      if (dynamic_cast<const Output*>(element) && element->logical_id() == entry.name) clash = true;
    }
    if (clash) {
      problems.push_back({entry.target->node().path(),
                          "the output \"" + entry.name +
                              "\" generated for a reference from another stack is also the name "
                              "of another output of stack \"" +
                              upstream.node().id() + "\"",
                          "synth.cross_stack_output_collision"});
      continue;
    }
    exports.push_back(entry);
  }
  auto by_id = [](const Stack* a, const Stack* b) { return a->node().id() < b->node().id(); };
  for (auto& [stack, links] : result.links_) {
    std::sort(links.exports.begin(), links.exports.end(),
              [](const StackExport& a, const StackExport& b) { return a.name < b.name; });
    links.dependencies.assign(depends[stack].begin(), depends[stack].end());
    std::sort(links.dependencies.begin(), links.dependencies.end(), by_id);
    links.remote_states.assign(reads[stack].begin(), reads[stack].end());
    std::sort(links.remote_states.begin(), links.remote_states.end(), by_id);
  }

  // Cycles: a depth-first search in stack order; every back edge closes one cycle.
  std::map<const Stack*, int> state;  // 0 new, 1 on the path, 2 done
  std::vector<const Stack*> path;
  std::function<void(const Stack*)> walk = [&](const Stack* stack) {
    state[stack] = 1;
    path.push_back(stack);
    for (const Stack* next : result.of(*stack).dependencies) {
      if (state[next] == 1) {
        std::vector<const Stack*> cycle(std::find(path.begin(), path.end(), next), path.end());
        cycle.push_back(next);
        problems.push_back({next->node().path(),
                            "the stacks " + stack_list(cycle) +
                                " depend on each other in a cycle; remove a reference or a "
                                "dependency between them",
                            "synth.stack_cycle"});
      } else if (state[next] == 0) {
        walk(next);
      }
    }
    path.pop_back();
    state[stack] = 2;
  };
  for (Stack* stack : stacks) {
    if (state[stack] == 0) walk(stack);
  }

  if (!problems.empty()) throw SynthError(std::move(problems));
  return result;
}

}  // namespace edustack::inline core::detail
