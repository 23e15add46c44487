#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "edustack/core/element.hpp"

namespace edustack::inline core {

// Where Terraform keeps the state of a stack. A stack has at most one backend.
class Backend : public Element {
 public:
  // Any backend by name, with its arguments ("gcs", "remote", "http", ...).
  Backend(Construct& scope, std::string_view id, std::string type, Value::Object arguments = {});

  const std::string& type() const noexcept { return type_; }
  const Value::Object& arguments() const noexcept { return arguments_; }
  std::string address() const override { return ""; }
  std::string id_namespace() const override { return "backend"; }
  // A stack has one backend, whatever its construct id.
  std::string unique_name() const override { return "backend"; }

 protected:
  void fragments(std::vector<Fragment>& out) const override;

 private:
  std::string type_;
  Value::Object arguments_;
};

struct LocalBackendConfig {
  std::string path;  // default terraform.tfstate in the stack directory
  std::string workspace_dir;
};

class LocalBackend : public Backend {
 public:
  LocalBackend(Construct& scope, std::string_view id, LocalBackendConfig config = {});
};

struct S3BackendConfig {
  std::string bucket;
  std::string key;
  std::string region;
  bool encrypt = true;
  // Native S3 locking (Terraform >= 1.10); on by default, DynamoDB locking is deprecated.
  bool use_lockfile = true;
  std::string dynamodb_table;  // deprecated by Terraform; only for older setups
  std::string kms_key_id;
  std::string profile;
  std::string role_arn;
  std::string workspace_key_prefix;
};

class S3Backend : public Backend {
 public:
  S3Backend(Construct& scope, std::string_view id, S3BackendConfig config);
};

}  // namespace edustack::inline core
