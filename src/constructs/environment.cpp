#include "edustack/constructs/environment.hpp"

#include "edustack/aws/data/caller_identity.hpp"
#include "edustack/aws/data/partition.hpp"
#include "edustack/aws/data/region.hpp"
#include "edustack/core/stack.hpp"

namespace edustack::constructs {

namespace {
template <class T>
T& stack_singleton(core::Construct& scope, std::string_view id) {
  core::Stack& stack = core::Stack::of(scope);
  if (auto* existing = dynamic_cast<T*>(stack.node().try_find_child(id))) return *existing;
  return stack.make<T>(id);
}
}  // namespace

core::StringExpr account_id(core::Construct& scope) {
  return stack_singleton<aws::data::CallerIdentity>(scope, "caller_identity").account_id();
}

core::StringExpr partition(core::Construct& scope) {
  return stack_singleton<aws::data::Partition>(scope, "partition").partition();
}

core::StringExpr region_name(core::Construct& scope) {
  return stack_singleton<aws::data::Region>(scope, "region").region();
}

}  // namespace edustack::constructs
