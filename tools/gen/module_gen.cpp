#include "module_gen.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "model.hpp"

namespace fs = std::filesystem;

namespace edustack::gen {

namespace {

std::string trim(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

// Whitespace runs as one space: a type constraint as shown in a comment.
std::string collapse_spaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return trim(out);
}

std::string without_spaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

// A reader of the HCL native syntax, enough to find variable and output blocks and their
// attributes; other blocks and expressions are skipped by matching brackets, strings, templates,
// heredocs and comments.
class HclReader {
 public:
  HclReader(const std::string& text, const std::string& file) : s_(text), file_(file) {}

  void read(ModuleInterface& out) {
    for (;;) {
      skip_space(true);
      if (at_end()) return;
      std::string type = identifier();
      skip_space(false);
      if (peek() == '=') {  // a top-level attribute: not in a module's files, but harmless
        ++i_;
        expression();
        continue;
      }
      std::vector<std::string> labels;
      while (!at_end() && peek() != '{') {
        if (peek() == '"') {
          labels.push_back(quoted());
        } else {
          labels.push_back(identifier());
        }
        skip_space(false);
      }
      expect('{');
      if ((type == "variable" || type == "output") && labels.size() == 1) {
        auto attributes = body();
        if (type == "variable") {
          out.variables.push_back(variable(labels[0], attributes));
        } else {
          out.outputs.push_back(output(labels[0], attributes));
        }
      } else {
        skip_to_close('}');
      }
    }
  }

 private:
  const std::string& s_;
  const std::string& file_;
  std::size_t i_ = 0;

  bool at_end() const { return i_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }

  [[noreturn]] void fail(const std::string& what) const {
    int line = 1 + static_cast<int>(std::count(
                       s_.begin(),
                       s_.begin() + static_cast<std::ptrdiff_t>(std::min(i_, s_.size())), '\n'));
    throw std::runtime_error(file_ + ":" + std::to_string(line) + ": " + what);
  }

  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }

  // Spaces and comments; newlines too when asked.
  void skip_space(bool newlines) {
    while (!at_end()) {
      char c = peek();
      if (c == '\n' && !newlines) return;
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i_;
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (!at_end() && peek() != '\n') ++i_;
      } else if (c == '/' && peek(1) == '*') {
        std::size_t end = s_.find("*/", i_ + 2);
        if (end == std::string::npos) fail("unterminated comment");
        i_ = end + 2;
      } else {
        return;
      }
    }
  }

  std::string identifier() {
    std::size_t start = i_;
    while (!at_end() &&
           (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_' || peek() == '-')) {
      ++i_;
    }
    if (start == i_) fail(std::string("unexpected '") + peek() + "'");
    return s_.substr(start, i_ - start);
  }

  // A quoted string, decoded (templates kept as written).
  std::string quoted() {
    expect('"');
    std::string out;
    while (!at_end() && peek() != '"') {
      if (peek() == '\\') {
        char next = peek(1);
        out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
        i_ += 2;
      } else if (peek() == '$' && peek(1) == '{') {
        std::size_t start = i_;
        i_ += 2;
        skip_to_close('}');
        out += s_.substr(start, i_ - start);
      } else {
        out += s_[i_++];
      }
    }
    expect('"');
    return out;
  }

  void skip_heredoc() {
    i_ += 2;  // <<
    if (peek() == '-') ++i_;
    std::string marker = identifier();
    for (;;) {
      std::size_t eol = s_.find('\n', i_);
      if (eol == std::string::npos) fail("unterminated heredoc " + marker);
      i_ = eol + 1;
      std::size_t next = s_.find('\n', i_);
      if (trim(s_.substr(i_, next == std::string::npos ? std::string::npos : next - i_)) ==
          marker) {
        i_ = next == std::string::npos ? s_.size() : next;
        return;
      }
    }
  }

  // Skips to the bracket closing an already opened one, through nested brackets and strings.
  void skip_to_close(char close) {
    int depth = 0;
    while (!at_end()) {
      char c = peek();
      if (c == '"') {
        quoted();
        continue;
      }
      if (c == '<' && peek(1) == '<' &&
          (std::isalpha(static_cast<unsigned char>(peek(2))) || peek(2) == '-')) {
        skip_heredoc();
        continue;
      }
      if (c == '#' || (c == '/' && (peek(1) == '/' || peek(1) == '*'))) {
        skip_space(false);
        continue;
      }
      ++i_;
      if (c == '{' || c == '[' || c == '(') {
        ++depth;
      } else if (c == '}' || c == ']' || c == ')') {
        if (depth == 0) {
          if (c != close) fail(std::string("unbalanced '") + c + "'");
          return;
        }
        --depth;
      }
    }
    fail(std::string("missing '") + close + "'");
  }

  // An attribute's expression: to the end of the line at bracket depth 0 (or a closing '}').
  std::string expression() {
    skip_space(false);
    std::size_t start = i_;
    while (!at_end()) {
      char c = peek();
      if (c == '\n' || c == '}') break;
      if (c == '#' || (c == '/' && peek(1) == '/')) break;
      if (c == '"') {
        quoted();
      } else if (c == '<' && peek(1) == '<' &&
                 (std::isalpha(static_cast<unsigned char>(peek(2))) || peek(2) == '-')) {
        skip_heredoc();
      } else if (c == '{' || c == '[' || c == '(') {
        ++i_;
        skip_to_close(c == '{' ? '}' : c == '[' ? ']' : ')');
      } else {
        ++i_;
      }
    }
    return trim(s_.substr(start, i_ - start));
  }

  // The attributes of a block body (nested blocks are skipped), through its closing brace.
  std::map<std::string, std::string> body() {
    std::map<std::string, std::string> attributes;
    for (;;) {
      skip_space(true);
      if (at_end()) fail("missing '}'");
      if (peek() == '}') {
        ++i_;
        return attributes;
      }
      std::string name = identifier();
      skip_space(false);
      if (peek() == '=') {
        ++i_;
        attributes[name] = expression();
        continue;
      }
      while (!at_end() && peek() != '{') {  // a nested block: validation, precondition
        if (peek() == '"') {
          quoted();
        } else {
          identifier();
        }
        skip_space(false);
      }
      expect('{');
      skip_to_close('}');
    }
  }

  static std::string string_literal(const std::string& expression) {
    if (expression.size() >= 2 && expression.front() == '"' && expression.back() == '"') {
      return expression.substr(1, expression.size() - 2);
    }
    return expression;
  }

  static ModuleVariable variable(const std::string& name,
                                 const std::map<std::string, std::string>& attributes) {
    ModuleVariable v;
    v.name = name;
    for (const auto& [key, text] : attributes) {
      if (key == "type") v.type = collapse_spaces(text);
      if (key == "default") {
        v.has_default = true;
        v.default_text = text;
        v.default_null = text == "null";
      }
      if (key == "sensitive") v.sensitive = text == "true";
      if (key == "nullable") v.nullable = text != "false";
      if (key == "description") v.description = string_literal(text);
    }
    return v;
  }

  static ModuleOutput output(const std::string& name,
                             const std::map<std::string, std::string>& attributes) {
    ModuleOutput o;
    o.name = name;
    for (const auto& [key, text] : attributes) {
      if (key == "value") o.value = text;
      if (key == "sensitive") o.sensitive = text == "true";
      if (key == "description") o.description = string_literal(text);
    }
    return o;
  }
};

void read_json_interface(const std::string& text, const std::string& file, ModuleInterface& out) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(file + ": " + e.what());
  }
  const nlohmann::json variables = document.value("variable", nlohmann::json::object());
  const nlohmann::json outputs = document.value("output", nlohmann::json::object());
  for (const auto& [name, body] : variables.items()) {
    ModuleVariable v;
    v.name = name;
    if (body.contains("type")) v.type = collapse_spaces(body["type"].get<std::string>());
    if (body.contains("default")) {
      v.has_default = true;
      v.default_text = body["default"].dump();
      v.default_null = body["default"].is_null();
    }
    v.sensitive = body.value("sensitive", false);
    v.nullable = body.value("nullable", true);
    v.description = body.value("description", "");
    out.variables.push_back(std::move(v));
  }
  for (const auto& [name, body] : outputs.items()) {
    ModuleOutput o;
    o.name = name;
    if (body.contains("value") && body["value"].is_string()) {
      std::string value = body["value"].get<std::string>();
      if (value.size() > 3 && value.rfind("${", 0) == 0 && value.back() == '}' &&
          value.find("${", 2) == std::string::npos) {
        value = value.substr(2, value.size() - 3);
      }
      o.value = value;
    }
    o.sensitive = body.value("sensitive", false);
    o.description = body.value("description", "");
    out.outputs.push_back(std::move(o));
  }
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The C++ literal type of a type constraint (std::string, std::vector<double>, ...), or "".
std::string literal_of_constraint(const std::string& type) {
  if (type == "string") return "std::string";
  if (type == "number") return "double";
  if (type == "bool") return "bool";
  for (const char* wrapper : {"list(", "set(", "map("}) {
    std::string prefix = wrapper;
    if (type.rfind(prefix, 0) == 0 && type.back() == ')') {
      std::string inner =
          literal_of_constraint(type.substr(prefix.size(), type.size() - prefix.size() - 1));
      if (inner.empty()) return "";
      return prefix == "map(" ? "std::map<std::string, " + inner + ">"
                              : "std::vector<" + inner + ">";
    }
  }
  return "";
}

std::string literal_of_schema_type(const nlohmann::json& type) {
  if (type.is_string()) {
    std::string name = type.get<std::string>();
    if (name == "string") return "std::string";
    if (name == "number") return "double";
    if (name == "bool") return "bool";
    return "";
  }
  if (type.is_array() && type.size() == 2 && type[0].is_string()) {
    std::string kind = type[0].get<std::string>();
    std::string inner = literal_of_schema_type(type[1]);
    if (inner.empty()) return "";
    if (kind == "list" || kind == "set") return "std::vector<" + inner + ">";
    if (kind == "map") return "std::map<std::string, " + inner + ">";
  }
  return "";
}

std::string expr_type(const std::string& literal) {
  if (literal.empty()) return "::edustack::core::Expression";
  if (literal == "std::string") return "::edustack::core::StringExpr";
  if (literal == "double") return "::edustack::core::NumberExpr";
  if (literal == "bool") return "::edustack::core::BoolExpr";
  return "::edustack::core::Expr<" + literal + ">";
}

bool is_identifier_path(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
}

std::vector<std::string> split_dots(const std::string& text) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == '.') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

// What an output's value tells of its type: a variable's constraint, or a resource or data
// source attribute's schema type.
std::string output_literal(const ModuleOutput& output, const ModuleInterface& module,
                           const nlohmann::json* schema) {
  const std::string value = without_spaces(output.value);
  if (!is_identifier_path(value)) return "";
  auto parts = split_dots(value);
  if (parts.size() == 2 && parts[0] == "var") {
    for (const auto& v : module.variables) {
      if (v.name == parts[1]) return literal_of_constraint(without_spaces(v.type));
    }
    return "";
  }
  if (!schema) return "";
  const char* group = "resource_schemas";
  if (parts.size() == 4 && parts[0] == "data") {
    group = "data_source_schemas";
    parts.erase(parts.begin());
  }
  if (parts.size() != 3) return "";
  auto types = schema->find(group);
  if (types == schema->end() || !types->contains(parts[0])) return "";
  const nlohmann::json& block = (*types)[parts[0]]["block"];
  auto attributes = block.find("attributes");
  if (attributes == block.end() || !attributes->contains(parts[2])) return "";
  return literal_of_schema_type((*attributes)[parts[2]].value("type", nlohmann::json()));
}

std::string comment_text(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

}  // namespace

void read_hcl_interface(const std::string& text, const std::string& file, ModuleInterface& out) {
  HclReader(text, file).read(out);
}

ModuleInterface read_module_interface(const std::string& directory) {
  if (!fs::is_directory(directory)) {
    throw std::runtime_error("module directory " + directory + " does not exist");
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.front() == '.') continue;
    if (name.ends_with(".tf") || name.ends_with(".tf.json")) files.push_back(entry.path());
  }
  if (files.empty()) throw std::runtime_error(directory + " has no .tf or .tf.json file");
  std::sort(files.begin(), files.end());
  ModuleInterface out;
  for (const auto& file : files) {
    std::string text = read_text(file);
    if (file.string().ends_with(".tf.json")) {
      read_json_interface(text, file.string(), out);
    } else {
      read_hcl_interface(text, file.string(), out);
    }
  }
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::sort(out.variables.begin(), out.variables.end(), by_name);
  std::sort(out.outputs.begin(), out.outputs.end(), by_name);
  for (std::size_t i = 1; i < out.variables.size(); ++i) {
    if (out.variables[i].name == out.variables[i - 1].name) {
      throw std::runtime_error(directory + ": variable \"" + out.variables[i].name +
                               "\" is declared twice");
    }
  }
  return out;
}

std::string field_type(const std::string& type_constraint) {
  const std::string type = without_spaces(type_constraint);
  if (type == "string") return "::edustack::core::String";
  if (type == "number") return "::edustack::core::Number";
  if (type == "bool") return "::edustack::core::Bool";
  for (const char* wrapper : {"list(", "set(", "map("}) {
    std::string prefix = wrapper;
    if (type.rfind(prefix, 0) == 0 && type.back() == ')') {
      std::string inner = field_type(type.substr(prefix.size(), type.size() - prefix.size() - 1));
      if (inner == "::edustack::core::Value") return inner;
      return std::string(prefix == "map(" ? "::edustack::core::Map<" : "::edustack::core::List<") +
             inner + ">";
    }
  }
  return "::edustack::core::Value";
}

std::string emit_module_header(const ModuleInterface& module, const std::string& class_name,
                               const std::string& cpp_namespace, const std::string& module_name,
                               const nlohmann::json* provider_schema) {
  static const std::set<std::string> members = {
      "output",     "all",          "instance_output", "source",
      "config",     "set_input",    "address",         "id_namespace",
      "logical_id", "node",         "stack",           "synthesize",
      "references", "add_override", "unique_name",     "explicit_dependencies",
      "inputs",     "with_inputs"};
  auto cpp_name = [](const std::string& name) {
    std::string out = name;
    std::replace(out.begin(), out.end(), '-', '_');
    return is_cpp_reserved(out) ? out + "_" : out;
  };
  const std::string inputs = class_name + "Inputs";
  std::ostringstream h;
  h << "// Generated by edustack-gen from the interface of module " << module_name << " ("
    << module.variables.size() << " variables, " << module.outputs.size() << " outputs).\n"
    << "// Do not edit: it is regenerated from the module's .tf files "
       "(docs/modules-and-iterators.md).\n"
    << "#pragma once\n\n#include <map>\n#include <string>\n#include <string_view>\n"
    << "#include <utility>\n#include <vector>\n\n#include \"edustack/core/module.hpp\"\n\n"
    << "namespace " << cpp_namespace << " {\n\n";
  // Tags that name a left-out required input in the compile error (core::Required's Field).
  bool any_required = false;
  for (const auto& v : module.variables) any_required |= !v.has_default;
  if (any_required) {
    h << "// Names of the required inputs, for compile errors when one is left out.\n"
      << "namespace required {\n";
    for (const auto& v : module.variables) {
      if (!v.has_default) h << "struct " << cpp_name(v.name) << ";\n";
    }
    h << "}  // namespace required\n\n";
  }
  h << "// The inputs of module " << module_name
    << ", in alphabetical order (the order designated initializers follow).\n"
    << "// A variable without a default is a Required field: leaving it out does not compile.\n"
    << "struct " << inputs << " {\n";
  for (const auto& v : module.variables) {
    std::vector<std::string> notes;
    if (!v.description.empty()) notes.push_back(comment_text(v.description));
    notes.push_back("type " + (v.type.empty() ? std::string("any") : v.type));
    if (v.has_default) notes.push_back("default " + comment_text(v.default_text));
    if (v.sensitive) notes.push_back("sensitive");
    if (!v.nullable) notes.push_back("not nullable");
    h << "  //";
    for (std::size_t i = 0; i < notes.size(); ++i) h << (i ? "; " : " ") << notes[i];
    h << "\n";
    std::string type = field_type(v.type);
    const std::string tagged =
        "::edustack::core::Required<" + type + ", required::" + cpp_name(v.name) + ">";
    h << "  " << (v.has_default ? type : tagged) << " " << cpp_name(v.name) << ";\n";
  }
  h << "};\n\n"
    << "inline ::edustack::core::Value::Object to_inputs(const " << inputs << "& inputs) {\n"
    << "  ::edustack::core::Value::Object out;\n";
  for (const auto& v : module.variables) {
    const std::string field = "inputs." + cpp_name(v.name);
    if (field_type(v.type) == "::edustack::core::Value") {
      h << "  if (!" << field << ".is_null()) out.emplace(\"" << v.name << "\", " << field
        << ");\n";
    } else {
      h << "  if (" << field << ".is_set()) out.emplace(\"" << v.name << "\", " << field
        << ".value());\n";
    }
  }
  h << "  return out;\n}\n\n"
    << "// A call of module " << module_name << ": config holds its source and meta-arguments,\n"
    << "// inputs its variables; each output is a typed accessor, with a key for one instance of\n"
    << "// a module with count or for_each.\n"
    << "class " << class_name << " : public ::edustack::core::Module {\n public:\n"
    << "  " << class_name << "(::edustack::core::Construct& scope, std::string_view id,\n"
    << "      ::edustack::core::ModuleConfig config, " << inputs << " inputs)\n"
    << "      : ::edustack::core::Module(scope, id, with_inputs(std::move(config), inputs)) {}\n";
  for (const auto& o : module.outputs) {
    std::string name = cpp_name(o.name);
    if (members.count(name)) name += "_";
    const std::string type = expr_type(output_literal(o, module, provider_schema));
    h << "\n  // output " << o.name;
    if (!o.description.empty()) h << ": " << comment_text(o.description);
    if (o.sensitive) h << " (sensitive)";
    h << "\n  " << type << " " << name << "() const { return output<" << type << ">(\"" << o.name
      << "\"); }\n"
      << "  " << type << " " << name << "(const ::edustack::core::Value& key) const {\n"
      << "    return instance_output<" << type << ">(key, \"" << o.name << "\");\n  }\n";
  }
  h << "\n private:\n"
    << "  static ::edustack::core::ModuleConfig with_inputs(::edustack::core::ModuleConfig "
       "config,\n"
    << "                                                   const " << inputs << "& inputs) {\n"
    << "    for (auto& entry : to_inputs(inputs)) {\n"
    << "      config.inputs.insert_or_assign(entry.first, std::move(entry.second));\n    }\n"
    << "    return config;\n  }\n};\n\n}  // namespace " << cpp_namespace << "\n";
  return h.str();
}

int module_main(int argc, char** argv) {
  std::string directory, name, out, cpp_namespace = "edustack::modules", schema_file,
                                    provider = "registry.terraform.io/hashicorp/aws";
  const char* usage =
      "usage: edustack-gen module --dir MODULE_DIR --out FILE.hpp [--name NAME] "
      "[--namespace NS] [--schema PROVIDER_SCHEMA.json] [--provider ADDRESS]\n";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value\n" + usage);
      return argv[++i];
    };
    if (arg == "--dir") {
      directory = value();
    } else if (arg == "--out") {
      out = value();
    } else if (arg == "--name") {
      name = value();
    } else if (arg == "--namespace") {
      cpp_namespace = value();
    } else if (arg == "--schema") {
      schema_file = value();
    } else if (arg == "--provider") {
      provider = value();
    } else if (arg == "--help") {
      std::cout << usage;
      return 0;
    } else {
      throw std::runtime_error("unknown argument " + arg + "\n" + usage);
    }
  }
  if (directory.empty() || out.empty()) throw std::runtime_error(usage);
  if (name.empty()) {
    fs::path normal = fs::absolute(directory).lexically_normal();
    if (normal.filename().empty()) normal = normal.parent_path();
    name = normal.filename().string();
  }
  ModuleInterface module = read_module_interface(directory);
  nlohmann::json schema;
  const nlohmann::json* provider_schema = nullptr;
  if (!schema_file.empty()) {
    try {
      schema = nlohmann::json::parse(read_text(schema_file));
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(schema_file + ": " + e.what());
    }
    auto schemas = schema.find("provider_schemas");
    if (schemas != schema.end() && schemas->contains(provider))
      provider_schema = &(*schemas)[provider];
  }
  std::string module_id = name;
  std::replace(module_id.begin(), module_id.end(), '-', '_');
  std::string text =
      emit_module_header(module, pascal_case(module_id), cpp_namespace, name, provider_schema);
  fs::path target(out);
  if (!(fs::exists(target) && read_text(target) == text)) {  // unchanged: no rebuild
    if (target.has_parent_path()) fs::create_directories(target.parent_path());
    std::ofstream file(target, std::ios::binary);
    file << text;
    if (!file) throw std::runtime_error("cannot write " + out);
  }
  return 0;
}

}  // namespace edustack::gen
