#pragma once

#include <string>
#include <string_view>

#include "edustack/core/resource.hpp"

namespace edustack::inline core {

// An `ephemeral` resource (Terraform 1.10+): opened during each plan and apply, never stored in
// plan or state. Its values may go only where ephemeral values are accepted: write-only
// arguments (master_password_wo, secret_string_wo, ...), provider and provisioner blocks,
// ephemeral variables and outputs, locals.
class EphemeralResource : public ResourceBase {
 public:
  EphemeralResource(Construct& scope, std::string_view id, std::string type,
                    Value::Object arguments = {}, ResourceOptions options = {});
  void set(std::string_view name, Value value) { arguments_[std::string(name)] = std::move(value); }

  std::string address() const override;
  std::string id_namespace() const override;
  ~EphemeralResource() override;

 protected:
  Value arguments() const override { return arguments_; }
  void fragments(std::vector<Fragment>& out) const override;

 private:
  Value::Object arguments_;
};

}  // namespace edustack::inline core
