#include "edustack/core/resource.hpp"

#include <algorithm>

#include "edustack/core/data_source.hpp"
#include "edustack/core/logical_id.hpp"
#include "edustack/core/provider.hpp"
#include "meta_arguments.hpp"
#include "render.hpp"

namespace edustack::inline core {

ResourceBase::ResourceBase(Construct& scope, std::string_view id, std::string type,
                           ResourceOptions options, std::optional<SourceLocation> created_at)
    : Element(scope, id, created_at), options_(std::move(options)), type_(std::move(type)) {}

ResourceBase::~ResourceBase() = default;

void ResourceBase::add_dependency(const Element& element) {
  options_.depends_on.emplace_back(element);
}
void ResourceBase::set_count(Number count) { options_.count = std::move(count); }
void ResourceBase::set_for_each(Value for_each) { options_.for_each = std::move(for_each); }
void ResourceBase::set_provider(const Provider& provider) { options_.provider = &provider; }

void ResourceBase::mark_sensitive(std::string attribute) {
  if (!is_sensitive_attribute(attribute)) sensitive_attributes_.push_back(std::move(attribute));
}

bool ResourceBase::is_sensitive_attribute(std::string_view attribute) const {
  return std::find(sensitive_attributes_.begin(), sensitive_attributes_.end(), attribute) !=
         sensitive_attributes_.end();
}

Value conditions_value(const std::vector<Condition>& conditions) {
  Value::List out;
  for (const auto& condition : conditions) {
    out.emplace_back(
        Value::Object{{"condition", Value(static_cast<const Expression&>(condition.condition))},
                      {"error_message", condition.error_message.value()}});
  }
  return out;
}

namespace {

// `dynamic "<name>" {...}` into a block's body, its nested dynamic blocks into its content.
void write_dynamic_block(Value& body, const DynamicBlock& dynamic) {
  Value content = dynamic.content;
  if (!dynamic.nested.empty() && !content.is_object()) content = Value::Object{};
  for (const auto& nested : dynamic.nested) write_dynamic_block(content, nested);
  Value block = Value::Object{{"for_each", dynamic.for_each}, {"content", std::move(content)}};
  if (!dynamic.iterator.empty() && dynamic.iterator != dynamic.name) {
    block["iterator"] = dynamic.iterator;
  }
  Value& slot = body["dynamic"][dynamic.name];
  if (slot.is_null()) {
    slot = std::move(block);
  } else {
    // A second dynamic block of the same type: Terraform JSON takes a list of them.
    if (!slot.is_list()) slot = Value::List{slot};
    slot.as_list().push_back(std::move(block));
  }
}

}  // namespace

Value ResourceBase::body() const {
  Value body = arguments();
  if (!body.is_object()) body = Value::Object{};
  detail::write_repetition_and_dependencies(body, options_.depends_on, options_.count,
                                            options_.for_each);
  if (options_.provider && !options_.provider->alias().empty()) {
    body["provider"] = options_.provider->reference();
  }
  if (options_.lifecycle) {
    const auto& lifecycle = *options_.lifecycle;
    Value block = Value::Object{};
    if (lifecycle.create_before_destroy) {
      block["create_before_destroy"] = *lifecycle.create_before_destroy;
    }
    if (lifecycle.prevent_destroy) block["prevent_destroy"] = *lifecycle.prevent_destroy;
    if (lifecycle.ignore_changes.size() == 1 && lifecycle.ignore_changes.front() == "all") {
      block["ignore_changes"] = "all";
    } else if (!lifecycle.ignore_changes.empty()) {
      Value::List names(lifecycle.ignore_changes.begin(), lifecycle.ignore_changes.end());
      block["ignore_changes"] = std::move(names);
    }
    if (!lifecycle.replace_triggered_by.empty()) {
      Value::List triggers;
      // Static references, written bare like depends_on.
      for (const auto& trigger : lifecycle.replace_triggered_by) {
        triggers.emplace_back(render_hcl(trigger));
      }
      block["replace_triggered_by"] = std::move(triggers);
    }
    if (!lifecycle.precondition.empty()) {
      block["precondition"] = conditions_value(lifecycle.precondition);
    }
    if (!lifecycle.postcondition.empty()) {
      block["postcondition"] = conditions_value(lifecycle.postcondition);
    }
    body["lifecycle"] = std::move(block);
  }
  for (const auto& dynamic : dynamic_blocks_) write_dynamic_block(body, dynamic);
  return body;
}

bool GenericResource::merge_tags(const std::map<std::string, std::string>& defaults) {
  auto tags = arguments_.find("tags");
  if (tags == arguments_.end() || tags->second.is_null()) return false;
  tags->second = merge_tag_defaults(tags->second, defaults);
  return true;
}

std::vector<const Element*> ResourceBase::explicit_dependencies() const {
  std::vector<const Element*> out;
  for (const Element& element : options_.depends_on) out.push_back(&element);
  if (options_.provider) out.push_back(options_.provider);
  if (options_.lifecycle) {
    for (const auto& trigger : options_.lifecycle->replace_triggered_by) {
      for_each_reference(Value(trigger), [&](const Element& target) { out.push_back(&target); });
    }
  }
  return out;
}

Resource::Resource(Construct& scope, std::string_view id, std::string type, ResourceOptions options,
                   std::optional<SourceLocation> created_at)
    : ResourceBase(scope, id, std::move(type), std::move(options), created_at) {}

Resource::~Resource() = default;

std::string Resource::address() const { return terraform_type() + "." + logical_id(); }

std::string Resource::id_namespace() const { return "resource." + terraform_type(); }

void Resource::import_from(String id) { import_id_ = std::move(id); }

void Resource::moved_from(std::string old_address) {
  moved_from_.push_back(std::move(old_address));
}

void Resource::moved_from_path(std::string_view old_stack_relative_path) {
  moved_from(terraform_type() + "." + logical_id_for_path(old_stack_relative_path));
}

void Resource::fragments(std::vector<Fragment>& out) const {
  out.push_back({{"resource", terraform_type(), logical_id()}, body(), false});
  for (const auto& old_address : moved_from_) {
    Value::Object moved{{"from", old_address}, {"to", address()}};
    out.push_back({{"moved"}, std::move(moved), true});
  }
  if (import_id_.is_set()) {
    Value::Object import{{"to", address()}, {"id", import_id_.value()}};
    if (options_.provider && !options_.provider->alias().empty()) {
      import.emplace("provider", options_.provider->reference());
    }
    out.push_back({{"import"}, std::move(import), true});
  }
}

GenericResource::GenericResource(Construct& scope, std::string_view id, std::string type,
                                 Value::Object arguments, ResourceOptions options,
                                 SourceLocation created_at)
    : Resource(scope, id, std::move(type), std::move(options), created_at),
      arguments_(std::move(arguments)) {}

DataSource::DataSource(Construct& scope, std::string_view id, std::string type,
                       ResourceOptions options, std::optional<SourceLocation> created_at)
    : ResourceBase(scope, id, std::move(type), std::move(options), created_at) {
  options_.lifecycle.reset();
}

DataSource::~DataSource() = default;

std::string DataSource::address() const { return "data." + terraform_type() + "." + logical_id(); }

std::string DataSource::id_namespace() const { return "data." + terraform_type(); }

void DataSource::fragments(std::vector<Fragment>& out) const {
  out.push_back({{"data", terraform_type(), logical_id()}, body(), false});
}

GenericDataSource::GenericDataSource(Construct& scope, std::string_view id, std::string type,
                                     Value::Object arguments, ResourceOptions options,
                                     SourceLocation created_at)
    : DataSource(scope, id, std::move(type), std::move(options), created_at),
      arguments_(std::move(arguments)) {}

}  // namespace edustack::inline core
