#pragma once

// Typed bindings of a Terraform module: its interface (variable and output blocks) read from the
// .tf and .tf.json files at the top of the module directory, then a header with an inputs
// struct (required inputs are core::Required fields) and a core::Module subclass with typed
// output accessors. See docs/modules-and-iterators.md.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace edustack::gen {

struct ModuleVariable {
  std::string name;
  std::string type;           // the type constraint as written ("map(string)"); empty: any
  bool has_default = false;   // no default: a required input
  std::string default_text;   // as written, for the comment
  bool default_null = false;  // default = null
  bool sensitive = false;
  bool nullable = true;
  std::string description;
};

struct ModuleOutput {
  std::string name;
  std::string value;  // the expression as written, without "${" "}" for .tf.json
  bool sensitive = false;
  std::string description;
};

struct ModuleInterface {
  std::vector<ModuleVariable> variables;  // sorted by name
  std::vector<ModuleOutput> outputs;      // sorted by name
};

// Reads the interface from the directory's *.tf and *.tf.json files (not subdirectories).
// Throws std::runtime_error naming the file and line on what the small reader cannot parse.
ModuleInterface read_module_interface(const std::string& directory);
// The reader for one HCL file's text (exposed for tests).
void read_hcl_interface(const std::string& text, const std::string& file, ModuleInterface& out);

// The C++ field type of a variable's type constraint: core::String, core::List<core::Number>,
// core::Map<core::String>, ...; core::Value for object, tuple, any and what it does not know.
std::string field_type(const std::string& type_constraint);

// The header: `struct <Class>Inputs`, `to_inputs()`, `class <Class> : public core::Module`.
// provider_schema (may be null) types outputs that are a resource attribute
// (aws_vpc.this.id -> core::StringExpr); outputs that are a variable take its type.
std::string emit_module_header(const ModuleInterface& module, const std::string& class_name,
                               const std::string& cpp_namespace, const std::string& module_name,
                               const nlohmann::json* provider_schema);

// `edustack-gen module ...`: returns the exit status.
int module_main(int argc, char** argv);

}  // namespace edustack::gen
