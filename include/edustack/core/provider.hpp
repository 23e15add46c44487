#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "edustack/core/element.hpp"

namespace edustack::inline core {

struct ProviderConfig {
  std::string name;     // "aws": the local name used in provider blocks and resource types
  std::string source;   // "hashicorp/aws": goes into required_providers when set
  std::string version;  // "~> 6.0"
  std::string alias;    // empty for the default configuration of the provider
  Value arguments = Value::Object{};
};

// A provider configuration. Resources choose a non-default one with set_provider().
class Provider : public Element {
 public:
  Provider(Construct& scope, std::string_view id, ProviderConfig config);

  const std::string& name() const noexcept { return config_.name; }
  const std::string& alias() const noexcept { return config_.alias; }
  // "aws" or "aws.alias": what a resource's provider meta-argument holds.
  std::string reference() const;

  std::string address() const override { return reference(); }
  std::string id_namespace() const override { return "provider." + config_.name; }
  std::string unique_name() const override {
    return config_.alias.empty() ? "(default)" : config_.alias;
  }

 protected:
  // The provider's own arguments; generic providers return config().arguments.
  virtual Value arguments() const { return config_.arguments; }
  void fragments(std::vector<Fragment>& out) const override;

 private:
  ProviderConfig config_;
};

}  // namespace edustack::inline core
