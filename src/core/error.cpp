#include "edustack/error.hpp"

namespace edustack {

Error::Error(std::string id, const std::string& message)
    : std::runtime_error(message), id_(std::move(id)) {}

std::string Diagnostic::to_string() const {
  std::string out = "[" + path + "] ";
  if (!rule.empty()) out += rule + " ";
  return out + message;
}

ConstructError ConstructError::invalid_id(const std::string& path, const std::string& why) {
  return ConstructError("construct.invalid_id", "[" + path + "] invalid construct id: " + why);
}

ConstructError ConstructError::duplicate_id(const std::string& scope_path, const std::string& id) {
  return ConstructError(
      "construct.duplicate_id",
      "[" + scope_path + "] there is already a construct with id \"" + id + "\" in this scope");
}

ConstructError ConstructError::not_found(const std::string& scope_path, const std::string& path) {
  return ConstructError("construct.not_found",
                        "[" + scope_path + "] no construct at path \"" + path + "\"");
}

ConfigError::ConfigError(const std::string& path, const std::string& field,
                         const std::string& message)
    : Error("config.invalid", "[" + path + "] " + field + ": " + message),
      path_(path),
      field_(field) {}

namespace {
std::string join_problems(const std::vector<Diagnostic>& problems) {
  std::string out = "synthesis failed with " + std::to_string(problems.size()) +
                    (problems.size() == 1 ? " error:" : " errors:");
  for (const auto& problem : problems) out += "\n  " + problem.to_string();
  return out;
}
}  // namespace

SynthError::SynthError(std::vector<Diagnostic> problems)
    : Error("synth.failed", join_problems(problems)), problems_(std::move(problems)) {}

}  // namespace edustack
