#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/construct.hpp"
#include "edustack/core/source_location.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core {

class Stack;
class Element;

// A reference to an element, as std::reference_wrapper<const Element> was (which would need
// <functional> in every file that includes the core headers, bench/README.md): made from an
// element, never from a temporary; converts back to `const Element&`, or get().
class ElementRef {
 public:
  ElementRef(const Element& element) noexcept : element_(&element) {}  // NOLINT: implicit
  ElementRef(const Element&&) = delete;
  const Element& get() const noexcept { return *element_; }
  operator const Element&() const noexcept { return *element_; }  // NOLINT: implicit

 private:
  const Element* element_;
};

// One piece of a stack's JSON document: the body to place at block_path ("resource",
// "aws_vpc", "main"). With append, the body is added to a list at block_path instead
// (providers, moved and import blocks).
struct Fragment {
  std::vector<std::string> block_path;
  Value body;
  bool append = false;
};

// A construct that becomes part of a stack's Terraform configuration.
class Element : public Construct {
 public:
  Stack& stack() const noexcept { return *stack_; }

  // The Terraform name: derived from the stack-relative path (see logical_id.hpp) unless
  // overridden.
  const std::string& logical_id() const;
  void override_logical_id(std::string logical_id);

  // How other configuration refers to it: "aws_vpc.main", "data.aws_region.current",
  // "var.env", "local.name". Empty for elements that cannot be referenced.
  virtual std::string address() const = 0;
  // The namespace its logical id must be unique in: "resource.aws_vpc", "variable", ...
  virtual std::string id_namespace() const = 0;
  // The name that must be unique within id_namespace(): the logical id, or a provider's alias.
  virtual std::string unique_name() const;
  // Elements named by depends_on and similar static references, besides those its expressions
  // refer to.
  virtual std::vector<const Element*> explicit_dependencies() const { return {}; }

  // Escape hatch: sets a value at a dotted path of this element's body after synthesis
  // ("lifecycle.ignore_changes", "ingress.0.cidr_blocks"). An escaped dot is "\.".
  void add_override(std::string_view path, Value value);
  // Removes the key at a dotted path of this element's body.
  void add_deletion_override(std::string_view path);

  // Every element this one refers to, through expressions or explicit dependencies, in order of
  // first appearance and without repeats (what `edustack graph` draws).
  std::vector<const Element*> references() const;

  // The fragments this element contributes, overrides applied to the first.
  std::vector<Fragment> synthesize() const;

  // Out of line, as the destructors and inline virtual functions of the classes below: a class
  // with virtual functions emits its vtable, and with it every virtual function and destructor
  // it inherits that is inline, in each translation unit that constructs it (every generated
  // type a program uses).
  ~Element() override;

 protected:
  // created_at: where it was created, when the class knows (GenericResource takes it as a
  // defaulted parameter); otherwise its scope's (Node::created_at).
  Element(Construct& scope, std::string_view id,
          std::optional<SourceLocation> created_at = std::nullopt);
  virtual void fragments(std::vector<Fragment>& out) const = 0;

 private:
  struct Override {
    std::string path;
    Value value;
    bool remove = false;
  };
  Stack* stack_;
  mutable std::string logical_id_;
  bool logical_id_overridden_ = false;
  std::vector<Override> overrides_;
};

// Every element the expressions inside value refer to, in order, with repeats.
std::vector<const Element*> referenced_elements(const Value& value);

// Applies a dotted-path override to a JSON-like value (used for element and stack overrides).
void apply_override(Value& target, std::string_view path, const Value* value);

}  // namespace edustack::inline core
