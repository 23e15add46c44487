#include "edustack/core/aspect.hpp"

#include "edustack/core/construct.hpp"
#include "edustack/core/resource.hpp"

namespace edustack::inline core {

void TagAspect::visit(Construct& construct) {
  auto* resource = dynamic_cast<ResourceBase*>(&construct);
  if (!resource) return;
  if (auto* tags = resource->tags_argument()) {
    tags->merge_defaults(tags_);
    return;
  }
  auto* untyped = dynamic_cast<GenericResource*>(resource);
  if (untyped == nullptr || untyped->merge_tags(tags_)) return;
  // A generated type without `tags` takes none; an untyped one may: say so rather than skip it.
  construct.node().add_warning(
      "add_tags: " + resource->terraform_type() +
      " is untyped, so whether it takes tags is unknown and it was not tagged: use its generated "
      "binding, or give it a \"tags\" argument (the tags are then merged into it)");
}

void add_tags(Construct& scope, std::map<std::string, std::string> tags) {
  scope.node().add_aspect(std::make_shared<TagAspect>(std::move(tags)));
}

const char* to_string(Annotation::Level level) noexcept {
  switch (level) {
    case Annotation::Level::info:
      return "info";
    case Annotation::Level::warning:
      return "warning";
    case Annotation::Level::error:
      return "error";
  }
  return "info";
}

}  // namespace edustack::inline core
