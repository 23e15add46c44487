#include "terraform_support.hpp"

#include <fmt/core.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>

#include "edustack/core/element.hpp"
#include "edustack/core/manifest.hpp"
#include "edustack/error.hpp"

namespace edustack::cli::detail {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

IoError io_error(const fs::path& path, std::string_view what, std::string_view why) {
  return IoError("io.scratch", fmt::format("cannot {} {}: {}", what, path.string(), why));
}

void write_file(const fs::path& path, std::string_view content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw io_error(path.parent_path(), "create", ec.message());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw io_error(path, "write", "write failed");
}

}  // namespace

ScratchDirectory::ScratchDirectory(std::string_view prefix) {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string pattern = (base / (std::string(prefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw io_error(pattern, "create the scratch directory", std::generic_category().message(errno));
  }
  path_ = pattern;
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

void write_local_backend_copy(const StackArtifact& artifact, const fs::path& stack_directory,
                              const fs::path& directory) {
  write_file(directory / layout::stack_file_name, artifact.json);
  for (const auto& asset : artifact.assets) write_file(directory / asset.path, asset.content);
  std::error_code ec;
  fs::path lock = stack_directory / ".terraform.lock.hcl";
  if (fs::is_regular_file(lock, ec)) {
    fs::copy_file(lock, directory / ".terraform.lock.hcl", fs::copy_options::overwrite_existing,
                  ec);
    if (ec) throw io_error(lock, "copy", ec.message());
  }
  Json override_document = {{"//",
                             "edustack plan --local-backend: the stack's backend replaced "
                             "by a local state in this scratch copy"},
                            {"terraform", {{"backend", {{"local", Json::object()}}}}}};
  write_file(directory / local_backend_override_file, override_document.dump(2) + "\n");
}

std::map<std::string, std::string> construct_paths_by_address(const Stack& stack) {
  std::map<std::string, std::string> paths;
  for (const Element* element : stack.elements()) {
    const std::string path = element->node().path();
    std::string name = element->id_namespace() + "." + element->unique_name();
    paths.emplace(name, path);
    std::string address = element->address();
    if (!address.empty()) paths.emplace(address, path);
  }
  return paths;
}

std::string TerraformDiagnostic::to_string(std::string_view fallback_path) const {
  std::string text = fmt::format(
      "[{}] {}: {}", construct_path.empty() ? fallback_path : construct_path, severity, summary);
  if (!detail.empty()) text += ": " + detail;
  std::string where;
  if (!file.empty()) where = line > 0 ? fmt::format("{}:{}", file, line) : file;
  if (!address.empty()) where += (where.empty() ? "" : ", ") + address;
  if (!where.empty()) text += " (" + where + ")";
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

ValidateResult parse_validate_json(std::string_view json,
                                   const std::map<std::string, std::string>& paths) {
  Json document = Json::parse(json, nullptr, false);
  if (document.is_discarded() || !document.is_object() || !document.contains("valid")) {
    throw std::runtime_error("terraform validate -json did not print its JSON document");
  }
  ValidateResult result;
  try {
    result.valid = document.at("valid").get<bool>();
    for (const auto& entry : document.value("diagnostics", Json::array())) {
      TerraformDiagnostic diagnostic;
      diagnostic.severity = entry.value("severity", "error");
      diagnostic.summary = entry.value("summary", "");
      diagnostic.detail = entry.value("detail", "");
      if (auto range = entry.find("range"); range != entry.end() && range->is_object()) {
        diagnostic.file = range->value("filename", "");
        if (auto start = range->find("start"); start != range->end() && start->is_object()) {
          diagnostic.line = start->value("line", 0);
        }
      }
      if (auto address = entry.find("address"); address != entry.end() && address->is_string()) {
        diagnostic.address = address->get<std::string>();
      } else if (auto snippet = entry.find("snippet");
                 snippet != entry.end() && snippet->is_object() && snippet->contains("context") &&
                 snippet->at("context").is_string()) {
        diagnostic.address = snippet->at("context").get<std::string>();
      }
      // "resource.aws_vpc.vpc" or deeper ("resource.aws_vpc.vpc.tags"): the longest known prefix.
      for (std::string candidate = diagnostic.address; !candidate.empty();) {
        if (auto it = paths.find(candidate); it != paths.end()) {
          diagnostic.construct_path = it->second;
          break;
        }
        auto dot = candidate.rfind('.');
        if (dot == std::string::npos) break;
        candidate.resize(dot);
      }
      result.diagnostics.push_back(std::move(diagnostic));
    }
  } catch (const Json::exception& error) {
    throw std::runtime_error(std::string("unexpected terraform validate JSON: ") + error.what());
  }
  return result;
}

PlanStateChanges plan_state_changes(std::string_view json) {
  Json document = Json::parse(json, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    throw std::runtime_error("terraform show -json did not print a JSON object");
  }
  PlanStateChanges changes;
  if (auto it = document.find("applyable"); it != document.end() && it->is_boolean()) {
    changes.applyable = it->get<bool>();
  }
  if (auto it = document.find("resource_changes"); it != document.end() && it->is_array()) {
    for (const auto& entry : *it) {
      if (!entry.is_object()) continue;
      std::string address = entry.value("address", "");
      std::string previous = entry.value("previous_address", "");
      if (!previous.empty() && previous != address) changes.moves.emplace_back(previous, address);
      if (auto change = entry.find("change"); change != entry.end() && change->is_object()) {
        if (auto importing = change->find("importing");
            importing != change->end() && importing->is_object()) {
          changes.imports.emplace_back(address, importing->value("id", ""));
        }
      }
    }
  }
  return changes;
}

}  // namespace edustack::cli::detail
