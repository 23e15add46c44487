#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/arguments.hpp"
#include "edustack/core/element.hpp"
#include "edustack/core/source_location.hpp"

namespace edustack::inline core {

class Provider;

// A custom condition: a precondition or postcondition of a lifecycle, an assertion of a check.
// The message may interpolate values ("${...}"), so it is a String.
struct Condition {
  BoolExpr condition;
  String error_message;
};

struct Lifecycle {
  std::optional<bool> create_before_destroy;
  std::optional<bool> prevent_destroy;
  std::vector<std::string> ignore_changes;       // argument names, or {"all"}
  std::vector<Expression> replace_triggered_by;  // references: resource.attribute()
  std::vector<Condition> precondition;           // checked before planning the resource
  std::vector<Condition> postcondition;          // checked after; self.<attribute> is the resource
};

// A `dynamic` block: one nested block `name` per element of for_each, each made from content,
// in which <iterator>.key and <iterator>.value are the element. The typed way to build one is
// add_dynamic_block in dynamic_block.hpp.
struct DynamicBlock {
  std::string name;      // the nested block type: "ingress", "rule"
  Value for_each;        // a collection (an Iterator<T> converts to it)
  std::string iterator;  // the symbol in content; empty: the block name
  Value content;         // the block's arguments and nested blocks
  // Dynamic blocks inside the content: written as its "dynamic" member. Their for_each may use
  // this block's iterator symbol (rule.value.transitions).
  std::vector<DynamicBlock> nested;
};

// self.<attribute>: the resource itself, in a postcondition:
// self_attribute("arn").as<std::string>().
inline Expression self_attribute(std::string_view attribute) {
  return Expression::raw("self." + std::string(attribute));
}

// Value of a list of conditions as lifecycle and check blocks hold them.
Value conditions_value(const std::vector<Condition>& conditions);

// Meta-arguments shared by resources and data sources.
struct ResourceOptions {
  std::vector<ElementRef> depends_on;
  Number count;    // a Count converts to it
  Value for_each;  // an Iterator<T> converts to it
  const Provider* provider = nullptr;
  std::optional<Lifecycle> lifecycle;  // resources only
};

// What resources and data sources share: a provider type, meta-arguments and typed
// attribute references.
class ResourceBase : public Element {
 public:
  const std::string& terraform_type() const noexcept { return type_; }

  void add_dependency(const Element& element);
  void set_count(Number count);
  void set_for_each(Value for_each);
  void set_provider(const Provider& provider);
  void add_dynamic_block(DynamicBlock block) { dynamic_blocks_.push_back(std::move(block)); }
  const Provider* provider() const noexcept { return options_.provider; }
  const ResourceOptions& options() const noexcept { return options_; }

  // A reference to any attribute, for attributes the typed accessors do not cover.
  Expression attribute(std::string_view name) const { return Expression::reference(*this, name); }
  template <class T>
  Expr<T> attribute_as(std::string_view name) const {
    return Expr<T>(Expression::reference(*this, name, terraform_type_name<T>()));
  }

  // The arguments as they will be synthesized (meta-arguments included, overrides not).
  Value body() const;

  std::vector<const Element*> explicit_dependencies() const override;

  // Attributes whose values Terraform treats as sensitive (a password): an output that is not
  // marked sensitive and refers to one fails synthesis, as terraform would fail the plan.
  void mark_sensitive(std::string attribute);
  bool is_sensitive_attribute(std::string_view attribute) const;
  bool has_sensitive_attributes() const noexcept { return !sensitive_attributes_.empty(); }

  // The `tags` argument of types that have one, for aspects that tag; nullptr otherwise.
  virtual Map<String>* tags_argument() { return nullptr; }

  ~ResourceBase() override;

 protected:
  ResourceBase(Construct& scope, std::string_view id, std::string type, ResourceOptions options,
               std::optional<SourceLocation> created_at = std::nullopt);
  // The arguments of the type itself (generated types serialize their config here).
  virtual Value arguments() const = 0;

  ResourceOptions options_;

 private:
  std::string type_;
  std::vector<std::string> sensitive_attributes_;
  std::vector<DynamicBlock> dynamic_blocks_;
};

// A managed resource.
class Resource : public ResourceBase {
 public:
  void set_lifecycle(Lifecycle lifecycle) { options_.lifecycle = std::move(lifecycle); }

  // Adopts an existing object on the next apply: an `import` block with this id.
  void import_from(String id);
  // Records a rename: a `moved` block from the old address ("aws_vpc.old") to this one.
  void moved_from(std::string old_address);
  // The same, from the construct path it had below the stack before ("network/vpc").
  void moved_from_path(std::string_view old_stack_relative_path);

  std::string address() const override;
  std::string id_namespace() const override;
  ~Resource() override;

 protected:
  Resource(Construct& scope, std::string_view id, std::string type, ResourceOptions options,
           std::optional<SourceLocation> created_at = std::nullopt);
  void fragments(std::vector<Fragment>& out) const override;

 private:
  String import_id_;
  std::vector<std::string> moved_from_;
};

// A resource of any type, its arguments given as an object: for types edustack has no
// generated binding for.
class GenericResource : public Resource {
 public:
  GenericResource(Construct& scope, std::string_view id, std::string type,
                  Value::Object arguments = {}, ResourceOptions options = {},
                  SourceLocation created_at = SourceLocation::current());
  void set(std::string_view name, Value value) { arguments_[std::string(name)] = std::move(value); }

  // Adds the tags this resource's `tags` argument lacks (its own win); false when it has no
  // `tags` argument, since an untyped type's schema is unknown: TagAspect then warns.
  bool merge_tags(const std::map<std::string, std::string>& defaults);

 protected:
  Value arguments() const override { return arguments_; }

 private:
  Value::Object arguments_;
};

}  // namespace edustack::inline core
