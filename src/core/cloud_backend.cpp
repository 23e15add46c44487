#include "edustack/core/cloud_backend.hpp"

#include "edustack/error.hpp"

namespace edustack::inline core {

namespace {

std::string child_path(const Construct& scope, std::string_view id) {
  return scope.node().path() + "/" + std::string(id);
}

// Exactly one way of choosing the workspace; `one` and `other` name the two fields.
void check_workspace(const std::string& path, bool by_name, bool by_other, const char* one,
                     const char* other) {
  if (by_name && by_other) {
    throw ConfigError(path, one,
                      std::string("set either ") + one + " or " + other +
                          ", not both: a stack maps to one workspace, or to the set the " + other +
                          " select");
  }
  if (!by_name && !by_other) {
    throw ConfigError(path, one,
                      std::string("the workspace is missing: set ") + one + " (or " + other + ")");
  }
}

Value::Object cloud_arguments(const std::string& path, const CloudBackendConfig& config) {
  if (config.organization.empty()) {
    throw ConfigError(path, "organization", "the cloud backend needs an organization");
  }
  check_workspace(path, !config.workspace.empty(), !config.workspace_tags.empty(), "workspace",
                  "workspace_tags");
  Value::Object workspaces;
  if (!config.workspace.empty()) workspaces.emplace("name", config.workspace);
  if (!config.workspace_tags.empty()) {
    Value::List tags;
    for (const auto& tag : config.workspace_tags) {
      if (tag.empty()) throw ConfigError(path, "workspace_tags", "a workspace tag is empty");
      tags.emplace_back(tag);
    }
    workspaces.emplace("tags", std::move(tags));
  }
  if (!config.project.empty()) workspaces.emplace("project", config.project);
  Value::Object arguments{{"organization", config.organization},
                          {"workspaces", std::move(workspaces)}};
  if (!config.hostname.empty()) arguments.emplace("hostname", config.hostname);
  return arguments;
}

Value::Object remote_arguments(const std::string& path, const RemoteBackendConfig& config) {
  if (config.organization.empty()) {
    throw ConfigError(path, "organization", "the remote backend needs an organization");
  }
  check_workspace(path, !config.workspace.empty(), !config.workspace_prefix.empty(), "workspace",
                  "workspace_prefix");
  Value::Object workspaces;
  if (!config.workspace.empty()) workspaces.emplace("name", config.workspace);
  if (!config.workspace_prefix.empty()) workspaces.emplace("prefix", config.workspace_prefix);
  Value::Object arguments{{"organization", config.organization},
                          {"workspaces", std::move(workspaces)}};
  if (!config.hostname.empty()) arguments.emplace("hostname", config.hostname);
  return arguments;
}

}  // namespace

CloudBackend::CloudBackend(Construct& scope, std::string_view id, CloudBackendConfig config)
    : Backend(scope, id, "cloud", cloud_arguments(child_path(scope, id), config)) {}

void CloudBackend::fragments(std::vector<Fragment>& out) const {
  out.push_back({{"terraform", "cloud"}, arguments(), false});
}

RemoteBackend::RemoteBackend(Construct& scope, std::string_view id, RemoteBackendConfig config)
    : Backend(scope, id, "remote", remote_arguments(child_path(scope, id), config)) {}

}  // namespace edustack::inline core
