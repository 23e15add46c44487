#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "edustack/core/annotations.hpp"
#include "edustack/core/aspect.hpp"

namespace edustack::inline core {

class Construct;

// The tree side of a construct: id, path, children, validations, annotations and aspects.
// Reached through construct.node(), so resource attribute names like id() or path() stay free
// for typed references.
class Node {
 public:
  const std::string& id() const noexcept { return id_; }
  // "app/stack/network/vpc"
  std::string path() const;
  Construct* scope() const noexcept { return scope_; }
  Construct& root() const;
  const std::vector<Construct*>& children() const;

  Construct* try_find_child(std::string_view id) const;
  Construct& find_child(std::string_view id) const;  // throws ConstructError
  // A path relative to this node: "network/vpc".
  Construct* try_find(std::string_view relative_path) const;
  Construct& find(std::string_view relative_path) const;  // throws ConstructError
  // This construct and all below it, depth-first, in insertion order.
  std::vector<Construct*> find_all() const;

  // Validations collect messages instead of throwing; synthesis reports all of them.
  using Validation = std::function<std::vector<std::string>()>;
  void add_validation(Validation validation);
  std::vector<std::string> validate() const;

  void add_info(std::string message);
  void add_warning(std::string message);
  void add_error(std::string message);
  const std::vector<Annotation>& annotations() const noexcept { return annotations_; }

  void add_aspect(std::shared_ptr<Aspect> aspect);
  const std::vector<std::shared_ptr<Aspect>>& aspects() const noexcept { return aspects_; }

 private:
  friend class Construct;
  friend class Stack;
  friend void apply_aspects(Construct& root);
  Node(Construct& host, Construct* scope, std::string id);

  Construct& host_;
  Construct* scope_;
  std::string id_;
  // Destroyed children leave a null slot (erasing one by one is quadratic when a large scope
  // is torn down front to back); the slots are compacted on the next read.
  mutable std::vector<Construct*> children_;
  mutable std::size_t removed_children_ = 0;
  mutable std::size_t index_in_scope_ = 0;
  std::unordered_map<std::string_view, Construct*> children_by_id_;
  std::vector<std::unique_ptr<Construct>> owned_;
  std::vector<Validation> validations_;
  std::vector<Annotation> annotations_;
  std::vector<std::shared_ptr<Aspect>> aspects_;
  std::vector<const Aspect*> visited_by_;
  bool is_stack_ = false;  // set by Stack, so Stack::of needs no dynamic_cast mid-construction
};

// A node of the construct tree. Non-copyable and non-movable: the tree holds its address.
// Children are either members of the construct that creates them, or owned by their scope
// (make<T>()). Either way, a child that is destroyed leaves its scope.
class Construct {
 public:
  Construct(Construct& scope, std::string_view id);
  virtual ~Construct();
  Construct(const Construct&) = delete;
  Construct& operator=(const Construct&) = delete;

  Node& node() noexcept { return node_; }
  const Node& node() const noexcept { return node_; }

  // Creates a child owned by this construct: T(*this, id, args...).
  template <class T, class... Args>
  T& make(std::string_view id, Args&&... args) {
    return adopt(std::make_unique<T>(*this, id, std::forward<Args>(args)...));
  }

  // Problems with this construct's own configuration; collected at synthesis.
  virtual std::vector<std::string> validate() const { return {}; }

 protected:
  // The root of a tree (App).
  explicit Construct(std::string_view root_id);

  // Takes ownership of a child already registered under this construct.
  template <class T>
  T& adopt(std::unique_ptr<T> child) {
    T& ref = *child;
    node_.owned_.push_back(std::move(child));
    return ref;
  }

 private:
  Node node_;
};

// Applies every aspect of the tree (see Aspect for the order). Called by synthesis.
void apply_aspects(Construct& root);

}  // namespace edustack::inline core
