#pragma once

#include <string>
#include <string_view>

#include "edustack/core/element.hpp"

namespace edustack::inline core {

// A named local value, referenced as local.<name>.
class Local : public Element {
 public:
  Local(Construct& scope, std::string_view id, Value value);

  Expression value() const { return Expression::reference(*this, ""); }
  template <class T>
  Expr<T> as() const {
    return value().as<T>();
  }

  // The value the local holds (what value() refers to).
  const Value& content() const noexcept { return value_; }

  std::string address() const override { return "local." + logical_id(); }
  std::string id_namespace() const override { return "local"; }

 protected:
  void fragments(std::vector<Fragment>& out) const override;

 private:
  Value value_;
};

}  // namespace edustack::inline core
