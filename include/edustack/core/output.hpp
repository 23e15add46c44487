#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/element.hpp"
#include "edustack/core/expression.hpp"

namespace edustack::inline core {

struct OutputConfig {
  Value value;
  std::string description;
  bool sensitive = false;
  std::vector<ElementRef> depends_on;
};

// An output value of the stack's configuration.
class Output : public Element {
 public:
  Output(Construct& scope, std::string_view id, OutputConfig config);

  std::string address() const override { return ""; }
  std::string id_namespace() const override { return "output"; }
  std::vector<const Element*> explicit_dependencies() const override;
  const OutputConfig& config() const noexcept { return config_; }
  // The output's value as another stack reads it: used in a stack other than this one, it
  // synthesizes as data.terraform_remote_state.<this stack>.outputs.<name>.
  Expression value() const;
  template <class T>
  Expr<T> value_as() const {
    return Expr<T>(Expression::reference(*this, "", terraform_type_name<T>()));
  }

 protected:
  void fragments(std::vector<Fragment>& out) const override;

 private:
  OutputConfig config_;
};

}  // namespace edustack::inline core
