// Provider, variable, local, output and backend elements: each turns its config into a fragment.
#include "edustack/core/backend.hpp"
#include "edustack/core/local.hpp"
#include "edustack/core/output.hpp"
#include "edustack/core/provider.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/core/variable.hpp"
#include "edustack/error.hpp"
#include "render.hpp"

namespace edustack::inline core {

Provider::Provider(Construct& scope, std::string_view id, ProviderConfig config)
    : Element(scope, id), config_(std::move(config)) {
  if (config_.name.empty()) throw ConfigError(node().path(), "name", "a provider needs a name");
  if (!config_.source.empty()) {
    stack().add_required_provider(config_.name, {config_.source, config_.version});
  }
}

std::string Provider::reference() const {
  return config_.alias.empty() ? config_.name : config_.name + "." + config_.alias;
}

void Provider::fragments(std::vector<Fragment>& out) const {
  Value body = arguments();
  if (!body.is_object()) body = Value::Object{};
  if (!config_.alias.empty()) body["alias"] = config_.alias;
  out.push_back({{"provider", config_.name}, std::move(body), true});
}

Variable::Variable(Construct& scope, std::string_view id, VariableConfig config)
    : Element(scope, id), config_(std::move(config)) {}

void Variable::add_validation_rule(BoolExpr condition, std::string error_message) {
  rules_.push_back({std::move(condition), std::move(error_message)});
}

void Variable::fragments(std::vector<Fragment>& out) const {
  Value body = Value::Object{};
  if (!config_.type.empty()) body["type"] = config_.type;
  if (!config_.default_.is_null()) body["default"] = config_.default_;
  if (!config_.description.empty()) body["description"] = config_.description;
  if (config_.sensitive) body["sensitive"] = true;
  if (config_.nullable) body["nullable"] = *config_.nullable;
  if (config_.ephemeral) body["ephemeral"] = true;
  if (!rules_.empty()) {
    Value::List validations;
    for (const auto& rule : rules_) {
      validations.emplace_back(
          Value::Object{{"condition", Value(static_cast<const Expression&>(rule.condition))},
                        {"error_message", rule.error_message}});
    }
    body["validation"] = std::move(validations);
  }
  out.push_back({{"variable", logical_id()}, std::move(body), false});
}

Local::Local(Construct& scope, std::string_view id, Value value)
    : Element(scope, id), value_(std::move(value)) {}

void Local::fragments(std::vector<Fragment>& out) const {
  out.push_back({{"locals", logical_id()}, value_, false});
}

Output::Output(Construct& scope, std::string_view id, OutputConfig config)
    : Element(scope, id), config_(std::move(config)) {}

Expression Output::value() const {
  std::string type;
  if (config_.value.is_expression()) type = detail::node_of(config_.value.as_expression()).type;
  return Expression::reference(*this, "", std::move(type));
}

std::vector<const Element*> Output::explicit_dependencies() const {
  std::vector<const Element*> out;
  for (const Element& element : config_.depends_on) out.push_back(&element);
  return out;
}

void Output::fragments(std::vector<Fragment>& out) const {
  Value body = Value::Object{};
  body["value"] = config_.value;
  if (!config_.description.empty()) body["description"] = config_.description;
  if (config_.sensitive) body["sensitive"] = true;
  if (!config_.depends_on.empty()) {
    Value::List addresses;
    for (const Element& element : config_.depends_on) addresses.emplace_back(element.address());
    body["depends_on"] = std::move(addresses);
  }
  out.push_back({{"output", logical_id()}, std::move(body), false});
}

Backend::Backend(Construct& scope, std::string_view id, std::string type, Value::Object arguments)
    : Element(scope, id), type_(std::move(type)), arguments_(std::move(arguments)) {
  if (type_.empty()) throw ConfigError(node().path(), "type", "a backend needs a type");
}

void Backend::fragments(std::vector<Fragment>& out) const {
  out.push_back({{"terraform", "backend", type_}, arguments_, false});
}

namespace {

Value::Object local_arguments(const LocalBackendConfig& config) {
  Value::Object arguments;
  if (!config.path.empty()) arguments.emplace("path", config.path);
  if (!config.workspace_dir.empty()) arguments.emplace("workspace_dir", config.workspace_dir);
  return arguments;
}

Value::Object s3_arguments(const std::string& path, const S3BackendConfig& config) {
  if (config.bucket.empty()) throw ConfigError(path, "bucket", "the S3 backend needs a bucket");
  if (config.key.empty()) throw ConfigError(path, "key", "the S3 backend needs a state key");
  if (config.region.empty()) throw ConfigError(path, "region", "the S3 backend needs a region");
  Value::Object arguments{{"bucket", config.bucket},
                          {"key", config.key},
                          {"region", config.region},
                          {"encrypt", config.encrypt}};
  if (config.use_lockfile) arguments.emplace("use_lockfile", true);
  auto optional = [&](const char* name, const std::string& value) {
    if (!value.empty()) arguments.emplace(name, value);
  };
  optional("dynamodb_table", config.dynamodb_table);
  optional("kms_key_id", config.kms_key_id);
  optional("profile", config.profile);
  optional("workspace_key_prefix", config.workspace_key_prefix);
  if (!config.role_arn.empty()) {
    arguments.emplace("assume_role", Value::Object{{"role_arn", config.role_arn}});
  }
  return arguments;
}

std::string child_path(const Construct& scope, std::string_view id) {
  return scope.node().path() + "/" + std::string(id);
}

}  // namespace

LocalBackend::LocalBackend(Construct& scope, std::string_view id, LocalBackendConfig config)
    : Backend(scope, id, "local", local_arguments(config)) {}

S3Backend::S3Backend(Construct& scope, std::string_view id, S3BackendConfig config)
    : Backend(scope, id, "s3", s3_arguments(child_path(scope, id), config)) {}

}  // namespace edustack::inline core
