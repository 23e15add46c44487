#include "model.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace edustack::gen {
namespace {

using nlohmann::json;

// C++ keywords and alternative tokens, plus macro names the C and POSIX headers may define.
const std::set<std::string, std::less<>>& reserved_identifiers() {
  static const std::set<std::string, std::less<>> names = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
      "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
      "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
      "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
      "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
      "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
      "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
      "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
      "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      // Macros: <sys/sysmacros.h> (major, minor), GNU dialects (linux, unix), <cerrno>, ...
      "major", "minor", "makedev", "linux", "unix", "errno", "assert", "stdin", "stdout", "stderr",
      "NULL", "EOF", "TRUE", "FALSE", "DOMAIN", "OVERFLOW", "UNDERFLOW"};
  return names;
}

// Members a generated class inherits from core::Resource / core::DataSource (and Construct),
// or declares itself: an attribute accessor with one of these names gets a trailing '_'.
const std::set<std::string, std::less<>>& class_member_names() {
  static const std::set<std::string, std::less<>> names = {"node",
                                                           "logical_id",
                                                           "override_logical_id",
                                                           "address",
                                                           "id_namespace",
                                                           "add_override",
                                                           "add_deletion_override",
                                                           "synthesize",
                                                           "stack",
                                                           "terraform_type",
                                                           "add_dependency",
                                                           "set_count",
                                                           "set_for_each",
                                                           "set_provider",
                                                           "provider",
                                                           "options",
                                                           "attribute",
                                                           "attribute_as",
                                                           "body",
                                                           "tags_argument",
                                                           "set_lifecycle",
                                                           "import_from",
                                                           "moved_from",
                                                           "moved_from_path",
                                                           "make",
                                                           "validate",
                                                           "config",
                                                           "arguments",
                                                           "fragments",
                                                           "cfg"};
  return names;
}

struct Mapped {
  std::string config_type;  // core::String, core::List<core::Number>, core::Value
  std::string literal;      // std::string, std::vector<double>; empty when untyped
  bool typed = false;
};

// A Terraform type expression ("string", ["list", "string"], ["object", {...}], "dynamic").
Mapped map_type(const json& type) {
  if (type.is_string()) {
    const std::string& name = type.get_ref<const std::string&>();
    if (name == "string") return {"core::String", "std::string", true};
    if (name == "number") return {"core::Number", "double", true};
    if (name == "bool") return {"core::Bool", "bool", true};
    return {"core::Value", "", false};  // dynamic
  }
  if (type.is_array() && type.size() == 2 && type[0].is_string()) {
    const std::string& collection = type[0].get_ref<const std::string&>();
    if (collection == "list" || collection == "set" || collection == "map") {
      Mapped element = map_type(type[1]);
      if (!element.typed) return {"core::Value", "", false};
      if (collection == "map") {
        return {"core::Map<" + element.config_type + ">",
                "std::map<std::string, " + element.literal + ">", true};
      }
      return {"core::List<" + element.config_type + ">", "std::vector<" + element.literal + ">",
              true};
    }
  }
  return {"core::Value", "", false};  // object, tuple
}

// Samples for the smoke app: a valid C++ value of a Terraform type, typed (the config field's
// own type) or as a core::Value.
std::string value_sample(const json& type);

std::string typed_sample(const json& type, const std::string& config_type) {
  if (type.is_string()) {
    const std::string& name = type.get_ref<const std::string&>();
    if (name == "number") return config_type + "(1.0)";
    if (name == "bool") return config_type + "(true)";
    return config_type + "(\"x\")";
  }
  const std::string& collection = type[0].get_ref<const std::string&>();
  const std::string element = map_type(type[1]).config_type;
  if (collection == "map") return config_type + "{{\"k\", " + typed_sample(type[1], element) + "}}";
  return config_type + "{" + typed_sample(type[1], element) + "}";
}

std::string value_sample(const json& type) {
  if (type.is_string()) {
    const std::string& name = type.get_ref<const std::string&>();
    if (name == "number") return "core::Value(1.0)";
    if (name == "bool") return "core::Value(true)";
    return "core::Value(\"x\")";  // string, dynamic
  }
  if (!type.is_array() || type.empty() || !type[0].is_string()) return "core::Value(\"x\")";
  const std::string& kind = type[0].get_ref<const std::string&>();
  if ((kind == "list" || kind == "set") && type.size() >= 2) {
    return "core::Value(core::Value::List{" + value_sample(type[1]) + "})";
  }
  if (kind == "map" && type.size() >= 2) {
    return "core::Value(core::Value::Object{{\"k\", " + value_sample(type[1]) + "}})";
  }
  if (kind == "object" && type.size() >= 2 && type[1].is_object()) {
    std::string out = "core::Value(core::Value::Object{";
    bool first = true;
    for (const auto& [name, member] : type[1].items()) {
      out += std::string(first ? "" : ", ") + "{\"" + name + "\", " + value_sample(member) + "}";
      first = false;
    }
    return out + "})";
  }
  if (kind == "tuple" && type.size() >= 2 && type[1].is_array()) {
    std::string out = "core::Value(core::Value::List{";
    bool first = true;
    for (const auto& member : type[1]) {
      out += std::string(first ? "" : ", ") + value_sample(member);
      first = false;
    }
    return out + "})";
  }
  return "core::Value(\"x\")";
}

std::string expr_type_for(const Mapped& mapped) {
  if (!mapped.typed) return "core::Expression";
  if (mapped.literal == "std::string") return "core::StringExpr";
  if (mapped.literal == "double") return "core::NumberExpr";
  if (mapped.literal == "bool") return "core::BoolExpr";
  // Collections of primitives use the aliases: core::ListExpr<std::string>.
  for (const char* element : {"std::string", "double", "bool"}) {
    if (mapped.literal == "std::vector<" + std::string(element) + ">") {
      return "core::ListExpr<" + std::string(element) + ">";
    }
    if (mapped.literal == "std::map<std::string, " + std::string(element) + ">") {
      return "core::MapExpr<" + std::string(element) + ">";
    }
  }
  return "core::Expr<" + mapped.literal + ">";
}

bool flag(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

long number_or(const json& object, const char* key, long fallback) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<long>() : fallback;
}

std::string field_name(const std::string& name) {
  return is_cpp_reserved(name) ? name + "_" : name;
}

std::string accessor_name(const std::string& name) {
  return is_cpp_reserved(name) || class_member_names().count(name) ? name + "_" : name;
}

std::string type_stem(const std::string& terraform_type, const std::string& prefix) {
  // A type named like its provider (data "external", data "http"): the name is the stem.
  if (terraform_type + "_" == prefix) return terraform_type;
  if (terraform_type.rfind(prefix, 0) != 0 || terraform_type.size() == prefix.size()) {
    throw std::runtime_error("type '" + terraform_type + "' does not start with '" + prefix + "'");
  }
  return terraform_type.substr(prefix.size());
}

// The object type of `t` when it is one (["object", {...}] with an optional third element) or
// a list, set or map of one; nullptr otherwise (primitives, dynamic, tuples, and collections of
// collections of objects, which stay core::Value).
const json* object_of(const json& t) {
  auto is_object = [](const json& x) {
    return x.is_array() && x.size() >= 2 && x[0] == "object" && x[1].is_object();
  };
  if (is_object(t)) return &t;
  if (t.is_array() && t.size() == 2 && (t[0] == "list" || t[0] == "set" || t[0] == "map") &&
      is_object(t[1])) {
    return &t[1];
  }
  return nullptr;
}

// Chooses the struct names of nested blocks for one kind (resources or data sources) over the
// whole schema. A block struct is <Class><Block>...; when that equals a class or config struct
// name of the same namespace it gets the suffix "Block" (aws_s3_bucket's `versioning` block is
// S3BucketVersioningBlock, since S3BucketVersioning is the aws_s3_bucket_versioning class), and
// nested blocks extend the final name of their parent.
class BlockNamer {
 public:
  BlockNamer(const json& schemas, const std::string& prefix) {
    for (const auto& [type, schema] : schemas.items()) {
      if (type.rfind(prefix, 0) != 0 && type + "_" != prefix) continue;
      std::string name = pascal_case(type_stem(type, prefix));
      used_.insert(name);
      used_.insert(name + "Config");
    }
    // Sorted iteration (nlohmann::json objects are ordered maps) keeps the result stable.
    for (const auto& [type, schema] : schemas.items()) {
      if (type.rfind(prefix, 0) != 0 && type + "_" != prefix) continue;
      if (!schema.contains("block")) continue;
      assign(type, "", pascal_case(type_stem(type, prefix)), schema["block"]);
    }
    // Then the structs of object-typed attributes, after every block, so that typing objects
    // never renamed a block struct: the same rules, a clash adds "Block".
    for (const auto& [type, schema] : schemas.items()) {
      if (type.rfind(prefix, 0) != 0 && type + "_" != prefix) continue;
      if (!schema.contains("block")) continue;
      assign_objects(type, "", pascal_case(type_stem(type, prefix)), schema["block"]);
    }
  }

  const std::string& name(const std::string& type, const std::string& path) const {
    return names_.at(type + "#" + path);
  }

 private:
  void assign(const std::string& type, const std::string& path, const std::string& parent,
              const json& block) {
    auto types = block.find("block_types");
    if (types == block.end()) return;
    for (const auto& [block_name, block_type] : types->items()) {
      std::string name = parent + pascal_case(block_name);
      while (used_.count(name)) name += "Block";
      used_.insert(name);
      std::string child_path = path.empty() ? block_name : path + "." + block_name;
      names_[type + "#" + child_path] = name;
      if (block_type.contains("block")) assign(type, child_path, name, block_type["block"]);
    }
  }

  std::string claim(const std::string& type, const std::string& path, std::string name) {
    while (used_.count(name)) name += "Block";
    used_.insert(name);
    names_[type + "#" + path] = name;
    return name;
  }

  // The settable attributes of a block (or of a nested_type) and, recursively, its blocks.
  void assign_objects(const std::string& type, const std::string& path, const std::string& parent,
                      const json& block) {
    if (auto attributes = block.find("attributes"); attributes != block.end()) {
      for (const auto& [name, attribute] : attributes->items()) {
        if (!flag(attribute, "required") && !flag(attribute, "optional")) continue;
        const std::string child = path.empty() ? name : path + "." + name;
        if (auto nested = attribute.find("nested_type"); nested != attribute.end()) {
          assign_objects(type, child, claim(type, child, parent + pascal_case(name)), *nested);
        } else if (auto t = attribute.find("type"); t != attribute.end()) {
          assign_type(type, child, parent + pascal_case(name), *t);
        }
      }
    }
    if (auto types = block.find("block_types"); types != block.end()) {
      for (const auto& [name, block_type] : types->items()) {
        const std::string child = path.empty() ? name : path + "." + name;
        if (block_type.contains("block")) {
          assign_objects(type, child, names_.at(type + "#" + child), block_type["block"]);
        }
      }
    }
  }

  // An object type gets a struct; a list, set or map of objects names its element's.
  void assign_type(const std::string& type, const std::string& path, const std::string& candidate,
                   const json& t) {
    const json* object = object_of(t);
    if (!object) return;
    const std::string name = claim(type, path, candidate);
    for (const auto& [member, member_type] : (*object)[1].items()) {
      assign_type(type, path + "." + member, name + pascal_case(member), member_type);
    }
  }

  std::set<std::string> used_;
  std::map<std::string, std::string> names_;
};

class TypeBuilder {
 public:
  TypeBuilder(TypeModel& model, const BlockNamer& namer) : model_(model), namer_(namer) {}

  // core::Required<type, required::name>, the tag recorded for the header to declare.
  std::string required_type(const std::string& type, const std::string& cpp_name) {
    model_.required_tags.insert(cpp_name);
    return "core::Required<" + type + ", required::" + cpp_name + ">";
  }

  // Fills `out` with the fields of `block`; nested block structs are appended to
  // model_.blocks innermost first, so every struct is complete where it is used.
  void fields(const json& block, const std::string& path, bool top_level, Block& out) {
    std::map<std::string, Field> sorted;  // attributes and blocks share one alphabetical order
    if (auto attributes = block.find("attributes"); attributes != block.end()) {
      for (const auto& [name, attribute] : attributes->items()) {
        if (auto field = attribute_field(name, attribute, top_level, path)) {
          sorted.emplace(name, std::move(*field));
        }
      }
    }
    if (auto types = block.find("block_types"); types != block.end()) {
      for (const auto& [name, block_type] : types->items()) {
        sorted.emplace(name, block_field(name, block_type, path));
      }
    }
    for (auto& [name, field] : sorted) {
      if (top_level && field.required) model_.has_required = true;
      out.fields.push_back(std::move(field));
    }
  }

 private:
  std::optional<Field> attribute_field(const std::string& name, const json& attribute,
                                       bool top_level, const std::string& parent) {
    const bool required = flag(attribute, "required");
    const bool optional = flag(attribute, "optional");
    if (!required && !optional) return std::nullopt;  // computed only: read it, never set it
    // Setting a resource's id is never meaningful (Terraform assigns it); data sources keep an
    // optional id, since for them it is a filter (data.aws_vpc with id = "vpc-...").
    if (top_level && model_.kind != Kind::data_source && name == "id" && !required) {
      return std::nullopt;
    }
    const std::string path = parent.empty() ? name : parent + "." + name;
    std::optional<Field> object;
    if (auto nested = attribute.find("nested_type"); nested != attribute.end()) {
      object = nested_field(name, *nested, path, required);
    } else if (auto t = attribute.find("type"); t != attribute.end()) {
      object = object_field(name, *t, path, required, required);
    }
    if (object) {
      object->deprecated = flag(attribute, "deprecated");
      std::vector<std::string> notes;
      if (flag(attribute, "sensitive")) notes.push_back("sensitive");
      if (flag(attribute, "write_only")) notes.push_back("write-only");
      for (const auto& note : notes) object->comment += ", " + note;
      return object;
    }
    Mapped mapped = attribute.contains("type") ? map_type(attribute["type"]) : Mapped{};
    Field field;
    field.terraform_name = name;
    field.cpp_name = field_name(name);
    field.required = required;
    field.deprecated = flag(attribute, "deprecated");
    field.emit = mapped.typed ? Emit::argument : Emit::value;
    if (required && mapped.typed) {
      field.cpp_type = required_type(mapped.config_type, field.cpp_name);
    } else {
      field.cpp_type = mapped.config_type;
      field.required = false;  // core::Value has no Required form; the validator checks it
    }
    std::vector<std::string> notes;
    if (required && !mapped.typed) notes.push_back("required");
    if (flag(attribute, "sensitive")) notes.push_back("sensitive");
    if (flag(attribute, "write_only")) notes.push_back("write-only");
    for (const auto& note : notes) {
      field.comment += field.comment.empty() ? note : ", " + note;
    }
    if (required) {
      if (mapped.typed) {
        field.sample = typed_sample(attribute["type"], mapped.config_type);
      } else {
        field.sample = value_sample(attribute.value("type", json("dynamic")));
      }
    }
    if (top_level && name == "tags" && field.cpp_type == "core::Map<core::String>") {
      model_.has_tags = true;
    }
    return field;
  }

  // A struct literal of `block` with the samples of its members: S{.a = ..., .b = ...}.
  static std::string struct_sample(const Block& block) {
    std::string sample = block.struct_name + "{";
    bool first = true;
    for (const Field& member : block.fields) {
      if (member.sample.empty()) continue;
      sample += std::string(first ? "" : ", ") + "." + member.cpp_name + " = " + member.sample;
      first = false;
    }
    return sample + "}";
  }

  // The field of an object-typed attribute or object member: `collection` is single, list,
  // set or map; `s` the struct of one object. Required ones are core::Required (a list or a
  // map is always emitted then); an optional list or set is a core::ObjectList (unset or a
  // list, possibly empty), an optional single object an OptionalBlock. `sample` asks for a
  // sample (smoke app) even when the field is not required.
  Field collection_field(const std::string& name, const std::string& collection, const Block& s,
                         bool required, bool sample, long min_items) {
    const std::string& type = s.struct_name;
    Field field;
    field.terraform_name = name;
    field.cpp_name = field_name(name);
    field.object_attribute = true;
    field.required = required;
    std::string one = struct_sample(s);
    if (collection == "single") {
      field.emit = required ? Emit::required_object : Emit::object;
      field.cpp_type =
          required ? required_type(type, field.cpp_name) : "OptionalBlock<" + type + ">";
      field.comment = "object";
      if (sample) field.sample = one;
    } else if (collection == "map") {
      field.emit = required ? Emit::required_map : Emit::map;
      const std::string map = "std::map<std::string, " + type + ">";
      field.cpp_type = required ? required_type(map, field.cpp_name) : map;
      field.comment = "map of objects";
      model_.uses_map_blocks = true;
      if (sample) field.sample = map + "{{\"k\", " + one + "}}";
    } else {
      field.emit = required ? Emit::required_list : Emit::object_list;
      field.cpp_type = required ? required_type("core::BlockList<" + type + ">", field.cpp_name)
                                : "core::ObjectList<" + type + ">";
      field.comment = collection + " of objects";
      if (required) {
        model_.uses_block_list = true;
      } else {
        model_.uses_object_list = true;
      }
      std::string samples = one;
      for (long i = 1; i < min_items; ++i) samples += ", " + one;
      if (sample) {
        field.sample =
            (required ? "core::BlockList<" + type + ">{" : field.cpp_type + "{") + samples + "}";
      }
    }
    if (min_items > 0) field.comment += ", at least " + std::to_string(min_items);
    return field;
  }

  // An attribute (or object member) of type object or list / set / map of objects; nullopt for
  // any other type. A plain object type's members are all present in Terraform's value: an
  // unset member is written as null (members its third element lists optional are left out).
  std::optional<Field> object_field(const std::string& name, const json& t, const std::string& path,
                                    bool required, bool sample) {
    const json* object = object_of(t);
    if (!object) return std::nullopt;
    Block s;
    s.struct_name = namer_.name(model_.terraform_type, path);
    s.path = path;
    s.nesting = "object";
    s.object_kind = "object";
    std::set<std::string> optional_members;
    if (object->size() >= 3 && (*object)[2].is_array()) {
      for (const auto& member : (*object)[2]) {
        if (member.is_string()) optional_members.insert(member.get<std::string>());
      }
    }
    for (const auto& [member, member_type] : (*object)[1].items()) {
      const bool optional_member = optional_members.count(member) > 0;
      Field field;
      if (auto nested =
              object_field(member, member_type, path + "." + member, false, !optional_member)) {
        field = std::move(*nested);
      } else {
        Mapped mapped = map_type(member_type);
        field.terraform_name = member;
        field.cpp_name = field_name(member);
        field.cpp_type = mapped.config_type;
        field.emit = mapped.typed ? Emit::argument : Emit::value;
        if (!optional_member) {
          field.sample = mapped.typed ? typed_sample(member_type, mapped.config_type)
                                      : value_sample(member_type);
        }
      }
      field.null_when_unset = !optional_member;
      s.fields.push_back(std::move(field));
    }
    const std::string collection = t[0] == "object" ? "single" : t[0].get<std::string>();
    Field field = collection_field(name, collection, s, required, sample, 0);
    model_.blocks.push_back(std::move(s));
    return field;
  }

  // A nested attribute type (`nested_type`): a struct of its attributes, each with its own
  // required / optional / computed flags; nesting single, list, set or map.
  Field nested_field(const std::string& name, const json& nested, const std::string& path,
                     bool required) {
    Block s;
    s.struct_name = namer_.name(model_.terraform_type, path);
    s.path = path;
    s.nesting = nested.value("nesting_mode", "single");
    s.object_kind = "nested";
    json attributes_only = json::object();
    if (auto attributes = nested.find("attributes"); attributes != nested.end()) {
      attributes_only["attributes"] = *attributes;
    }
    fields(attributes_only, path, false, s);
    const long min_items = number_or(nested, "min_items", 0);
    const bool needed = required || min_items >= 1;
    std::string collection = s.nesting == "list" || s.nesting == "set" || s.nesting == "map"
                                 ? s.nesting
                                 : std::string("single");
    Field field = collection_field(name, collection, s, needed, needed, min_items);
    model_.blocks.push_back(std::move(s));
    return field;
  }

  Field block_field(const std::string& name, const json& block_type, const std::string& parent) {
    const std::string path = parent.empty() ? name : parent + "." + name;
    Block nested;
    nested.struct_name = namer_.name(model_.terraform_type, path);
    nested.path = path;
    nested.nesting = block_type.value("nesting_mode", "list");
    const json empty = json::object();
    const json& body = block_type.contains("block") ? block_type["block"] : empty;
    fields(body, path, false, nested);

    const long min_items = number_or(block_type, "min_items", 0);
    const long max_items = number_or(block_type, "max_items", 0);
    const std::string& s = nested.struct_name;
    Field field;
    field.terraform_name = name;
    field.cpp_name = field_name(name);
    // A deprecated block is flagged on its block, not on the block type.
    field.deprecated = flag(block_type, "deprecated") || flag(body, "deprecated");
    field.required = min_items >= 1;
    if (nested.nesting == "single" || nested.nesting == "group") {
      field.emit = field.required ? Emit::required_object : Emit::object;
      field.cpp_type =
          field.required ? required_type(s, field.cpp_name) : "OptionalBlock<" + s + ">";
    } else if (nested.nesting == "map") {
      field.required = false;
      field.emit = Emit::map;
      field.cpp_type = "std::map<std::string, " + s + ">";
      model_.uses_map_blocks = true;
    } else if (max_items == 1) {
      field.emit = field.required ? Emit::required_list_item : Emit::list_item;
      field.cpp_type =
          field.required ? required_type(s, field.cpp_name) : "OptionalBlock<" + s + ">";
    } else {
      field.emit = field.required ? Emit::required_list : Emit::list;
      field.cpp_type = field.required ? required_type("core::BlockList<" + s + ">", field.cpp_name)
                                      : "core::BlockList<" + s + ">";
      model_.uses_block_list = true;
    }
    if (field.required) {
      std::string sample = s + "{";
      bool first = true;
      for (const Field& member : nested.fields) {
        if (member.sample.empty()) continue;
        sample += std::string(first ? "" : ", ") + "." + member.cpp_name + " = " + member.sample;
        first = false;
      }
      sample += "}";
      // As many blocks as min_items asks for (aws_codepipeline wants two stages).
      std::string samples = sample;
      for (long i = 1; i < min_items; ++i) samples += ", " + sample;
      field.sample = field.emit == Emit::required_list
                         ? "core::BlockList<" + s + ">{" + samples + "}"
                         : sample;
    }
    std::string note = nested.nesting + " block";
    if (min_items > 0 || max_items > 0) {
      note += ", " + std::to_string(min_items) + ".." +
              (max_items > 0 ? std::to_string(max_items) : std::string("n")) + " items";
    }
    field.comment = note;
    model_.blocks.push_back(std::move(nested));
    return field;
  }

  TypeModel& model_;
  const BlockNamer& namer_;
};

void build_accessors(TypeModel& model, const json& block) {
  auto attributes = block.find("attributes");
  if (attributes == block.end()) return;
  for (const auto& [name, attribute] : attributes->items()) {
    // A write-only argument is never stored in state: a reference to it is always null.
    if (flag(attribute, "write_only")) continue;
    Mapped mapped = attribute.contains("type") ? map_type(attribute["type"]) : Mapped{};
    if (attribute.contains("nested_type")) mapped = {"core::Value", "", false};
    Accessor accessor;
    accessor.terraform_name = name;
    accessor.cpp_name = accessor_name(name);
    accessor.expr_type = expr_type_for(mapped);
    accessor.literal = mapped.literal;
    accessor.deprecated = flag(attribute, "deprecated");
    accessor.sensitive = flag(attribute, "sensitive");
    model.accessors.push_back(std::move(accessor));
  }
}

// Names the types the schema lacks. A schema copy can list types whose schema it left out
// (`schemas_not_included`): those are not misspellings, and the message says what to do.
std::string missing_types_message(const json& provider_schema,
                                  const std::vector<std::string>& missing,
                                  const GenOptions& options) {
  std::vector<std::string> left_out;
  if (auto it = provider_schema.find("schemas_not_included"); it != provider_schema.end()) {
    for (const auto& name : *it) {
      if (name.is_string()) left_out.push_back(name.get<std::string>());
    }
  }
  std::string unknown;
  std::string excluded;
  for (const auto& name : missing) {
    bool listed = std::find(left_out.begin(), left_out.end(), name) != left_out.end();
    (listed ? excluded : unknown) += " " + name;
  }
  std::string message;
  if (!unknown.empty())
    message += "not in the schema of " + options.provider_address + ":" + unknown;
  if (!excluded.empty()) {
    if (!message.empty()) message += "\n";
    message += "the schema file lists" + excluded +
               " as not included (`schemas_not_included`): this copy has no schema for them. "
               "Generate them from the real provider's schema: `terraform providers schema "
               "-json > schema.json` in a configuration that requires " +
               options.provider_address +
               ", then edustack-gen --schema schema.json "
               "(docs/generator.md, \"Types the schema copy lacks\")";
  }
  return message;
}

}  // namespace

std::string pascal_case(const std::string& snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_' || c == '-') {
      upper = true;
      continue;
    }
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out += c;
    upper = false;
  }
  return out;
}

bool is_cpp_reserved(const std::string& name) { return reserved_identifiers().count(name) > 0; }

namespace {

// `type` with every identifier found in `renamed` replaced by its value.
std::string rename_identifiers(const std::string& type,
                               const std::map<std::string, std::string>& renamed) {
  const auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  std::string out;
  std::size_t i = 0;
  while (i < type.size()) {
    if (!is_word(type[i])) {
      out += type[i++];
      continue;
    }
    std::size_t end = i;
    while (end < type.size() && is_word(type[end])) ++end;
    const std::string word = type.substr(i, end - i);
    auto it = renamed.find(word);
    out += it == renamed.end() ? word : it->second;
    i = end;
  }
  return out;
}

}  // namespace

std::size_t merge_identical_shapes(TypeModel& model) {
  std::map<std::string, std::string> renamed;  // an alias -> the struct it names
  std::map<std::string, std::string> first;    // a shape -> the first struct with it
  std::size_t merged = 0;
  // Innermost first: a block's nested structs are resolved before the block itself.
  for (Block& block : model.blocks) {
    std::string shape = block.nesting + "|" + block.object_kind + "\n";
    for (const Field& field : block.fields) {
      shape += field.terraform_name + "|" + field.cpp_name + "|" +
               rename_identifiers(field.cpp_type, renamed) + "|" + field.comment + "|" +
               std::to_string(static_cast<int>(field.emit)) + "|" + (field.deprecated ? "d" : "") +
               (field.required ? "r" : "") + (field.object_attribute ? "o" : "") +
               (field.null_when_unset ? "n" : "") + "\n";
    }
    auto [it, inserted] = first.emplace(shape, block.struct_name);
    if (inserted) continue;
    block.alias_of = it->second;
    renamed.emplace(block.struct_name, it->second);
    ++merged;
  }
  return merged;
}

std::vector<TypeModel> build_model(const json& provider_schema,
                                   const std::vector<TypeRequest>& requests,
                                   const GenOptions& options) {
  const std::string prefix = options.provider_name + "_";
  const json empty = json::object();
  const json& resources =
      provider_schema.contains("resource_schemas") ? provider_schema["resource_schemas"] : empty;
  const json& data_sources = provider_schema.contains("data_source_schemas")
                                 ? provider_schema["data_source_schemas"]
                                 : empty;
  const json& ephemerals = provider_schema.contains("ephemeral_resource_schemas")
                               ? provider_schema["ephemeral_resource_schemas"]
                               : empty;
  const BlockNamer resource_names(resources, prefix);
  const BlockNamer data_names(data_sources, prefix);
  const BlockNamer ephemeral_names(ephemerals, prefix);

  std::vector<TypeModel> models;
  std::vector<std::string> missing;
  for (const TypeRequest& request : requests) {
    const bool is_data = request.kind == Kind::data_source;
    const bool is_ephemeral = request.kind == Kind::ephemeral;
    const json& schemas = is_data ? data_sources : is_ephemeral ? ephemerals : resources;
    auto it = schemas.find(request.terraform_type);
    if (it == schemas.end() || !it->contains("block")) {
      missing.push_back(kind_prefix(request.kind) + request.terraform_type);
      continue;
    }
    TypeModel model;
    model.kind = request.kind;
    model.terraform_type = request.terraform_type;
    model.file_stem = type_stem(request.terraform_type, prefix);
    model.class_name = pascal_case(model.file_stem);
    model.cpp_namespace = "edustack::" + options.cpp_name +
                          (is_data        ? "::data"
                           : is_ephemeral ? "::ephemeral"
                                          : "");
    model.include_path =
        options.include_prefix + "/" + kind_dir(request.kind) + model.file_stem + ".hpp";
    model.schema_version = number_or(*it, "version", 0);
    model.config.struct_name = model.class_name + "Config";

    TypeBuilder builder(model, is_data        ? data_names
                               : is_ephemeral ? ephemeral_names
                                              : resource_names);
    builder.fields((*it)["block"], "", true, model.config);
    build_accessors(model, (*it)["block"]);
    merge_identical_shapes(model);
    models.push_back(std::move(model));
  }
  if (!missing.empty())
    throw std::runtime_error(missing_types_message(provider_schema, missing, options));
  return models;
}

TypeModel build_provider_model(const json& provider_schema, const json& provider_block,
                               const GenOptions& options) {
  const std::string prefix = options.provider_name + "_";
  // The provider block as one more type of the resource namespace, `<name>_provider`: its
  // block structs (ProviderAssumeRole, ...) are named against every resource type.
  json named = provider_schema.contains("resource_schemas") ? provider_schema["resource_schemas"]
                                                            : json::object();
  const std::string pseudo_type = prefix + "provider";
  named[pseudo_type] =
      provider_block.contains("block") ? provider_block : json{{"block", json::object()}};
  const BlockNamer names(named, prefix);

  TypeModel model;
  model.kind = Kind::provider;
  model.terraform_type = pseudo_type;
  model.file_stem = "provider";
  model.class_name = "Provider";
  model.cpp_namespace = "edustack::" + options.cpp_name;
  model.include_path = options.include_prefix + "/provider.hpp";
  model.schema_version = number_or(named[pseudo_type], "version", 0);
  model.config.struct_name = "ProviderConfig";
  TypeBuilder builder(model, names);
  builder.fields(named[pseudo_type]["block"], "", true, model.config);
  Field alias;
  alias.terraform_name = "alias";
  alias.cpp_name = "alias";
  alias.cpp_type = "std::string";
  alias.comment =
      "empty for the default configuration; resources select another with set_provider() (a "
      "literal: Terraform resolves provider configurations first)";
  alias.emit = Emit::none;
  auto at = std::find_if(model.config.fields.begin(), model.config.fields.end(),
                         [](const Field& field) { return field.terraform_name > "alias"; });
  model.config.fields.insert(at, std::move(alias));
  model.has_required = false;  // a provider's required arguments are checked by terraform
  for (Field& field : model.config.fields) {
    const std::string tag = ", required::" + field.cpp_name + ">";
    if (field.required && field.cpp_type.rfind("core::Required<", 0) == 0) {
      // Required provider arguments can come from the environment: never a compile error.
      field.cpp_type = field.cpp_type.substr(15, field.cpp_type.size() - 15 - tag.size());
      field.required = false;
      field.emit = field.emit == Emit::required_object      ? Emit::object
                   : field.emit == Emit::required_list_item ? Emit::list_item
                   : field.emit == Emit::required_list
                       ? (field.object_attribute ? Emit::object_list : Emit::list)
                   : field.emit == Emit::required_map ? Emit::map
                                                      : field.emit;
      if (field.emit == Emit::object || field.emit == Emit::list_item) {
        field.cpp_type = "OptionalBlock<" + field.cpp_type + ">";
      }
      if (field.emit == Emit::object_list) {  // core::BlockList<S> -> core::ObjectList<S>
        field.cpp_type = "core::ObjectList<" + field.cpp_type.substr(16);
        model.uses_object_list = true;
      }
    }
  }
  return model;
}

}  // namespace edustack::gen
