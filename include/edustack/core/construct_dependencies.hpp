#pragma once

// The construct-level dependencies of one stack (Node::add_dependency), resolved to its
// elements exactly as synthesis resolves them to depends_on entries: for tools that draw or
// inspect a stack without synthesizing it (`edustack graph`).

#include <vector>

namespace edustack::inline core {

class Element;
class Stack;

struct ResolvedDependency {
  const Element* dependent;  // gets a depends_on entry at synthesis
  const Element* target;     // the element it names
};

// Every (dependent, target) pair of the stack: dependents in the stack's element order, the
// targets of each in the order of its depends_on entries, without repeats. A dependency on a
// construct in another stack gives none (it is a stack dependency); a cycle is not reported here
// (synthesis reports it, synth.construct_dependency_cycle).
std::vector<ResolvedDependency> construct_dependencies(const Stack& stack);

}  // namespace edustack::inline core
