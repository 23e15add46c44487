// edustack-gen: generates typed C++ bindings (config structs, resource and data source classes)
// from a provider schema in the format `terraform providers schema -json` prints.
//
//   edustack-gen --schema aws.json --types tools/gen/aws-types.txt
//     --out-include include/edustack/aws --out-src src/aws
//
// See docs/generator.md.

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "emit.hpp"
#include "model.hpp"
#include "module_gen.hpp"

namespace fs = std::filesystem;
using edustack::gen::GenOptions;
using edustack::gen::Kind;
using edustack::gen::TypeModel;
using edustack::gen::TypeRequest;

namespace {

constexpr int kExitSkipped = 77;  // CTest SKIP_RETURN_CODE

struct Args {
  std::string schema;
  std::string types;
  std::string out_include;
  std::string out_src;
  std::string provider = "registry.terraform.io/hashicorp/aws";
  std::string include_prefix;  // default: edustack/<provider name>
  std::string style;           // a .clang-format file; default: found above --out-include
  std::string clang_format = "clang-format";
  std::string exclude;  // types file of types not to generate (with --all-types)
  std::string smoke;    // directory of the smoke app's sources (--smoke)
  std::size_t smoke_shards = 8;
  std::size_t smoke_every = 1;
  std::string provider_block;      // a file whose "provider" holds the provider block
  std::string version_constraint;  // default: "~> MAJOR.MINOR" of the schema's version
  std::string tag_registry;        // --tag-registry FILE: only the registry of tagged types
  bool provider_class = false;
  bool provider_only = false;
  std::string cpp_namespace;  // --namespace
  bool all_types = false;
  bool header_only = false;
  bool format = true;
  bool check = false;
  bool prune = true;
  bool skip_if_unavailable = false;
  bool quiet = false;
};

const char* kUsage =
    R"(usage: edustack-gen --schema FILE --types FILE --out-include DIR --out-src DIR [options]

Generates one header (DIR/<type>.hpp, DIR/data/<type>.hpp for data sources) and one source per
type listed in the types file, plus <out-src>/sources.cmake.

  --schema FILE          provider schema: the output of `terraform providers schema -json`
  --types FILE           one type per line: aws_vpc, or data.aws_region for a data source;
                         '#' starts a comment
  --out-include DIR      where headers go (include/edustack/aws)
  --out-src DIR          where sources and sources.cmake go (src/aws)
  --provider ADDRESS     provider in the schema (default registry.terraform.io/hashicorp/aws);
                         its last path part names the type prefix and the namespace
  --namespace NAME       the C++ namespace edustack::NAME and include directory edustack/NAME
                         (default: the provider's name)
  --include-prefix PATH  how generated headers are #included (default edustack/<name>)
  --all-types            every resource type and data source of the schema (no --types)
  --exclude FILE         with --all-types: leave out the types this types file lists
  --header-only          serializers inline in the headers: no sources, no sources.cmake,
                         --out-src not needed (the form every AWS type ships in)
  --no-format            do not run clang-format (the output is deterministic either way)
  --smoke DIR            write only the smoke app: DIR/smoke_<k>.cpp, one instance of every
                         type with its required arguments and blocks filled
  --smoke-shards N       how many files the smoke app is split into (default 8)
  --smoke-every N        a sample: only every N-th type (in sorted order, resources then
                         data sources; default 1, every type)
  --provider-class       also generate <out-include>/provider.hpp (with --header-only): the
                         provider configuration, class Provider, from the schema's `provider`
                         block, registering the provider in required_providers
  --provider-only        generate only provider.hpp (implies --provider-class and
                         --header-only; no --types, nothing else is written or pruned)
  --provider-block FILE  take the provider block from FILE's "provider" (a fact file like
                         aws-provider-block.json) instead of the schema
  --version-constraint C required_providers version of the provider class (default ~> X.Y of
                         the schema's provider_version)
  --tag-registry FILE    write only FILE: every resource type of the provider, sorted, and
                         whether it has a top-level tags argument (map of strings), as
                         C++ initializers {"aws_vpc", true}, (src/compliance reads it; with
                         --check, compare instead of writing)
  --style FILE           .clang-format to use (default: the first one above --out-include,
                         then above the current directory)
  --clang-format PROG    clang-format program (default clang-format)
  --check                write nothing; compare what would be generated with the files in
                         place, byte for byte, and exit 1 listing every difference
  --no-prune             keep generated files of types no longer listed
  --skip-if-unavailable  exit 77 (a CTest skip) with a message when the schema or
                         clang-format is missing, instead of failing
  --quiet                print only errors
)";

[[noreturn]] void fail(const std::string& message) { throw std::runtime_error(message); }

Args parse_args(int argc, char** argv) {
  Args args;
  auto value = [&](int& i) -> std::string {
    if (i + 1 >= argc) fail(std::string("missing value after ") + argv[i]);
    return argv[++i];
  };
  const std::map<std::string, std::string*> values = {
      {"--schema", &args.schema},
      {"--types", &args.types},
      {"--out-include", &args.out_include},
      {"--out-src", &args.out_src},
      {"--provider", &args.provider},
      {"--include-prefix", &args.include_prefix},
      {"--style", &args.style},
      {"--clang-format", &args.clang_format},
      {"--exclude", &args.exclude},
      {"--smoke", &args.smoke},
      {"--provider-block", &args.provider_block},
      {"--namespace", &args.cpp_namespace},
      {"--version-constraint", &args.version_constraint},
      {"--tag-registry", &args.tag_registry}};
  std::string shards;
  std::string every;
  const std::map<std::string, std::pair<bool*, bool>> switches = {
      {"--check", {&args.check, true}},
      {"--all-types", {&args.all_types, true}},
      {"--header-only", {&args.header_only, true}},
      {"--provider-class", {&args.provider_class, true}},
      {"--provider-only", {&args.provider_only, true}},
      {"--no-format", {&args.format, false}},
      {"--no-prune", {&args.prune, false}},
      {"--skip-if-unavailable", {&args.skip_if_unavailable, true}},
      {"--quiet", {&args.quiet, true}}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (arg == "--smoke-shards") {
      shards = value(i);
    } else if (arg == "--smoke-every") {
      every = value(i);
    } else if (auto it = values.find(arg); it != values.end()) {
      *it->second = value(i);
    } else if (auto sw = switches.find(arg); sw != switches.end()) {
      *sw->second.first = sw->second.second;
    } else {
      fail("unknown argument '" + arg + "' (see --help)");
    }
  }
  auto count = [](const std::string& text, const char* option) -> std::size_t {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 4 || std::stoul(text) == 0) {
      fail(std::string(option) + " wants a number from 1 to 9999, not '" + text + "'");
    }
    return std::stoul(text);
  };
  if (!shards.empty()) args.smoke_shards = count(shards, "--smoke-shards");
  if (!every.empty()) args.smoke_every = count(every, "--smoke-every");
  if (args.provider_only) {
    args.provider_class = true;
    args.header_only = true;
    args.prune = false;
  }
  if (!args.tag_registry.empty()) {
    if (args.schema.empty()) fail("--tag-registry needs --schema");
    return args;
  }
  if (args.schema.empty() || (args.types.empty() && !args.all_types && !args.provider_only)) {
    fail("--schema and --types (or --all-types) are required (see --help)");
  }
  if (args.smoke.empty() &&
      (args.out_include.empty() || (args.out_src.empty() && !args.header_only))) {
    fail("--out-include and --out-src (or --header-only) are required (see --help)");
  }
  if (!args.exclude.empty() && !args.all_types) fail("--exclude goes with --all-types");
  if (args.provider_class && !args.header_only) fail("--provider-class goes with --header-only");
  return args;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) fail("cannot write " + path.string());
}

std::vector<TypeRequest> read_types(const fs::path& path, const std::string& provider_name) {
  std::istringstream in(read_file(path));
  std::vector<TypeRequest> requests;
  std::set<std::string> seen;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = line.substr(0, line.find('#'));
    const auto begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos) continue;
    line = line.substr(begin, line.find_last_not_of(" \t\r") - begin + 1);
    TypeRequest request;
    std::string type = line;
    if (type.rfind("data.", 0) == 0) {
      request.kind = Kind::data_source;
      type = type.substr(5);
    } else if (type.rfind("ephemeral.", 0) == 0) {
      request.kind = Kind::ephemeral;
      type = type.substr(10);
    }
    const bool valid =
        (type.rfind(provider_name + "_", 0) == 0 || type == provider_name) &&
        type.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
    if (!valid) {
      fail(path.string() + ":" + std::to_string(number) + ": '" + line + "' is not a " +
           provider_name + "_* type name");
    }
    if (!seen.insert(line).second) {
      fail(path.string() + ":" + std::to_string(number) + ": '" + line + "' is listed twice");
    }
    request.terraform_type = type;
    requests.push_back(request);
  }
  return requests;
}

// --tag-registry: which resource types have tags, for rules on untyped resources (the
// compliance pack's FERPA-TAG-001). One line per type, sorted (the schema's object keys are).
int write_tag_registry(const Args& args, const nlohmann::json& provider) {
  std::string out =
      "// Generated by edustack-gen --tag-registry from the provider schema of\n// " +
      args.provider + " " + provider.value("provider_version", "") +
      ". Do not edit: edustack-regenerate rewrites it.\n"
      "// Every resource type, sorted, and whether it has a top-level tags argument.\n";
  std::size_t tagged = 0;
  std::size_t total = 0;
  const nlohmann::json none = nlohmann::json::object();
  const nlohmann::json& resources =
      provider.contains("resource_schemas") ? provider["resource_schemas"] : none;
  for (const auto& [type, schema] : resources.items()) {
    const nlohmann::json* tags = nullptr;
    if (schema.contains("block") && schema["block"].contains("attributes") &&
        schema["block"]["attributes"].contains("tags")) {
      tags = &schema["block"]["attributes"]["tags"];
    }
    const bool has_tags = tags && tags->contains("type") &&
                          (*tags)["type"] == nlohmann::json::array({"map", "string"}) &&
                          (tags->value("optional", false) || tags->value("required", false));
    out += "{\"" + type + "\", " + (has_tags ? "true" : "false") + "},\n";
    tagged += has_tags ? 1 : 0;
    ++total;
  }
  if (args.check) {
    if (fs::exists(args.tag_registry) && read_file(args.tag_registry) == out) return 0;
    std::cerr << "edustack-gen: " << args.tag_registry << " differs from the schema\n";
    return 1;
  }
  if (!fs::exists(args.tag_registry) || read_file(args.tag_registry) != out) {
    write_file(args.tag_registry, out);
  }
  if (!args.quiet) {
    std::cout << "edustack-gen: " << args.tag_registry << ": " << total << " resource types, "
              << tagged << " with tags\n";
  }
  return 0;
}

// Runs a program without a shell; returns its exit status (-1 when it could not start).
int run(const std::vector<std::string>& command, bool silence_output) {
  std::vector<char*> argv;
  for (const std::string& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::cout.flush();
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    if (silence_output) {
      if (std::FILE* null = std::freopen("/dev/null", "w", stdout)) (void)null;
    }
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

fs::path find_style(const Args& args) {
  if (!args.style.empty()) {
    if (!fs::exists(args.style)) fail("--style " + args.style + " does not exist");
    return fs::absolute(args.style);
  }
  for (fs::path start : {fs::absolute(args.out_include), fs::current_path()}) {
    for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
      if (fs::exists(dir / ".clang-format")) return dir / ".clang-format";
      if (dir == dir.root_path()) break;
    }
  }
  fail("no .clang-format found above " + args.out_include +
       " or the current directory; pass "
       "--style FILE");
}

void clang_format(const Args& args, const fs::path& style, const std::vector<fs::path>& files) {
  constexpr std::size_t kBatch = 64;
  for (std::size_t i = 0; i < files.size(); i += kBatch) {
    std::vector<std::string> command = {args.clang_format, "-i", "--style=file:" + style.string()};
    for (std::size_t j = i; j < std::min(files.size(), i + kBatch); ++j) {
      command.push_back(files[j].string());
    }
    if (run(command, false) != 0) fail("clang-format failed");
  }
}

bool is_generated(const fs::path& path) {
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  return first.rfind(edustack::gen::kGeneratedMarker, 0) == 0;
}

// Generated files of types that are no longer listed (a .hpp/.cpp starting with the marker).
std::vector<fs::path> stale_files(const fs::path& dir, const std::set<fs::path>& produced) {
  std::vector<fs::path> stale;
  for (const fs::path& sub : {dir, dir / "data", dir / "ephemeral"}) {
    if (!fs::is_directory(sub)) continue;
    for (const auto& entry : fs::directory_iterator(sub)) {
      const fs::path& path = entry.path();
      if (!entry.is_regular_file()) continue;
      if (path.extension() != ".hpp" && path.extension() != ".cpp") continue;
      if (produced.count(fs::absolute(path).lexically_normal())) continue;
      // The provider class and the provider functions come from their own runs (--provider-only,
      // --provider-class; checked by their own tests): never a type's stale file.
      if (sub == dir && (path.filename() == "provider.hpp" || path.filename() == "functions.hpp")) {
        continue;
      }
      if (is_generated(path)) stale.push_back(path);
    }
  }
  std::sort(stale.begin(), stale.end());
  return stale;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("edustack-gen-" + std::to_string(getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

int generate(const Args& args) {
  const auto started = std::chrono::steady_clock::now();
  if (!fs::exists(args.schema)) {
    if (args.skip_if_unavailable) {
      std::cout << "edustack-gen: SKIPPED: provider schema not found at " << args.schema
                << " (it lives in ../shared/schemas beside the checkout)\n";
      return kExitSkipped;
    }
    fail("schema " + args.schema + " does not exist");
  }
  const bool format = args.format && args.smoke.empty();
  if (format && run({args.clang_format, "--version"}, true) != 0) {
    if (args.skip_if_unavailable) {
      std::cout << "edustack-gen: SKIPPED: '" << args.clang_format << "' did not run\n";
      return kExitSkipped;
    }
    fail("'" + args.clang_format +
         "' did not run: generated code is clang-formatted, so "
         "install clang-format (Debian: apt-get install clang-format) or pass --clang-format");
  }

  GenOptions options;
  options.provider_address = args.provider;
  options.provider_name = args.provider.substr(args.provider.rfind('/') + 1);
  options.cpp_name = args.cpp_namespace.empty() ? options.provider_name : args.cpp_namespace;
  if (options.cpp_name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") !=
          std::string::npos ||
      edustack::gen::is_cpp_reserved(options.cpp_name)) {
    fail("--namespace " + options.cpp_name + " is not a lowercase C++ identifier");
  }
  options.include_prefix =
      args.include_prefix.empty() ? "edustack/" + options.cpp_name : args.include_prefix;

  options.header_only = args.header_only;
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(read_file(args.schema));
  } catch (const nlohmann::json::exception& e) {
    fail(args.schema + ": " + e.what());
  }
  const auto& schemas = document.value("provider_schemas", nlohmann::json::object());
  if (!schemas.contains(args.provider)) {
    std::string known;
    for (const auto& [address, schema] : schemas.items()) known += " " + address;
    fail(args.schema + " has no schema for " + args.provider + " (it has:" + known + ")");
  }
  const nlohmann::json& provider = schemas[args.provider];
  options.provider_version = provider.value("provider_version", "");
  if (!args.tag_registry.empty()) return write_tag_registry(args, provider);
  std::vector<TypeRequest> requests;
  if (args.all_types) {
    std::set<std::string> excluded;
    if (!args.exclude.empty()) {
      for (const TypeRequest& request : read_types(args.exclude, options.provider_name)) {
        excluded.insert(edustack::gen::kind_prefix(request.kind) + request.terraform_type);
      }
    }
    for (const auto& [key, kind] : {std::pair{"resource_schemas", Kind::resource},
                                    std::pair{"data_source_schemas", Kind::data_source},
                                    std::pair{"ephemeral_resource_schemas", Kind::ephemeral}}) {
      if (!provider.contains(key)) continue;
      for (const auto& [type, schema] : provider[key].items()) {
        if (!schema.contains("block")) continue;
        if (excluded.count(edustack::gen::kind_prefix(kind) + type)) continue;
        requests.push_back({kind, type});
      }
    }
  } else if (!args.provider_only) {
    requests = read_types(args.types, options.provider_name);
  }
  const std::vector<TypeModel> models = edustack::gen::build_model(provider, requests, options);
  if (!args.smoke.empty()) {
    int written = 0;
    std::vector<TypeModel> sample;
    for (std::size_t i = 0; i < models.size(); i += args.smoke_every) sample.push_back(models[i]);
    const auto files = edustack::gen::emit_smoke(sample, options, args.smoke_shards);
    for (std::size_t k = 0; k < files.size(); ++k) {
      const fs::path target =
          fs::path(args.smoke) / (k + 1 == files.size() ? std::string("smoke_shards.hpp")
                                                        : "smoke_" + std::to_string(k) + ".cpp");
      if (fs::exists(target) && read_file(target) == files[k]) continue;
      write_file(target, files[k]);
      ++written;
    }
    if (!args.quiet) {
      std::cout << "edustack-gen: smoke app of " << sample.size() << " types in "
                << files.size() - 1 << " files, " << written << " written\n";
    }
    return 0;
  }

  // Everything is written to a staging directory and formatted there in a few clang-format
  // runs; files in place are rewritten only when their content changes, so an unchanged type
  // does not trigger a rebuild.
  TempDir staging;
  std::map<fs::path, fs::path> targets;  // staged file -> destination
  const fs::path include_dir = fs::absolute(args.out_include).lexically_normal();
  const fs::path src_dir =
      args.out_src.empty() ? fs::path() : fs::absolute(args.out_src).lexically_normal();
  std::vector<fs::path> to_format;
  for (const TypeModel& model : models) {
    const std::string sub = edustack::gen::kind_dir(model.kind);
    const fs::path header = staging.path / "include" / (sub + model.file_stem + ".hpp");
    write_file(header, edustack::gen::emit_header(model, options));
    targets[header] = include_dir / (sub + model.file_stem + ".hpp");
    to_format.push_back(header);
    if (args.header_only) continue;
    const fs::path source = staging.path / "src" / (sub + model.file_stem + ".cpp");
    write_file(source, edustack::gen::emit_source(model, options));
    targets[source] = src_dir / (sub + model.file_stem + ".cpp");
    to_format.push_back(source);
  }
  if (args.provider_class) {
    nlohmann::json block_file;
    const nlohmann::json* block = nullptr;
    if (!args.provider_block.empty()) {
      try {
        block_file = nlohmann::json::parse(read_file(args.provider_block));
      } catch (const nlohmann::json::exception& e) {
        fail(args.provider_block + ": " + e.what());
      }
      if (!block_file.contains("provider")) fail(args.provider_block + " has no \"provider\"");
      block = &block_file["provider"];
    } else if (provider.contains("provider")) {
      block = &provider["provider"];
    }
    const nlohmann::json none = {{"block", nlohmann::json::object()}};
    GenOptions provider_options = options;
    provider_options.version_constraint = args.version_constraint;
    if (provider_options.version_constraint.empty()) {
      const std::string& version = options.provider_version;
      const auto second = version.find('.', version.find('.') + 1);
      if (version.empty() || version.find('.') == std::string::npos) {
        fail("the schema has no provider_version: pass --version-constraint");
      }
      provider_options.version_constraint = "~> " + version.substr(0, second);
    }
    const TypeModel model =
        edustack::gen::build_provider_model(provider, block ? *block : none, provider_options);
    const fs::path header = staging.path / "include" / "provider.hpp";
    write_file(header, edustack::gen::emit_provider_header(model, provider_options));
    targets[header] = include_dir / "provider.hpp";
    to_format.push_back(header);
  }
  if (args.provider_class && provider.contains("functions") && !provider["functions"].empty()) {
    std::vector<edustack::gen::FunctionModel> functions;
    auto primitive = [](const nlohmann::json& type, bool result) -> std::string {
      const std::string name = type.is_string() ? type.get<std::string>() : "";
      if (name == "string") return result ? "core::StringExpr" : "core::String";
      if (name == "number") return result ? "core::NumberExpr" : "core::Number";
      if (name == "bool") return result ? "core::BoolExpr" : "core::Bool";
      return result ? "core::Expression" : "core::Value";
    };
    for (const auto& [name, function] : provider["functions"].items()) {
      edustack::gen::FunctionModel model;
      model.name = edustack::gen::is_cpp_reserved(name) ? name + "_" : name;
      model.signature = name + "(";
      for (const auto& parameter : function.value("parameters", nlohmann::json::array())) {
        const std::string parameter_name = parameter.value("name", "arg");
        model.parameters.emplace_back(
            edustack::gen::is_cpp_reserved(parameter_name) ? parameter_name + "_" : parameter_name,
            primitive(parameter.value("type", nlohmann::json()), false));
        model.signature += std::string(model.parameters.size() > 1 ? ", " : "") + parameter_name +
                           " " + parameter.value("type", nlohmann::json()).dump();
      }
      model.return_type = primitive(function.value("return_type", nlohmann::json()), true);
      model.signature += ") -> " + function.value("return_type", nlohmann::json()).dump();
      functions.push_back(std::move(model));
    }
    const fs::path header = staging.path / "include" / "functions.hpp";
    write_file(header, edustack::gen::emit_functions_header(functions, options));
    targets[header] = include_dir / "functions.hpp";
    to_format.push_back(header);
  }
  if (!args.header_only) {
    const fs::path cmake_list = staging.path / "src" / "sources.cmake";
    write_file(cmake_list, edustack::gen::emit_sources_cmake(models, options));
    targets[cmake_list] = src_dir / "sources.cmake";
  }
  if (format) clang_format(args, find_style(args), to_format);

  std::set<fs::path> produced;
  for (const auto& [staged, target] : targets) produced.insert(target);
  std::vector<fs::path> stale;
  if (args.prune || (args.check && !args.provider_only)) {
    stale = stale_files(include_dir, produced);
    if (!args.header_only) {
      for (const fs::path& path : stale_files(src_dir, produced)) stale.push_back(path);
    }
  }

  int written = 0;
  std::vector<std::string> differences;
  for (const auto& [staged, target] : targets) {
    const std::string text = read_file(staged);
    const bool same = fs::exists(target) && read_file(target) == text;
    if (same) continue;
    if (args.check) {
      differences.push_back((fs::exists(target) ? "differs: " : "missing: ") + target.string());
    } else {
      write_file(target, text);
      ++written;
    }
  }
  for (const fs::path& path : stale) {
    if (args.check) {
      differences.push_back("stale (type not listed): " + path.string());
    } else if (args.prune) {
      fs::remove(path);
      if (!args.quiet) std::cout << "removed " << path.string() << "\n";
    }
  }

  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  if (args.check) {
    if (!differences.empty()) {
      std::cerr << "edustack-gen --check: the committed bindings differ from what " << args.schema
                << " generates:\n";
      for (const auto& line : differences) std::cerr << "  " << line << "\n";
      std::cerr << "Regenerate them (docs/generator.md) and commit the result.\n";
      return 1;
    }
    if (!args.quiet) {
      std::cout << "edustack-gen --check: " << targets.size() << " files for " << models.size()
                << " types match, byte for byte (" << elapsed << " ms)\n";
    }
    return 0;
  }
  if (!args.quiet) {
    std::cout << "edustack-gen: " << models.size() << " types, " << targets.size() << " files, "
              << written << " written, " << stale.size() << " removed (" << elapsed << " ms)\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    // `edustack-gen module --dir DIR --out FILE`: typed bindings of a Terraform module.
    if (argc > 1 && std::string(argv[1]) == "module") {
      return edustack::gen::module_main(argc - 1, argv + 1);
    }
    return generate(parse_args(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "edustack-gen: error: " << e.what() << "\n";
    return 2;
  }
}
