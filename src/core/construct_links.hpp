#pragma once

// Construct-level dependencies and subtree moves (Node::add_dependency, Node::moved_from_path,
// Node::renamed_from), resolved to the elements of a stack at synthesis. Internal to the library.

#include <unordered_map>
#include <vector>

#include "edustack/core/element.hpp"
#include "edustack/core/value.hpp"
#include "edustack/error.hpp"

namespace edustack::inline core {

class Stack;

namespace detail {

struct ConstructLinks {
  // An element of the stack -> the elements of the stack it must follow because of a
  // construct-level dependency: in order of the constructs (depth-first) and their
  // add_dependency calls, without repeats, never the element itself.
  std::unordered_map<const Element*, std::vector<const Element*>> depends_on;
  // Other stacks a construct of this stack depends on, in order of first appearance.
  std::vector<const Stack*> stacks;
  // Cycles of construct-level dependencies (rule synth.construct_dependency_cycle).
  std::vector<Diagnostic> problems;
  // Some construct of the stack has a previous path (moved_from_path, renamed_from).
  bool moves = false;
};

// The construct-level links of the constructs of one stack. With elements false, only `stacks`
// is computed (no subtree is resolved, no cycle looked for).
ConstructLinks resolve_construct_links(const Stack& stack, bool elements = true);

// Adds the addresses of dependencies to body's depends_on (a list of addresses), after the
// ones it has, without repeats.
void merge_depends_on(Value& body, const std::vector<const Element*>& dependencies);

// The moved blocks ({"from", "to"}) for a resource or module whose construct, or one of its
// ancestors below the stack, has previous paths: from the address it had there to its address.
// Ancestors root-most first. Empty for other elements and for an overridden logical id.
std::vector<Value> subtree_moves(const Element& element);

}  // namespace detail
}  // namespace edustack::inline core
