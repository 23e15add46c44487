#include "edustack/core/module.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "edustack/core/provider.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/error.hpp"
#include "meta_arguments.hpp"

namespace edustack::inline core {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

ModuleSource::Kind classify(std::string_view source) {
  using Kind = ModuleSource::Kind;
  if (starts_with(source, "./") || starts_with(source, "../") || starts_with(source, "/")) {
    return Kind::path;
  }
  if (starts_with(source, "git::") || starts_with(source, "git@")) return Kind::git;
  if (source.find("::") != std::string_view::npos || starts_with(source, "github.com/") ||
      starts_with(source, "bitbucket.org/") || source.find("://") != std::string_view::npos) {
    return Kind::other;
  }
  return Kind::registry;
}

// Terraform's working files and anything hidden stay out of the copy.
bool copied(const std::filesystem::path& relative) {
  for (const auto& part : relative) {
    std::string name = part.string();
    if (!name.empty() && name.front() == '.') return false;
  }
  std::string name = relative.filename().string();
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(),
                                                        suffix.data(), suffix.size()) == 0;
  };
  return !(ends_with(".tfstate") || ends_with(".tfstate.backup") || ends_with(".tfplan"));
}

std::string read_file(const std::filesystem::path& file, const std::string& path) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in && !in.eof()) {
    throw IoError("io.read_failed", "[" + path + "] source: cannot read " + file.string());
  }
  return content.str();
}

// Adds the module's files to the stack's assets and returns the source naming the copy.
std::string copy_local_module(Stack& stack, const std::string& path,
                              const std::filesystem::path& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    throw ConfigError(path, "source",
                      "local module directory \"" + directory.string() + "\" does not exist");
  }
  std::filesystem::path normal = std::filesystem::absolute(directory, error).lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();  // "net/" and "."
  std::string name = normal.filename().string();
  if (name.empty() || name == "." || name == "..") {
    throw ConfigError(path, "source",
                      "cannot name the copy of local module directory \"" + directory.string() +
                          "\": give its path by its own name (\"modules/network\")");
  }
  std::vector<std::filesystem::path> files;
  bool has_configuration = false;
  for (auto it = std::filesystem::recursive_directory_iterator(directory, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    std::filesystem::path relative = it->path().lexically_relative(directory);
    if (!copied(relative)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::string file = relative.filename().string();
    if (relative.has_parent_path() == false &&
        (file.ends_with(".tf") || file.ends_with(".tf.json"))) {
      has_configuration = true;
    }
    files.push_back(relative);
  }
  if (error) {
    throw IoError("io.read_failed", "[" + path + "] source: cannot list " + directory.string() +
                                        ": " + error.message());
  }
  if (!has_configuration) {
    throw ConfigError(path, "source",
                      "local module directory \"" + directory.string() +
                          "\" has no .tf or .tf.json file at its top level");
  }
  std::sort(files.begin(), files.end());
  // Everything is read and checked before anything is added, so a conflict adds nothing.
  std::vector<StackAsset> copies;
  for (const auto& relative : files) {
    copies.push_back({"modules/" + name + "/" + relative.generic_string(),
                      read_file(directory / relative, path)});
  }
  for (const auto& copy : copies) {
    for (const auto& asset : stack.assets()) {
      if (asset.path == copy.path && asset.content != copy.content) {
        throw ConfigError(path, "source",
                          "\"" + copy.path + "\" is already in stack " + stack.node().path() +
                              " with other content (another local module directory named \"" +
                              name + "\"?); rename one of the directories");
      }
    }
  }
  for (auto& copy : copies) stack.add_asset(std::move(copy.path), std::move(copy.content));
  return "./modules/" + name;
}

}  // namespace

ModuleSource::ModuleSource(std::string source)
    : kind_(classify(source)), text_(std::move(source)) {}

ModuleSource ModuleSource::registry(std::string address) {
  return ModuleSource(Kind::registry, std::move(address));
}

ModuleSource ModuleSource::git(std::string url, std::string ref, std::string subdirectory) {
  std::string text = starts_with(url, "git::") || starts_with(url, "git@") ? url : "git::" + url;
  if (!subdirectory.empty()) text += "//" + subdirectory;
  if (!ref.empty()) text += "?ref=" + ref;
  return ModuleSource(Kind::git, std::move(text));
}

ModuleSource ModuleSource::path(std::string relative_path) {
  return ModuleSource(Kind::path, std::move(relative_path));
}

ModuleSource ModuleSource::local(std::string directory) {
  return ModuleSource(Kind::local, std::move(directory));
}

Module::Module(Construct& scope, std::string_view id, ModuleConfig config)
    : Element(scope, id), config_(std::move(config)) {
  const std::string& path = node().path();
  if (config_.source.text().empty()) {
    throw ConfigError(path, "source", "a module needs a source");
  }
  if (!config_.version.empty() && config_.source.kind() != ModuleSource::Kind::registry) {
    throw ConfigError(path, "version",
                      "only registry modules take a version (source \"" + config_.source.text() +
                          "\"); pin a git module with its ref");
  }
  if (config_.count.is_set() && !config_.for_each.is_null()) {
    throw ConfigError(path, "for_each", "a module takes count or for_each, not both");
  }
  for (const auto& [name, value] : config_.inputs) {
    static constexpr std::string_view reserved[] = {"source",     "version",  "providers",
                                                    "depends_on", "count",    "for_each",
                                                    "lifecycle",  "provider", "locals"};
    if (std::find(std::begin(reserved), std::end(reserved), name) != std::end(reserved)) {
      throw ConfigError(
          path, "inputs." + name,
          "\"" + name + "\" is a meta-argument, not a module input: set it in ModuleConfig");
    }
  }
  source_ = config_.source.kind() == ModuleSource::Kind::local
                ? copy_local_module(stack(), path, config_.source.text())
                : config_.source.text();
}

void Module::set_input(std::string_view name, Value value) {
  config_.inputs.insert_or_assign(std::string(name), std::move(value));
}

std::vector<const Element*> Module::explicit_dependencies() const {
  std::vector<const Element*> out;
  for (const Element& element : config_.depends_on) out.push_back(&element);
  for (const auto& [name, provider] : config_.providers) out.push_back(&provider.get());
  return out;
}

void Module::fragments(std::vector<Fragment>& out) const {
  Value body = Value::Object{};
  for (const auto& [name, value] : config_.inputs) body[name] = value;
  body["source"] = source_;
  if (!config_.version.empty()) body["version"] = config_.version;
  if (!config_.providers.empty()) {
    Value providers = Value::Object{};
    for (const auto& [name, provider] : config_.providers) {
      providers[name] = provider.get().reference();
    }
    body["providers"] = std::move(providers);
  }
  detail::write_repetition_and_dependencies(body, config_.depends_on, config_.count,
                                            config_.for_each);
  out.push_back({{"module", logical_id()}, std::move(body), false});
}

}  // namespace edustack::inline core
