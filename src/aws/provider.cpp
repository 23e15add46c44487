#include "edustack/aws/provider.hpp"

#include <utility>

namespace edustack::aws {
namespace {

template <class T>
void put(core::Value::Object& out, const char* name, const T& field) {
  if (field.is_set()) out.emplace(name, core::to_value(field));
}

}  // namespace

core::Value to_value(const AssumeRole& assume_role) {
  core::Value::Object out;
  put(out, "duration", assume_role.duration);
  put(out, "external_id", assume_role.external_id);
  put(out, "policy", assume_role.policy);
  put(out, "policy_arns", assume_role.policy_arns);
  put(out, "role_arn", assume_role.role_arn);
  put(out, "session_name", assume_role.session_name);
  put(out, "source_identity", assume_role.source_identity);
  put(out, "tags", assume_role.tags);
  put(out, "transitive_tag_keys", assume_role.transitive_tag_keys);
  return out;
}

Provider::Provider(core::Construct& scope, std::string_view id, ProviderConfig config)
    : core::Provider(
          scope, id,
          core::ProviderConfig{
              .name = "aws", .source = source, .version = version, .alias = config.alias}),
      config_(std::move(config)) {}

core::Value Provider::arguments() const {
  core::Value::Object out;
  put(out, "allowed_account_ids", config_.allowed_account_ids);
  // assume_role and default_tags are list blocks (max_items 1) in the provider schema.
  if (config_.assume_role) {
    out.emplace("assume_role", core::Value::List{to_value(*config_.assume_role)});
  }
  if (config_.default_tags.is_set()) {
    out.emplace("default_tags",
                core::Value::List{core::Value::Object{{"tags", config_.default_tags.value()}}});
  }
  put(out, "forbidden_account_ids", config_.forbidden_account_ids);
  put(out, "profile", config_.profile);
  put(out, "region", config_.region);
  return out;
}

}  // namespace edustack::aws
