#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/arguments.hpp"
#include "edustack/core/element.hpp"

namespace edustack::inline core {

class Provider;

// Where a module comes from. Registry and git sources and plain paths are written to `source`
// as given; a local directory is copied into the stack's output directory
// (modules/<directory name>/...) and `source` names the copy ("./modules/<directory name>"),
// so `terraform init` in the stack directory finds it without the source tree.
class ModuleSource {
 public:
  enum class Kind { registry, git, path, local, other };

  // "terraform-aws-modules/vpc/aws" or "app.terraform.io/org/vpc/aws": takes a version.
  static ModuleSource registry(std::string address);
  // "git::https://example.com/vpc.git//modules/vpc?ref=v1.2.0" from its parts.
  static ModuleSource git(std::string url, std::string ref = "", std::string subdirectory = "");
  // A path used as-is, relative to the stack directory ("../../shared-modules/vpc").
  static ModuleSource path(std::string relative_path);
  // A module directory on this machine (relative paths are relative to the working directory of
  // the synthesizing process): its files are copied into the output, Terraform's own working
  // files (.terraform/, state, lock and plan files) and hidden files excepted.
  // (A std::filesystem::path converts to the std::string taken here.)
  static ModuleSource local(std::string directory);
  // Any source string Terraform accepts, as-is ("hashicorp/consul/aws", "s3::https://..."),
  // classified the way Terraform does: "./" or "../" is a path, "git::" or "git@" git, "x::"
  // and hosts like github.com other, the rest a registry address.
  ModuleSource(const char* source) : ModuleSource(std::string(source)) {}
  ModuleSource(std::string source);

  Kind kind() const noexcept { return kind_; }
  // The text of `source` (for local, the directory as given).
  const std::string& text() const noexcept { return text_; }

 private:
  ModuleSource(Kind kind, std::string text) : kind_(kind), text_(std::move(text)) {}
  Kind kind_;
  std::string text_;
};

struct ModuleConfig {
  ModuleSource source;  // required: it has no default
  std::string version;  // registry sources only: "~> 5.0"
  // The module's input variables: literals or expressions (module.other.output(...) included).
  Value::Object inputs;
  // Provider configurations passed to the module, by the name the module uses for them
  // ("aws", or "aws.west" for a configuration_aliases entry).
  std::map<std::string, std::reference_wrapper<const Provider>> providers;
  std::vector<ElementRef> depends_on;
  Number count;    // at most one of count and for_each
  Value for_each;  // a map or a set of strings; an Iterator<T> converts to it
};

// A `module` block: a call of a child module, referenced as module.<name>.
class Module : public Element {
 public:
  Module(Construct& scope, std::string_view id, ModuleConfig config);

  const ModuleConfig& config() const noexcept { return config_; }
  // The `source` written to the configuration.
  const std::string& source() const noexcept { return source_; }

  void set_input(std::string_view name, Value value);

  // module.<name>.<output>: untyped, or typed as the caller asks: output<StringExpr>("vpc_id").
  Expression output(std::string_view name) const { return Expression::reference(*this, name); }
  template <class E>
  E output(std::string_view name) const {
    return E(output(name));
  }
  // module.<name> itself: a list of instances with count, a map of them with for_each.
  Expression all() const { return Expression::reference(*this, ""); }
  // module.<name>[key].<output>: one output of one instance of a module with count or for_each.
  Expression instance_output(const Value& key, std::string_view name) const {
    return all().index(key).attr(name);
  }
  template <class E>
  E instance_output(const Value& key, std::string_view name) const {
    return E(instance_output(key, name));
  }

  std::string address() const override { return "module." + logical_id(); }
  std::string id_namespace() const override { return "module"; }
  std::vector<const Element*> explicit_dependencies() const override;

 protected:
  void fragments(std::vector<Fragment>& out) const override;

 private:
  ModuleConfig config_;
  std::string source_;
};

}  // namespace edustack::inline core
