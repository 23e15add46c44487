#include "emit.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace edustack::gen {
namespace {

constexpr const char* kDeprecated = "[[deprecated(\"deprecated in the provider schema\")]] ";

std::string banner(const TypeModel& model, const GenOptions& options) {
  std::string source = options.provider_address;
  if (!options.provider_version.empty()) source += " " + options.provider_version;
  std::string what = kind_prefix(model.kind) + model.terraform_type;
  return std::string(kGeneratedMarker) + " from " + source + " (" + what + ", schema version " +
         std::to_string(model.schema_version) +
         ").\n// Do not edit: list the type in the generator's types file and regenerate, see "
         "docs/generator.md.\n";
}

const char* base_class(const TypeModel& model) {
  if (model.kind == Kind::ephemeral) return "core::EphemeralResource";
  return model.kind == Kind::data_source ? "core::DataSource" : "core::Resource";
}

void emit_struct(std::string& out, const Block& block, const std::string& doc) {
  out += doc;
  out += "struct " + block.struct_name + " {\n";
  for (const Field& field : block.fields) {
    // Notes go above the field: trailing ones would make clang-format split declarations.
    if (!field.comment.empty()) out += "  // " + field.comment + "\n";
    out += "  ";
    if (field.deprecated) out += kDeprecated;
    out += field.cpp_type + " " + field.cpp_name;
    // With a default member initializer, a designated initializer that omits the field
    // initializes it here (where the warning is silenced), not at the user's line.
    if (field.deprecated && !field.required) out += " = {}";
    out += ";\n";
  }
  out += "};\n";
}

std::string block_doc(const TypeModel& model, const Block& block) {
  const std::string what = kind_prefix(model.kind) + model.terraform_type;
  if (block.object_kind == "object") {
    return "\n// Attribute `" + block.path + "` of " + what +
           " (an object: unset members are written as null).\n";
  }
  if (block.object_kind == "nested") {
    return "\n// Nested attribute `" + block.path + "` of " + what + " (nesting " + block.nesting +
           ").\n";
  }
  return "\n// Block `" + block.path + "` of " + kind_prefix(model.kind) + model.terraform_type +
         " (nesting " + block.nesting + ").\n";
}

// How each field kind is spelled in generated serializers: the helper of
// edustack/core/generated_support.hpp that writes it (a statement per field), and its kind
// character in core::generated::object (the header-only types' one call).
struct EmitSpelling {
  const char* helper;
  char kind;
};

EmitSpelling spelling(Emit emit) {
  switch (emit) {
    case Emit::argument:
      return {"put_argument", 'a'};
    case Emit::value:
      return {"put_value", 'v'};
    case Emit::object:
      return {"put_object", 'o'};
    case Emit::required_object:
      return {"put_required_object", 'r'};
    case Emit::list_item:
      return {"put_list_item", 'i'};
    case Emit::required_list_item:
      return {"put_required_list_item", 'j'};
    case Emit::list:
      return {"put_list", 'l'};
    case Emit::required_list:
      return {"put_required_list", 'k'};
    case Emit::map:
      return {"put_map", 'm'};
    case Emit::required_map:
      return {"put_required_map", 'n'};
    case Emit::object_list:
      return {"put_object_list", 'x'};
    case Emit::none:
      return {"", 0};
  }
  return {"", 0};
}

const char* helper_for(Emit emit) { return spelling(emit).helper; }

// Uppercase for a member of a plain object type that is written as null when unset.
char kind_char(const Field& field) {
  const char kind = spelling(field.emit).kind;
  return field.null_when_unset ? static_cast<char>(kind - 'a' + 'A') : kind;
}

void emit_serializer(std::string& out, const Block& block, const std::string& parameter) {
  if (block.fields.empty()) {
    out += "\ncore::Value to_value(const " + block.struct_name + "& /*" + parameter +
           "*/) { return core::Value::Object{}; }\n";
    return;
  }
  out += "\ncore::Value to_value(const " + block.struct_name + "& " + parameter + ") {\n";
  out += "  core::Value::Object out;\n";
  for (const Field& field : block.fields) {
    if (field.emit == Emit::none) continue;
    out += "  core::generated::" + std::string(helper_for(field.emit)) + "(out, \"" +
           field.terraform_name + "\", " + parameter + "." + field.cpp_name + ");\n";
    if (field.null_when_unset) {
      out += "  core::generated::put_null(out, \"" + field.terraform_name + "\");\n";
    }
  }
  out += "  return out;\n}\n";
}

// The header-only form: the serializer is inline and calls the helpers of
// edustack/core/generated_support.hpp. `templated` (the types' headers): a function template,
// `template <int N = 0>`, that is one call of core::generated::object<N, 'kind'...> with the
// fields' names and member pointers: the call depends on N, so nothing in it is compiled or
// instantiated unless a program serializes the struct (a constructed type's arguments()), and
// one call is a fraction of the text a statement per field would be for every includer to parse
// (bench/README.md, "Compile cost of the header-only AWS types"). A plain inline function with a
// statement per field otherwise (the provider configuration).
void emit_inline_serializer(std::string& out, const Block& block, const std::string& parameter,
                            bool templated) {
  std::vector<const Field*> fields;
  for (const Field& field : block.fields) {
    if (field.emit != Emit::none) fields.push_back(&field);
  }
  const std::string head = templated ? "\ntemplate <int N = 0>\ncore::Value to_value(const "
                                     : "\ninline core::Value to_value(const ";
  if (fields.empty()) {
    out +=
        head + block.struct_name + "& /*" + parameter + "*/) { return core::Value::Object{}; }\n";
    return;
  }
  out += head + block.struct_name + "& " + parameter + ") {\n";
  if (templated) {
    std::string kinds;
    std::string names;
    std::string members;
    for (const Field* field : fields) {
      kinds += std::string(", '") + kind_char(*field) + "'";
      names += std::string(names.empty() ? "" : ", ") + "\"" + field->terraform_name + "\"";
      members += ", &" + block.struct_name + "::" + field->cpp_name;
    }
    out += "  return core::generated::object<N" + kinds + ">(" + parameter + ", {" + names + "}" +
           members + ");\n}\n";
    return;
  }
  out += "  core::Value::Object out;\n";
  for (const Field* field : fields) {
    out += "  core::generated::" + std::string(helper_for(field->emit)) + "(out, \"" +
           field->terraform_name + "\", " + parameter + "." + field->cpp_name + ");\n";
    if (field->null_when_unset) {
      out += "  core::generated::put_null(out, \"" + field->terraform_name + "\");\n";
    }
  }
  out += "  return out;\n}\n";
}

// The header-only form's constructors: templates (a defaulted N), so that the serializer whose
// address they store (serialize<N>, called by arguments()) is instantiated only where the type
// is constructed. Their parameters do not depend on N: designated initializers and implicit
// conversions work as with plain constructors.
void emit_template_members(std::string& out, const TypeModel& model) {
  const std::string& name = model.class_name;
  std::string marks;
  for (const Accessor& accessor : model.accessors) {
    if (accessor.sensitive) marks += "\n  mark_sensitive(\"" + accessor.terraform_name + "\");";
  }
  const std::string body = marks.empty() ? "}\n" : marks + "\n}\n";
  const std::string base = base_class(model);
  const std::string empty_arguments = model.kind == Kind::ephemeral ? "{}, " : "";
  out += "\ntemplate <int N>\n" + name + "::" + name +
         "(core::Construct& scope, std::string_view id, " + model.config.struct_name +
         " config, core::ResourceOptions options)\n";
  out += "    : " + base + "(scope, id, terraform_type, " + empty_arguments +
         "std::move(options)), cfg_(std::move(config)), serialize_(&serialize<N>) {" + body;
  if (!model.has_required) {
    out += "\ntemplate <int N>\n" + name + "::" + name +
           "(core::Construct& scope, std::string_view id)\n";
    out += "    : " + base + "(scope, id, terraform_type, " + empty_arguments +
           "core::ResourceOptions{}), cfg_(), serialize_(&serialize<N>) {" + body;
  }
}

// Constructors and arguments(); `prefix` is "inline " in the header-only form.
void emit_members(std::string& out, const TypeModel& model, const std::string& prefix) {
  const std::string& name = model.class_name;
  out += "\n" + prefix + name + "::" + name + "(core::Construct& scope, std::string_view id, " +
         model.config.struct_name + " config, core::ResourceOptions options)\n";
  // An ephemeral resource's base takes its arguments too (none: arguments() gives them).
  out += "    : " + std::string(base_class(model)) + "(scope, id, terraform_type, " +
         (model.kind == Kind::ephemeral ? "{}, " : "") +
         "std::move(options)), cfg_(std::move(config)) {";
  // Attributes the schema marks sensitive: a non-sensitive output referring to one fails
  // synthesis, as terraform would fail the plan.
  bool any_sensitive = false;
  for (const Accessor& accessor : model.accessors) {
    if (!accessor.sensitive) continue;
    out += "\n  mark_sensitive(\"" + accessor.terraform_name + "\");";
    any_sensitive = true;
  }
  out += any_sensitive ? "\n}\n" : "}\n";
  if (!model.has_required) {
    out += "\n" + prefix + name + "::" + name + "(core::Construct& scope, std::string_view id)\n";
    out += "    : " + name + "(scope, id, " + model.config.struct_name + "{}) {}\n";
  }
  out += "\n" + prefix + "core::Value " + name + "::arguments() const { return to_value(cfg_); }\n";
}

// Incomplete types that only name a required field in compile errors (core::Required's Field).
void emit_required_tags(std::string& out, const TypeModel& model) {
  if (model.required_tags.empty()) return;
  out += "\n// Names of the required fields, for compile errors when one is left out.\n";
  out += "namespace required {\n";
  for (const std::string& tag : model.required_tags) out += "struct " + tag + ";\n";
  out += "}  // namespace required\n";
}

}  // namespace

std::string emit_header(const TypeModel& model, const GenOptions& options) {
  const bool data = model.kind == Kind::data_source;
  const bool ephemeral = model.kind == Kind::ephemeral;
  const std::string prefix = kind_prefix(model.kind);
  std::string out = banner(model, options);
  out += "#pragma once\n\n";
  if (model.uses_map_blocks) out += "#include <map>\n";
  out += "#include <string>\n#include <string_view>\n#include <vector>\n\n";
  if (model.uses_block_list) out += "#include \"edustack/core/block_list.hpp\"\n";
  out += data        ? "#include \"edustack/core/data_source.hpp\"\n"
         : ephemeral ? "#include \"edustack/core/ephemeral.hpp\"\n"
                     : "#include \"edustack/core/resource.hpp\"\n";
  out += options.header_only ? "#include \"edustack/core/generated_support.hpp\"\n"
                             : "#include \"edustack/core/optional_block.hpp\"\n";
  if (model.uses_object_list) out += "#include \"edustack/core/object_list.hpp\"\n";
  if (options.header_only) out += "\n#include <utility>\n";
  // GCC reports a use of each deprecated field in the implicitly defined special members of
  // its struct, at the struct's own line, wherever a config is copied or destroyed. Silencing
  // the warning for this header's lines keeps that quiet, while a user naming the field in
  // their own code is still warned.
  bool deprecated_fields = false;
  for (const Block& block : model.blocks) {
    for (const Field& field : block.fields) deprecated_fields |= field.deprecated;
  }
  for (const Field& field : model.config.fields) deprecated_fields |= field.deprecated;
  if (deprecated_fields) {
    out += "\n// Deprecated fields must not warn where this header's own structs are copied.\n";
    out += "#pragma GCC diagnostic push\n";
    out += "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n";
  }
  out += "\nnamespace " + model.cpp_namespace + " {\n";
  emit_required_tags(out, model);

  // The declaration form declares each serializer here. The header-only form defines them
  // below the class and declares none: every call of one depends on N (found by
  // argument-dependent lookup where it is instantiated), and 1,377 declarations were 7% of the
  // 50 largest headers' compile time.
  const std::string declare = options.header_only ? "" : "core::Value to_value(const ";
  for (const Block& block : model.blocks) {
    if (!block.alias_of.empty()) {  // merge_identical_shapes: one struct per distinct shape
      out += block_doc(model, block) + "// The same shape as " + block.alias_of + ".\n";
      out += "using " + block.struct_name + " = " + block.alias_of + ";\n";
      continue;
    }
    emit_struct(out, block, block_doc(model, block));
    if (!declare.empty()) out += declare + block.struct_name + "& block);\n";
  }

  const std::string& config = model.config.struct_name;
  emit_struct(out, model.config,
              "\n// The arguments of " + prefix + model.terraform_type +
                  ", in alphabetical order (the order designated initializers follow).\n");
  if (!declare.empty()) out += declare + config + "& config);\n";

  const std::string& name = model.class_name;
  out += "\n// " + prefix + model.terraform_type +
         (data        ? ": a data source"
          : ephemeral ? ": an ephemeral resource (never stored in plan or state)"
                      : ": a managed resource") +
         ". Every attribute, computed ones included, is a typed reference.\n";
  out += "class " + name + " : public " + base_class(model) + " {\n public:\n";
  out += "  static constexpr const char* terraform_type = \"" + model.terraform_type + "\";\n\n";
  const std::string constructor = options.header_only ? "  template <int N = 0>\n  " : "  ";
  if (!model.has_required) {
    // Not a default argument: `config = {}` would initialize any deprecated field at the
    // caller's line and warn there.
    out += constructor + name + "(core::Construct& scope, std::string_view id);\n";
  }
  out += constructor + name + "(core::Construct& scope, std::string_view id, " + config +
         " config, core::ResourceOptions options = {});\n\n";
  out += "  const " + config + "& config() const noexcept { return cfg_; }\n";
  out += "  " + config + "& config() noexcept { return cfg_; }\n";
  if (model.has_tags) {
    out += "  core::Map<core::String>* tags_argument() override { return &cfg_.tags; }\n";
  }
  out += "\n";
  for (const Accessor& accessor : model.accessors) {
    out += "  ";
    if (accessor.deprecated) out += kDeprecated;
    out += accessor.expr_type + " " + accessor.cpp_name + "() const { return ";
    if (accessor.literal.empty()) {
      out += "attribute(\"" + accessor.terraform_name + "\"); }";
    } else {
      out += "attribute_as<" + accessor.literal + ">(\"" + accessor.terraform_name + "\"); }";
    }
    if (accessor.sensitive) out += "  // sensitive";
    out += "\n";
  }
  if (options.header_only) {
    // arguments() is virtual, so compiled wherever the class is: it calls the serializer
    // through the pointer its constructor (a template) stored.
    out +=
        "\n protected:\n  core::Value arguments() const override { return serialize_(cfg_); }\n\n";
    out += " private:\n  template <int N>\n  static core::Value serialize(const " + config +
           "& config) {\n    return to_value<N>(config);\n  }\n\n";
    out += "  " + config + " cfg_;\n  core::Value (*serialize_)(const " + config + "&);\n};\n";
    out += "\n// Serializing a deprecated field is not a use of it.\n";
    out += "#pragma GCC diagnostic push\n";
    out += "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n";
    for (const Block& block : model.blocks) {
      if (block.alias_of.empty()) emit_inline_serializer(out, block, "block", true);
    }
    emit_inline_serializer(out, model.config, "config", true);
    emit_template_members(out, model);
    out += "\n#pragma GCC diagnostic pop\n";
  } else {
    out += "\n protected:\n  core::Value arguments() const override;\n\n";
    out += " private:\n  " + config + " cfg_;\n};\n";
  }
  out += "\n}  // namespace " + model.cpp_namespace + "\n";
  if (deprecated_fields) out += "\n#pragma GCC diagnostic pop\n";
  return out;
}

std::string emit_source(const TypeModel& model, const GenOptions& options) {
  std::string out = banner(model, options);
  out += "#include \"" + model.include_path + "\"\n\n";
  out += "#include <utility>\n\n";
  // The insertion helpers are the library's (src/core/generated_support.cpp), shared by every
  // generated source: no file-local copies, so the sources can also be compiled as one unity
  // build (EDUSTACK_UNITY_LIBS).
  out += "#include \"edustack/core/generated_support.hpp\"\n\n";
  out += "// Serializing a deprecated field is not a use of it.\n";
  out += "#pragma GCC diagnostic push\n";
  out += "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n\n";
  out += "namespace " + model.cpp_namespace + " {\n";

  for (const Block& block : model.blocks) {
    if (block.alias_of.empty()) emit_serializer(out, block, "block");
  }
  emit_serializer(out, model.config, "config");

  emit_members(out, model, "");
  out += "\n}  // namespace " + model.cpp_namespace + "\n\n";
  out += "#pragma GCC diagnostic pop\n";
  return out;
}

std::string emit_sources_cmake(const std::vector<TypeModel>& models, const GenOptions& options) {
  std::vector<std::string> files;
  for (const TypeModel& model : models) {
    files.push_back(kind_dir(model.kind) + model.file_stem + ".cpp");
  }
  std::sort(files.begin(), files.end());
  std::string out = "# Generated by edustack-gen from " + options.provider_address +
                    ". Do not edit: see docs/generator.md.\n";
  out += "# Hand-written sources of this directory are listed in handwritten.cmake.\n";
  out += "list(APPEND EDUSTACK_SOURCES\n";
  for (const std::string& file : files) out += "  ${CMAKE_CURRENT_LIST_DIR}/" + file + "\n";
  out += ")\n";
  out += "include(${CMAKE_CURRENT_LIST_DIR}/handwritten.cmake)\n";
  return out;
}

std::string emit_provider_header(const TypeModel& model, const GenOptions& options) {
  const std::string source =
      options.provider_address.substr(options.provider_address.find('/') == std::string::npos
                                          ? 0
                                          : options.provider_address.find('/') + 1);
  std::string out = std::string(kGeneratedMarker) + " from " + options.provider_address + " " +
                    options.provider_version +
                    " (the provider configuration block).\n// Do not edit: regenerate, see "
                    "docs/generator.md.\n";
  out += "#pragma once\n\n";
  if (model.uses_map_blocks) out += "#include <map>\n";
  out += "#include <string>\n#include <string_view>\n#include <utility>\n#include <vector>\n\n";
  if (model.uses_block_list) out += "#include \"edustack/core/block_list.hpp\"\n";
  out += "#include \"edustack/core/generated_support.hpp\"\n";
  if (model.uses_object_list) out += "#include \"edustack/core/object_list.hpp\"\n";
  out += "#include \"edustack/core/provider.hpp\"\n\n";
  out += "// Deprecated fields must not warn where this header's own structs are copied.\n";
  out += "#pragma GCC diagnostic push\n";
  out += "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n";
  out += "\nnamespace " + model.cpp_namespace + " {\n";
  emit_required_tags(out, model);
  for (const Block& block : model.blocks) {
    emit_struct(out, block,
                "\n// Block `" + block.path + "` of the provider configuration (nesting " +
                    block.nesting + ").\n");
    out += "core::Value to_value(const " + block.struct_name + "& block);\n";
  }
  emit_struct(out, model.config,
              "\n// The arguments of provider \"" + options.provider_name +
                  "\", in alphabetical order (the order designated initializers follow).\n");
  out += "core::Value to_value(const ProviderConfig& config);\n";
  out += "\n// provider \"" + options.provider_name + "\" { ... }. Registers " + source + " (" +
         options.version_constraint + ") in the stack's required_providers.\n";
  out += "class Provider : public core::Provider {\n public:\n";
  out += "  static constexpr const char* source = \"" + source + "\";\n";
  out += "  static constexpr const char* version = \"" + options.version_constraint + "\";\n\n";
  out += "  Provider(core::Construct& scope, std::string_view id)\n";
  out += "      : Provider(scope, id, ProviderConfig{}) {}\n";
  out += "  Provider(core::Construct& scope, std::string_view id, ProviderConfig config)\n";
  out += "      : core::Provider(scope, id, core::ProviderConfig{.name = \"" +
         options.provider_name +
         "\", .source = source, .version = version, .alias = config.alias}),\n";
  out += "        config_(std::move(config)) {}\n\n";
  out += "  const ProviderConfig& config() const noexcept { return config_; }\n";
  out += "  ProviderConfig& config() noexcept { return config_; }\n\n";
  out += " protected:\n  core::Value arguments() const override { return to_value(config_); }\n\n";
  out += " private:\n  ProviderConfig config_;\n};\n";
  for (const Block& block : model.blocks) emit_inline_serializer(out, block, "block", false);
  emit_inline_serializer(out, model.config, "config", false);
  out += "\n}  // namespace " + model.cpp_namespace + "\n\n#pragma GCC diagnostic pop\n";
  return out;
}

std::string emit_functions_header(const std::vector<FunctionModel>& functions,
                                  const GenOptions& options) {
  const std::string& name = options.provider_name;
  std::string out = std::string(kGeneratedMarker) + " from " + options.provider_address + " " +
                    options.provider_version +
                    " (its provider functions).\n// Do not edit: regenerate, see "
                    "docs/generator.md.\n";
  out += "#pragma once\n\n#include \"edustack/core/arguments.hpp\"\n";
  out += "#include \"edustack/core/expression.hpp\"\n\n";
  out += "// Typed calls of the functions of provider \"" + name +
         "\" (Terraform 1.8+): rendered provider::" + name +
         "::<function>(...). A stack that calls one declares the provider (" +
         options.include_prefix + "/provider.hpp) so it is in required_providers.\n";
  out += "namespace edustack::" + options.cpp_name + "::functions {\n";
  for (const FunctionModel& function : functions) {
    out += "\n// provider::" + name + "::" + function.signature + "\n";
    out += "inline " + function.return_type + " " + function.name + "(";
    std::string arguments;
    for (std::size_t i = 0; i < function.parameters.size(); ++i) {
      const auto& [parameter, type] = function.parameters[i];
      out += std::string(i ? ", " : "") + "const " + type + "& " + parameter;
      arguments += std::string(i ? ", " : "") + "core::to_value(" + parameter + ")";
    }
    out += ") {\n  return " + function.return_type + "(core::Expression::call(\"provider::" + name +
           "::" + function.name + "\", {" + arguments + "}));\n}\n";
  }
  out += "\n}  // namespace edustack::" + options.cpp_name + "::functions\n";
  return out;
}

std::vector<std::string> emit_smoke(const std::vector<TypeModel>& models, const GenOptions& options,
                                    std::size_t shards) {
  std::vector<std::string> files(shards);
  for (std::size_t k = 0; k < shards; ++k) {
    std::string& out = files[k];
    out = std::string(kGeneratedMarker) + " from " + options.provider_address + " " +
          options.provider_version +
          ": the smoke app, one instance of every type with its required arguments and blocks "
          "(shard " +
          std::to_string(k) + " of " + std::to_string(shards) + ").\n";
    out += "#include \"edustack/core/stack.hpp\"\n";
    for (std::size_t i = k; i < models.size(); i += shards) {
      out += "#include \"" + models[i].include_path + "\"\n";
    }
    out += "\n// Filling a deprecated required argument is not a choice here.\n";
    out += "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n\n";
    out += "namespace edustack_smoke {\n\n";
    out += "std::size_t shard_" + std::to_string(k) + "(edustack::core::Stack& stack) {\n";
    out += "  namespace core = edustack::core;\n";
    std::size_t count = 0;
    for (std::size_t i = k; i < models.size(); i += shards) {
      const TypeModel& model = models[i];
      const std::string type = model.cpp_namespace + "::" + model.class_name;
      const std::string id = std::string(model.kind == Kind::data_source ? "d_"
                                         : model.kind == Kind::ephemeral ? "e_"
                                                                         : "r_") +
                             model.file_stem;
      // Block structs are named unqualified in the samples.
      out += "  {\n    using namespace " + model.cpp_namespace + ";\n";
      out += "    stack.make<" + type + ">(\"" + id + "\"";
      if (model.has_required) {
        out += ", " + model.cpp_namespace + "::" + model.config.struct_name + "{";
        bool first = true;
        for (const Field& field : model.config.fields) {
          if (field.sample.empty()) continue;
          out += std::string(first ? "" : ", ") + "." + field.cpp_name + " = " + field.sample;
          first = false;
        }
        out += "}";
      }
      out += ");\n  }\n";
      ++count;
    }
    out += "  return " + std::to_string(count) + ";\n}\n\n}  // namespace edustack_smoke\n";
  }
  // The last file: smoke_shards.hpp, declaring the shards and running them all.
  std::string header = std::string(kGeneratedMarker) + ": the shards of the smoke app.\n";
  header += "#pragma once\n\n#include <cstddef>\n\n#include \"edustack/core/stack.hpp\"\n\n";
  header += "namespace edustack_smoke {\n\n";
  for (std::size_t k = 0; k < shards; ++k) {
    header += "std::size_t shard_" + std::to_string(k) + "(edustack::core::Stack& stack);\n";
  }
  header += "\n// One instance of every type in `stack`; returns how many.\n";
  header += "inline std::size_t make_every_type(edustack::core::Stack& stack) {\n";
  header += "  std::size_t count = 0;\n";
  for (std::size_t k = 0; k < shards; ++k) {
    header += "  count += shard_" + std::to_string(k) + "(stack);\n";
  }
  header += "  return count;\n}\n\n}  // namespace edustack_smoke\n";
  files.push_back(std::move(header));
  return files;
}

}  // namespace edustack::gen
