#pragma once

// What the terraform-driving commands need besides running the process (process.hpp) and
// reading a plan (plan.hpp): a scratch copy of a stack with a local backend (`plan
// --local-backend`), reading `terraform validate -json` with construct paths (`validate
// --terraform`), and the state changes of a plan that are not resource changes (moves, imports).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "edustack/core/stack.hpp"
#include "edustack/core/synthesis.hpp"

namespace edustack::cli::detail {

// A fresh directory under the system's temporary directory ($TMPDIR), removed with everything
// in it when this object goes (also when the command fails). Throws IoError.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(std::string_view prefix);
  ~ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

// The override file written into a scratch copy: `terraform { backend "local" {} }`, which
// replaces whatever backend main.tf.json declares (Terraform's override-file rules).
inline constexpr const char* local_backend_override_file =
    "zz_edustack_local_backend_override.tf.json";

// Writes a synthesized stack (main.tf.json and its assets) into directory, the dependency lock
// file of the stack's own directory when it has one (so the copy uses the same provider
// versions), and the local-backend override. Reads nothing else of stack_directory and writes
// nothing there. Throws IoError.
void write_local_backend_copy(const StackArtifact& artifact,
                              const std::filesystem::path& stack_directory,
                              const std::filesystem::path& directory);

// The construct path of each element of a stack, by every name terraform gives it in
// diagnostics: "aws_vpc.vpc" and "resource.aws_vpc.vpc", "data.aws_region.current",
// "output.vpc_id", "variable.environment", "local.name".
std::map<std::string, std::string> construct_paths_by_address(const Stack& stack);

struct TerraformDiagnostic {
  std::string severity;  // "error" or "warning"
  std::string summary;
  std::string detail;
  std::string address;         // "resource.aws_vpc.vpc" (terraform's context), "" if none
  std::string construct_path;  // from the address, else ""
  std::string file;            // "main.tf.json"
  int line = 0;

  // "[app/stack/vpc] error: Summary: detail (main.tf.json:12, resource.aws_vpc.vpc)"; fallback_path
  // when no construct path is known (the stack's).
  std::string to_string(std::string_view fallback_path) const;
};

struct ValidateResult {
  bool valid = false;
  std::vector<TerraformDiagnostic> diagnostics;
};

// Reads `terraform validate -json`. Throws std::runtime_error when it is not that document.
ValidateResult parse_validate_json(std::string_view json,
                                   const std::map<std::string, std::string>& paths);

// Moves and imports in `terraform show -json PLANFILE`: state changes that are no resource
// changes, so PlanSummary leaves them out; and terraform's own verdict on whether applying the
// plan changes anything ("applyable", absent before Terraform 1.8 and in some tools).
struct PlanStateChanges {
  std::vector<std::pair<std::string, std::string>> moves;    // from, to
  std::vector<std::pair<std::string, std::string>> imports;  // address, id
  std::optional<bool> applyable;
};
// Throws std::runtime_error when json is not a JSON object.
PlanStateChanges plan_state_changes(std::string_view json);

}  // namespace edustack::cli::detail
