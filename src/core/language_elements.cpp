// The newer language elements: removed, check, terraform_data and ephemeral resources.
#include "edustack/core/check.hpp"
#include "edustack/core/ephemeral.hpp"
#include "edustack/core/logical_id.hpp"
#include "edustack/core/provider.hpp"
#include "edustack/core/removed.hpp"
#include "edustack/core/terraform_data.hpp"
#include "edustack/error.hpp"

namespace edustack::inline core {

Removed::Removed(Construct& scope, std::string_view id, RemovedConfig config)
    : Element(scope, id), config_(std::move(config)) {
  const auto& from = config_.from;
  bool valid = !from.empty() && from.find(' ') == std::string::npos &&
               from.find("${") == std::string::npos && from.find('.') != std::string::npos &&
               from.find('[') == std::string::npos;
  if (!valid) {
    throw ConfigError(node().path(), "from",
                      "\"" + from +
                          "\" must be a resource or module address without an instance key "
                          "(\"aws_s3_bucket.logs\", \"module.network\")");
  }
}

std::string Removed::address_for_path(std::string_view terraform_type,
                                      std::string_view old_stack_relative_path) {
  return std::string(terraform_type) + "." + logical_id_for_path(old_stack_relative_path);
}

void Removed::fragments(std::vector<Fragment>& out) const {
  Value::Object body{{"from", config_.from},
                     {"lifecycle", Value::Object{{"destroy", config_.destroy}}}};
  out.push_back({{"removed"}, std::move(body), true});
}

Check::Check(Construct& scope, std::string_view id, CheckConfig config)
    : Element(scope, id), config_(std::move(config)) {
  if (config_.assertions.empty()) {
    throw ConfigError(node().path(), "assertions", "a check needs at least one assertion");
  }
  for (std::size_t i = 0; i < config_.assertions.size(); ++i) {
    if (!config_.assertions[i].error_message.is_set()) {
      throw ConfigError(node().path(), "assertions." + std::to_string(i) + ".error_message",
                        "an assertion needs an error message");
    }
  }
}

void Check::fragments(std::vector<Fragment>& out) const {
  Value body = Value::Object{};
  body["assert"] = conditions_value(config_.assertions);
  out.push_back({{"check", logical_id()}, std::move(body), false});
}

TerraformData::TerraformData(Construct& scope, std::string_view id, TerraformDataConfig config,
                             ResourceOptions options)
    : Resource(scope, id, terraform_type, std::move(options)), config_(std::move(config)) {}

Value TerraformData::arguments() const {
  Value::Object out;
  if (!config_.input.is_null()) out.emplace("input", config_.input);
  if (!config_.triggers_replace.is_null())
    out.emplace("triggers_replace", config_.triggers_replace);
  return out;
}

EphemeralResource::EphemeralResource(Construct& scope, std::string_view id, std::string type,
                                     Value::Object arguments, ResourceOptions options)
    : ResourceBase(scope, id, std::move(type), std::move(options)),
      arguments_(std::move(arguments)) {}

EphemeralResource::~EphemeralResource() = default;

std::string EphemeralResource::id_namespace() const { return "ephemeral." + terraform_type(); }

std::string EphemeralResource::address() const {
  return "ephemeral." + terraform_type() + "." + logical_id();
}

void EphemeralResource::fragments(std::vector<Fragment>& out) const {
  out.push_back({{"ephemeral", terraform_type(), logical_id()}, body(), false});
}

}  // namespace edustack::inline core
