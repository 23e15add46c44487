#pragma once

// Cross-stack references and the stack dependency graph. Internal to the library.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "edustack/core/value.hpp"

namespace edustack::inline core {

class Element;
class Stack;

namespace detail {

// One value a stack publishes for other stacks: an output it synthesizes for a reference made
// from another stack, or one of its own Output elements another stack reads.
struct StackExport {
  std::string name;  // the output's name
  std::string type;  // Terraform type, "dynamic" when not known
  bool sensitive = false;
  const Element* target = nullptr;
  std::string attribute;
  bool generated = true;  // false: an Output element of the stack, synthesized as written
};

struct StackLinks {
  std::vector<StackExport> exports;         // generated ones, sorted by name
  std::vector<const Stack*> dependencies;   // direct, implicit and explicit, sorted by id
  std::vector<const Stack*> remote_states;  // stacks read through terraform_remote_state
};

class CrossStackLinks {
 public:
  // Scans the references of every stack. Throws SynthError listing every reference to a stack
  // without a backend, every unsupported reference and every dependency cycle.
  static CrossStackLinks build(const std::vector<Stack*>& stacks);

  const StackLinks& of(const Stack& stack) const;
  // The export a reference from another stack to target.attribute reads; nullptr when none.
  const StackExport* find(const Element& target, const std::string& attribute) const;

 private:
  std::map<const Stack*, StackLinks> links_;
  std::map<std::pair<const Element*, std::string>, StackExport> by_target_;
};

// The name of the terraform_remote_state data source a stack reads upstream through.
std::string remote_state_name(const Stack& upstream);
// The body of data.terraform_remote_state.<upstream>, read from downstream's directory.
Value remote_state_body(const Stack& upstream);

}  // namespace detail
}  // namespace edustack::inline core
