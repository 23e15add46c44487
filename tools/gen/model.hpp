#pragma once

// The generator's view of a provider schema: what becomes a C++ struct, field or accessor.
// Built from the `terraform providers schema -json` document by build_model(); printed by the
// emitters in emit.cpp. Everything here is plain data so the emitters stay simple.

#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>
#include <vector>

namespace edustack::gen {

enum class Kind { resource, data_source, ephemeral, provider };

// How a type is written in a types file and where its header goes: "data." / "data/",
// "ephemeral." / "ephemeral/", nothing for resources (and the provider configuration).
inline const char* kind_prefix(Kind kind) {
  return kind == Kind::data_source ? "data." : kind == Kind::ephemeral ? "ephemeral." : "";
}
inline const char* kind_dir(Kind kind) {
  return kind == Kind::data_source ? "data/" : kind == Kind::ephemeral ? "ephemeral/" : "";
}

// How a config field is serialized (and so which helper the generated source calls).
enum class Emit {
  argument,            // core::String / Number / Bool / List / Map: emitted when set
  value,               // core::Value: emitted when not null
  object,              // OptionalBlock<Block>, nesting single: emitted as an object
  required_object,     // core::Required<Block>, nesting single
  list_item,           // OptionalBlock<Block>, list/set with max_items 1: emitted as [object]
  required_list_item,  // core::Required<Block>, list/set with max_items 1 and min_items 1
  list,                // core::BlockList<Block>: emitted as an array when not empty
  required_list,       // core::Required<core::BlockList<Block>>: always emitted
  map,                 // std::map<std::string, Block>: emitted as an object of objects
  required_map,        // core::Required<std::map<std::string, Object>>: always emitted
  object_list,         // core::ObjectList<Object>: emitted as an array when set (even empty)
  none,                // not an argument (a provider configuration's alias)
};

struct Field {
  std::string terraform_name;  // as in the schema
  std::string cpp_name;        // terraform_name, plus '_' when it is a keyword or macro name
  std::string cpp_type;        // the declared type
  std::string comment;         // short trailing comment ("sensitive", "computed when unset")
  Emit emit = Emit::argument;
  bool deprecated = false;
  bool required = false;
  // An attribute typed as a generated struct (object type, collection of objects, nested_type).
  bool object_attribute = false;
  // A member of a plain object type: Terraform wants every member present, so an unset one is
  // written as null.
  bool null_when_unset = false;
  // A C++ expression of a valid value when the schema requires the field (a required argument,
  // including untyped ones, or a block with min_items >= 1); empty otherwise. The smoke app
  // (`--smoke`) fills exactly these.
  std::string sample;
};

struct Block {
  std::string struct_name;  // S3BucketLifecycleConfigurationRuleFilter
  std::string path;         // rule.filter ("" for the top-level config struct)
  std::string nesting;      // single, list, set, map, group ("" for the config struct)
  // The struct of an attribute's object type ("object") or of a nested_type's attributes
  // ("nested"), not of a block.
  std::string object_kind;
  std::vector<Field> fields;
  // Set when an earlier struct of the same type has this one's shape (merge_identical_shapes):
  // the header then declares `using <struct_name> = <alias_of>;`, no struct and no serializer.
  std::string alias_of;
};

// A typed attribute reference: `core::StringExpr arn() const`.
struct Accessor {
  std::string terraform_name;
  std::string cpp_name;   // terraform_name, plus '_' when it clashes with a keyword or member
  std::string expr_type;  // core::StringExpr, core::ListExpr<std::string>, core::Expression
  std::string literal;    // the Expr<T> argument (std::string, double, ...); empty if untyped
  bool deprecated = false;
  bool sensitive = false;
};

struct TypeModel {
  Kind kind = Kind::resource;
  std::string terraform_type;  // aws_s3_bucket
  std::string class_name;      // S3Bucket
  std::string file_stem;       // s3_bucket
  std::string cpp_namespace;   // edustack::aws or edustack::aws::data
  std::string include_path;    // edustack/aws/s3_bucket.hpp (as written in #include)
  std::vector<Block> blocks;   // nested block structs, innermost first (declaration order)
  Block config;                // the top-level config struct (struct_name = ClassConfig)
  std::vector<Accessor> accessors;
  bool has_required = false;      // the constructor's config argument has no default then
  bool has_tags = false;          // a settable top-level `tags` of type map(string)
  bool uses_map_blocks = false;   // needs <map> beyond what core headers give
  bool uses_object_list = false;  // needs edustack/core/object_list.hpp
  bool uses_block_list = false;   // needs edustack/core/block_list.hpp
  // Names of the required fields (any struct): each gets a tag type `required::<name>`, which
  // core::Required carries so that a compile error for a left-out field names it.
  std::set<std::string> required_tags;
  long schema_version = 0;
};

struct GenOptions {
  std::string provider_address = "registry.terraform.io/hashicorp/aws";
  std::string provider_name;       // "aws": the type prefix (aws_) and the namespace
  std::string include_prefix;      // "edustack/aws": how generated headers are included
  std::string provider_version;    // from the schema document, for the header comment
  bool header_only = false;        // serializers inline in the header, no source file
  std::string version_constraint;  // the provider class's required_providers version
  std::string cpp_name;            // the namespace below edustack:: (default provider_name)
};

// One type requested in the list file: `aws_vpc` or `data.aws_region`.
struct TypeRequest {
  Kind kind = Kind::resource;
  std::string terraform_type;
};

// Builds the model of the requested types. Names of nested block structs are chosen against
// every type of the schema (not only the requested ones), so adding a type to the list never
// renames the structs of another. Throws std::runtime_error with a readable message.
std::vector<TypeModel> build_model(const nlohmann::json& provider_schema,
                                   const std::vector<TypeRequest>& requests,
                                   const GenOptions& options);

// The model of the provider configuration block (`provider_block` holds "block"): class
// Provider, struct ProviderConfig (with a literal `alias` field), nested block structs named
// against the types of `provider_schema` so they never clash with a generated type.
TypeModel build_provider_model(const nlohmann::json& provider_schema,
                               const nlohmann::json& provider_block, const GenOptions& options);

// One struct per distinct nested shape within a type: a block whose members (names, declared
// types with nested structs resolved to their first equal, serializer kinds, flags and notes)
// and nesting equal those of an earlier block of `model.blocks` becomes an alias of that one
// (Block::alias_of). build_model applies it to every type. Returns how many became aliases.
std::size_t merge_identical_shapes(TypeModel& model);

// Identifier helpers, exposed for tests and documentation.
std::string pascal_case(const std::string& snake);
bool is_cpp_reserved(const std::string& name);

}  // namespace edustack::gen
