#pragma once

// A provider schema in the format `terraform providers schema -json` prints, loaded for offline
// validation. Loading indexes the file without building the whole document: each resource or
// data source schema is decoded the first time it is looked up, then cached.

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/error.hpp"

namespace edustack::schema {

// The schema file is not in the expected format, or one of its schemas is malformed.
// id() is "schema.malformed"; a file that cannot be read raises edustack::IoError
// ("schema.read_failed") instead.
class SchemaError : public Error {
 public:
  using Error::Error;
};

// A Terraform type constraint: "string", ["list", "string"], ["object", {...}], ...
struct Type {
  enum class Kind { dynamic, string, number, boolean, list, set, map, object, tuple };
  Kind kind = Kind::dynamic;
  // list, set, map: one element type. tuple: one per position. object: one per attribute, in
  // the order of attribute_names.
  std::vector<Type> elements;
  std::vector<std::string> attribute_names;      // object only, sorted
  std::vector<std::string> optional_attributes;  // object only: attributes that may be omitted

  bool is_primitive() const noexcept {
    return kind == Kind::string || kind == Kind::number || kind == Kind::boolean;
  }
  // Terraform syntax: "list(string)", "map(number)", "object({a=string,b=bool})".
  std::string to_string() const;
};

enum class NestingMode { single, group, list, set, map };
std::string_view to_string(NestingMode mode) noexcept;

struct Block;

struct Attribute {
  Type type;
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool deprecated = false;
  bool write_only = false;
  // Nested attributes (protocol 6 "nested_type"): the value is an object, or a collection of
  // objects, whose attributes are described by `nested` instead of `type`.
  std::shared_ptr<const Block> nested;
  NestingMode nested_mode = NestingMode::single;

  // Can be set in configuration (computed-only attributes cannot).
  bool settable() const noexcept { return required || optional; }
};

struct BlockType {
  NestingMode nesting = NestingMode::list;
  std::size_t min_items = 0;
  std::size_t max_items = 0;  // 0: no limit
  std::shared_ptr<const Block> block;
};

struct Block {
  std::map<std::string, Attribute, std::less<>> attributes;
  std::map<std::string, BlockType, std::less<>> block_types;
  bool deprecated = false;

  const Attribute* find_attribute(std::string_view name) const;
  const BlockType* find_block_type(std::string_view name) const;
};

enum class ElementKind { resource, data_source, ephemeral_resource };

// The answer to "which schema describes this type".
struct Lookup {
  enum class Status {
    no_provider,          // no provider in the file serves the type's prefix: not checkable
    unknown_type,         // the provider exists but has no such type
    schema_not_included,  // the file names the type in schemas_not_included
    found,
  };
  Status status = Status::no_provider;
  std::string provider;  // the provider's source, when one serves the type
  const Block* block = nullptr;
};

class ProviderSchema {
 public:
  // Reads a schema file. Throws IoError when it cannot be read (missing, a directory, a FIFO or
  // anything else that is not a regular file: never blocks), SchemaError when it is not JSON or
  // not in the `terraform providers schema -json` format.
  static ProviderSchema load(const std::filesystem::path& path);
  // Several files as one schema, as `terraform providers schema -json` prints every provider of
  // a configuration in one document (say one file per provider). A provider in two of them is a
  // SchemaError "schema.duplicate_provider"; origin() names them all, joined by " + ".
  static ProviderSchema load(const std::vector<std::filesystem::path>& paths);
  // The same from a document in memory; origin names it in error messages.
  static ProviderSchema parse(std::string document, std::string origin = "<string>");

  ProviderSchema(ProviderSchema&&) noexcept;
  ProviderSchema& operator=(ProviderSchema&&) noexcept;
  ~ProviderSchema();

  // Provider sources in the file, sorted: "registry.terraform.io/hashicorp/aws".
  std::vector<std::string> providers() const;
  // Whether the file holds the provider: "aws", "hashicorp/aws" or the full source.
  bool has_provider(std::string_view source) const;
  std::string provider_version(std::string_view source) const;  // empty when not recorded
  std::vector<std::string> resource_types(std::string_view source) const;
  std::vector<std::string> data_source_types(std::string_view source) const;

  // The provider that serves a type: its source when source_hint names a provider in the file
  // (a stack's required_providers), otherwise the provider whose type name (the last segment of
  // its source) is the type's prefix: aws_vpc -> .../hashicorp/aws.
  Lookup lookup(ElementKind kind, std::string_view type, std::string_view source_hint = {}) const;
  const Block* resource(std::string_view type) const;
  const Block* data_source(std::string_view type) const;
  // The provider configuration block, when the file has one ("provider" key); nullptr otherwise.
  const Block* provider_config(std::string_view source) const;

  // Decodes every schema in the file now (lookups do it lazily). Throws SchemaError on the
  // first malformed one.
  void decode_all() const;

  const std::string& origin() const noexcept;

 private:
  struct Impl;
  explicit ProviderSchema(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace edustack::schema
