#include "edustack/core/aspect.hpp"

#include "edustack/core/construct.hpp"
#include "edustack/core/resource.hpp"

namespace edustack::inline core {

void TagAspect::visit(Construct& construct) {
  auto* resource = dynamic_cast<ResourceBase*>(&construct);
  if (!resource) return;
  if (auto* tags = resource->tags_argument()) tags->merge_defaults(tags_);
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
