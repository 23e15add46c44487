#pragma once

#include <string_view>
#include <vector>

#include "edustack/core/element.hpp"
#include "edustack/core/resource.hpp"

namespace edustack::inline core {

struct CheckConfig {
  // At least one: each is reported as a warning when false, at plan and apply, without
  // blocking either.
  std::vector<Condition> assertions;
};

// A `check` block (Terraform 1.5+): assertions about the infrastructure as a whole.
class Check : public Element {
 public:
  Check(Construct& scope, std::string_view id, CheckConfig config);

  const CheckConfig& config() const noexcept { return config_; }
  std::string address() const override { return ""; }
  std::string id_namespace() const override { return "check"; }

 protected:
  void fragments(std::vector<Fragment>& out) const override;

 private:
  CheckConfig config_;
};

}  // namespace edustack::inline core
