#pragma once

#include <string>
#include <string_view>

#include "edustack/core/element.hpp"

namespace edustack::inline core {

struct RemovedConfig {
  // The address that leaves the configuration: "aws_s3_bucket.logs", "module.network".
  std::string from;
  // false (the default): Terraform forgets the object, which keeps existing outside Terraform;
  // true: it is destroyed, as when a resource is simply deleted from the code.
  bool destroy = false;
};

// A `removed` block (Terraform 1.7+): the resource named by `from` is no longer managed.
class Removed : public Element {
 public:
  Removed(Construct& scope, std::string_view id, RemovedConfig config);

  // The address a resource of this type had at a stack-relative construct path
  // ("network/vpc" -> "aws_vpc.network_vpc_1a2b3c4d"), for a resource whose construct is gone.
  static std::string address_for_path(std::string_view terraform_type,
                                      std::string_view old_stack_relative_path);

  const RemovedConfig& config() const noexcept { return config_; }
  std::string address() const override { return ""; }
  std::string id_namespace() const override { return "removed"; }
  std::string unique_name() const override { return config_.from; }

 protected:
  void fragments(std::vector<Fragment>& out) const override;

 private:
  RemovedConfig config_;
};

}  // namespace edustack::inline core
