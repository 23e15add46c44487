#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/element.hpp"

namespace edustack::inline core {

struct VariableConfig {
  std::string type;  // Terraform type constraint: "string", "list(string)", "object({...})"
  Value default_;    // `default` is a C++ keyword: generated and core names get a trailing "_"
  std::string description;
  bool sensitive = false;
  std::optional<bool> nullable;
  bool ephemeral = false;  // Terraform 1.10+: available in plan and apply, never stored
};

// An input variable, referenced as var.<name>.
class Variable : public Element {
 public:
  Variable(Construct& scope, std::string_view id, VariableConfig config = {});

  Expression value() const { return Expression::reference(*this, "", config_.type); }
  StringExpr as_string() const { return value().as<std::string>(); }
  NumberExpr as_number() const { return value().as<double>(); }
  BoolExpr as_bool() const { return value().as<bool>(); }

  // A validation block: the condition must refer to the variable itself.
  void add_validation_rule(BoolExpr condition, std::string error_message);

  const VariableConfig& config() const noexcept { return config_; }

  std::string address() const override { return "var." + logical_id(); }
  std::string id_namespace() const override { return "variable"; }

 protected:
  void fragments(std::vector<Fragment>& out) const override;

 private:
  struct Rule {
    BoolExpr condition;
    std::string error_message;
  };
  VariableConfig config_;
  std::vector<Rule> rules_;
};

}  // namespace edustack::inline core
