#pragma once

#include <string_view>

#include "edustack/core/resource.hpp"

namespace edustack::inline core {

struct TerraformDataConfig {
  Value input;             // stored in state, read back as output()
  Value triggers_replace;  // a change replaces the resource (and whatever replace_triggered_by it)
};

// terraform_data, the built-in resource (Terraform 1.4+): no provider, a value kept in state.
// Holds a value across runs, or triggers replacements through lifecycle.replace_triggered_by.
class TerraformData : public Resource {
 public:
  static constexpr const char* terraform_type = "terraform_data";

  TerraformData(Construct& scope, std::string_view id, TerraformDataConfig config = {},
                ResourceOptions options = {});

  const TerraformDataConfig& config() const noexcept { return config_; }

  StringExpr id() const { return attribute_as<std::string>("id"); }
  // The input, after apply: typed by the caller when they know its type.
  Expression output() const { return attribute("output"); }
  template <class T>
  Expr<T> output_as() const {
    return attribute_as<T>("output");
  }

 protected:
  Value arguments() const override;

 private:
  TerraformDataConfig config_;
};

}  // namespace edustack::inline core
