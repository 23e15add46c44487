#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "edustack/core/annotations.hpp"
#include "edustack/core/aspect.hpp"
#include "edustack/core/source_location.hpp"

namespace edustack::inline core {

// A validation: any callable returning its messages (none: valid). Type-erased here rather than
// a std::function, which would put <functional> (and <unordered_map> under it) into every file
// that includes the core headers, 0.1 s of compile time each (bench/README.md). Move-only.
class Validation {
 public:
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, Validation> &&
           std::is_convertible_v<std::invoke_result_t<F&>, std::vector<std::string>>)
      Validation(F f)
      : callable_(std::make_unique<Holder<F>>(std::move(f))) {}  // NOLINT: implicit

  std::vector<std::string> operator()() const { return callable_->call(); }

 private:
  struct Callable {
    virtual ~Callable() = default;
    virtual std::vector<std::string> call() = 0;
  };
  template <class F>
  struct Holder final : Callable {
    explicit Holder(F f) : function(std::move(f)) {}
    std::vector<std::string> call() override { return function(); }
    F function;
  };
  std::unique_ptr<Callable> callable_;
};

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
  using Validation = core::Validation;
  void add_validation(Validation validation);
  std::vector<std::string> validate() const;

  void add_info(std::string message);
  void add_warning(std::string message);
  void add_error(std::string message);
  const std::vector<Annotation>& annotations() const noexcept { return annotations_; }

  void add_aspect(std::shared_ptr<Aspect> aspect);
  const std::vector<std::shared_ptr<Aspect>>& aspects() const noexcept { return aspects_; }

  // A construct-level dependency (constructs' addDependency): at synthesis every resource, data
  // source and module below this construct gets depends_on entries for every resource and
  // module below `dependency`, merged with its own depends_on, without repeats or itself. When
  // `dependency` is in another stack, this construct's stack depends on that stack instead (as a
  // cross-stack reference makes it). Throws ConfigError when `dependency` is this construct,
  // one of its ancestors or descendants, or in another tree. A cycle fails synthesis
  // (synth.construct_dependency_cycle).
  void add_dependency(Construct& dependency);
  const std::vector<Construct*>& dependencies() const noexcept { return dependencies_; }

  // A renamed or moved subtree: this construct was at old_stack_relative_path ("network/vpc")
  // before. Synthesis emits a `moved` block for every resource and module below it, from its
  // old address to its new one (elements with an overridden logical id keep it: none).
  void moved_from_path(std::string_view old_stack_relative_path);
  // The same for a construct whose id changed under the same scope.
  void renamed_from(std::string_view old_id);
  // The stack-relative paths recorded by moved_from_path and renamed_from.
  const std::vector<std::string>& previous_paths() const noexcept { return previous_paths_; }

  // After lock(), creating a construct in this subtree throws ConstructError
  // "construct.locked". Synthesis locks the whole tree after the aspects ran, until it returns.
  void lock() noexcept { locked_ = true; }
  // This construct or one of its scopes is locked.
  bool is_locked() const noexcept;

  // Where the construct was created, for diagnostics (never written to the JSON): the caller of
  // the Construct constructor, which is the constructor of a construct class of your own, or
  // the line that created a Stack or GenericResource. An element of a generated type records
  // its scope's. set_created_at: for a class that takes its own SourceLocation parameter.
  const SourceLocation& created_at() const noexcept { return created_at_; }
  void set_created_at(const SourceLocation& where) noexcept { created_at_ = where; }
  // "file:line"; empty when unknown.
  std::string creation_site() const;

 private:
  friend class Construct;
  friend class Stack;
  friend class App;
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
  std::map<std::string_view, Construct*> children_by_id_;
  std::vector<std::unique_ptr<Construct>> owned_;
  std::vector<Validation> validations_;
  std::vector<Annotation> annotations_;
  std::vector<std::shared_ptr<Aspect>> aspects_;
  std::vector<const Aspect*> visited_by_;
  std::vector<Construct*> dependencies_;
  std::vector<Construct*> dependents_;  // the constructs that depend on this one
  std::vector<std::string> previous_paths_;
  SourceLocation created_at_;
  bool locked_ = false;
  bool is_stack_ = false;  // set by Stack, so Stack::of needs no dynamic_cast mid-construction
};

// A node of the construct tree. Non-copyable and non-movable: the tree holds its address.
// Children are either members of the construct that creates them, or owned by their scope
// (make<T>()). Either way, a child that is destroyed leaves its scope.
class Construct {
 public:
  // created_at: where the construct was created (see Node::created_at); leave it defaulted.
  Construct(Construct& scope, std::string_view id,
            SourceLocation created_at = SourceLocation::current());
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
