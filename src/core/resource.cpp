#include "edustack/core/resource.hpp"

#include <algorithm>

#include "edustack/core/data_source.hpp"
#include "edustack/core/logical_id.hpp"
#include "edustack/core/provider.hpp"
#include "render.hpp"

namespace edustack::inline core {

ResourceBase::ResourceBase(Construct& scope, std::string_view id, std::string type,
                           ResourceOptions options)
    : Element(scope, id), options_(std::move(options)), type_(std::move(type)) {}

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

Value ResourceBase::body() const {
  Value body = arguments();
  if (!body.is_object()) body = Value::Object{};
  if (!options_.depends_on.empty()) {
    Value::List addresses;
    for (const Element& element : options_.depends_on) addresses.emplace_back(element.address());
    body["depends_on"] = std::move(addresses);
  }
  if (options_.count.is_set()) body["count"] = options_.count.value();
  if (!options_.for_each.is_null()) body["for_each"] = options_.for_each;
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
    body["lifecycle"] = std::move(block);
  }
  return body;
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

Resource::Resource(Construct& scope, std::string_view id, std::string type, ResourceOptions options)
    : ResourceBase(scope, id, std::move(type), std::move(options)) {}

std::string Resource::address() const { return terraform_type() + "." + logical_id(); }

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
                                 Value::Object arguments, ResourceOptions options)
    : Resource(scope, id, std::move(type), std::move(options)), arguments_(std::move(arguments)) {}

DataSource::DataSource(Construct& scope, std::string_view id, std::string type,
                       ResourceOptions options)
    : ResourceBase(scope, id, std::move(type), std::move(options)) {
  options_.lifecycle.reset();
}

std::string DataSource::address() const { return "data." + terraform_type() + "." + logical_id(); }

void DataSource::fragments(std::vector<Fragment>& out) const {
  out.push_back({{"data", terraform_type(), logical_id()}, body(), false});
}

GenericDataSource::GenericDataSource(Construct& scope, std::string_view id, std::string type,
                                     Value::Object arguments, ResourceOptions options)
    : DataSource(scope, id, std::move(type), std::move(options)),
      arguments_(std::move(arguments)) {}

}  // namespace edustack::inline core
