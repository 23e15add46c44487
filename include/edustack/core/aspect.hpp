#pragma once

#include <map>
#include <memory>
#include <string>

namespace edustack::inline core {

class Construct;

// A visitor applied to every construct of the scope it is added to, before synthesis.
// Order: the tree is walked depth-first in insertion order; at each construct the aspects of
// its ancestors run first (root-most first), then its own, each in the order they were added.
// Each aspect visits each construct once, even if synth runs twice; constructs an aspect adds
// are visited too when they come later in the walk.
class Aspect {
 public:
  virtual ~Aspect() = default;
  virtual void visit(Construct& construct) = 0;
};

// Adds tags to every resource under a scope whose type has a `tags` argument. Tags set on the
// resource itself win over these. An untyped GenericResource is tagged when it has a `tags`
// argument; without one it gets a warning annotation (its schema is unknown), never silence.
class TagAspect : public Aspect {
 public:
  explicit TagAspect(std::map<std::string, std::string> tags) : tags_(std::move(tags)) {}
  void visit(Construct& construct) override;

 private:
  std::map<std::string, std::string> tags_;
};

// Shorthand: scope.node().add_aspect(std::make_shared<TagAspect>(tags)).
void add_tags(Construct& scope, std::map<std::string, std::string> tags);

}  // namespace edustack::inline core
