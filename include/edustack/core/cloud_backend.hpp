#pragma once

// HCP Terraform and Terraform Enterprise as the state (and run) engine of a stack: the `cloud`
// block (Terraform >= 1.1) and the older `remote` backend. Each stack maps to a workspace; a
// stack reading another's outputs reads that workspace through terraform_remote_state's
// `remote` backend, so the upstream must name its workspace (a reader cannot pick one of the
// workspaces a set of tags or a prefix selects) and share its state with the readers (a
// workspace setting in HCP Terraform).

#include <string>
#include <vector>

#include "edustack/core/backend.hpp"

namespace edustack::inline core {

struct CloudBackendConfig {
  std::string organization;  // required (or TF_CLOUD_ORGANIZATION at init; not read here)
  std::string hostname;      // default app.terraform.io; a Terraform Enterprise host otherwise
  // The workspace: by name, or every workspace with all these tags (TF_WORKSPACE or `terraform
  // workspace select` picks one at init). Exactly one of the two.
  std::string workspace;
  std::vector<std::string> workspace_tags;
  std::string project;  // the project new workspaces are created in
};

// Synthesizes `terraform { cloud { ... } }` (not a `backend` block). Throws ConfigError naming
// the field: no organization, neither or both of workspace and workspace_tags.
class CloudBackend : public Backend {
 public:
  CloudBackend(Construct& scope, std::string_view id, CloudBackendConfig config);

 protected:
  void fragments(std::vector<Fragment>& out) const override;
};

struct RemoteBackendConfig {
  std::string organization;  // required
  std::string hostname;      // default app.terraform.io
  // The workspace by name, or every workspace whose name starts with the prefix (the CLI
  // workspace picks one). Exactly one of the two.
  std::string workspace;
  std::string workspace_prefix;
};

// `terraform { backend "remote" { ... } }`. Throws ConfigError as CloudBackend does.
class RemoteBackend : public Backend {
 public:
  RemoteBackend(Construct& scope, std::string_view id, RemoteBackendConfig config);
};

}  // namespace edustack::inline core
