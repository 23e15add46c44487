#include "edustack/schema/validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "edustack/core/app.hpp"

namespace edustack::schema {

namespace {

using nlohmann::json;

// ---- small helpers ------------------------------------------------------------------------

bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_char(char c) {
  return is_identifier_start(c) || (c >= '0' && c <= '9') || c == '-';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_identifier(std::string_view s) {
  if (s.empty() || !is_identifier_start(s[0])) return false;
  return std::all_of(s.begin(), s.end(), is_identifier_char);
}

// Argument paths: rule[0].filter.prefix, tags["Cost Center"].
std::string member_path(const std::string& path, std::string_view key) {
  if (is_identifier(key)) return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  return fmt::format("{}[{}]", path, json(std::string(key)).dump());
}
std::string index_path(const std::string& path, std::size_t i) {
  return fmt::format("{}[{}]", path, i);
}

// True when a JSON string is a template Terraform evaluates: it holds an interpolation "${" or
// a directive "%{" that is not escaped as "$${" / "%%{".
bool is_template(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const char c = s[i];
    if (c != '$' && c != '%') continue;
    if (s[i + 1] == c && i + 2 < s.size() && s[i + 2] == '{') {
      i += 2;  // escaped
      continue;
    }
    if (s[i + 1] == '{') return true;
  }
  return false;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "; did you mean "cidr_block"?" for the closest candidate, or nothing.
template <class Names>
std::string suggestion(std::string_view name, const Names& candidates) {
  const std::size_t limit = name.size() <= 3 ? 1 : name.size() <= 8 ? 2 : 3;
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::string_view c = candidate;
    const std::size_t length_gap =
        c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (length_gap > limit) continue;
    const std::size_t d = edit_distance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  if (best.empty()) return {};
  return fmt::format("; did you mean \"{}\"?", best);
}

std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return fmt::format("bool {}", v.get<bool>() ? "true" : "false");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return fmt::format("number {}", v.dump());
    case json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      if (s.size() > 40) return fmt::format("string {}...", json(s.substr(0, 37)).dump());
      return fmt::format("string {}", v.dump());
    }
    case json::value_t::array:
      return fmt::format("list of {} items", v.size());
    case json::value_t::object:
      return "object";
    default:
      return "value";
  }
}

// A number as Terraform converts a string to one: a decimal number, no surrounding spaces.
bool is_number_text(const std::string& s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  if (s[i] == '-' || s[i] == '+') ++i;
  bool digits = false;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
    digits = true;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
      digits = true;
    }
  }
  if (!digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (i >= s.size() || !is_digit(s[i])) return false;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  return i == s.size();
}

// Meta-arguments Terraform handles itself; they are not schema arguments.
constexpr std::array<std::string_view, 8> kResourceMeta = {
    "count", "for_each", "provider", "depends_on", "lifecycle", "connection", "provisioner", "//"};
constexpr std::array<std::string_view, 6> kDataMeta = {"count",      "for_each",  "provider",
                                                       "depends_on", "lifecycle", "//"};
constexpr std::array<std::string_view, 3> kProviderMeta = {"alias", "version", "//"};
// Roots of references that are not declared elements.
constexpr std::array<std::string_view, 8> kOtherRoots = {
    "count", "each", "self", "path", "terraform", "module", "ephemeral", "resource"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// ---- the validator ------------------------------------------------------------------------

struct Where {
  std::string address;
  std::string construct_path;
};

// What a body belongs to: which keys are meta-arguments, whether nested blocks are allowed.
enum class BodyKind { resource, data_source, provider, block, nested_attribute };

struct Step {
  enum class Kind { attribute, index, splat };
  Kind kind;
  std::string name;
};

class Validator {
 public:
  Validator(const ProviderSchema& schema, std::string stack)
      : schema_(schema), stack_(std::move(stack)) {}

  std::vector<Finding> run(const json& doc) {
    declare(doc);
    missing_providers();
    if (const auto it = doc.find("resource"); it != doc.end() && it->is_object()) {
      for (const auto& [type, named] : it->items()) {
        if (!named.is_object()) continue;
        for (const auto& [name, body] : named.items()) {
          element(ElementKind::resource, type, name, body);
        }
      }
    }
    if (const auto it = doc.find("data"); it != doc.end() && it->is_object()) {
      for (const auto& [type, named] : it->items()) {
        if (!named.is_object()) continue;
        for (const auto& [name, body] : named.items()) {
          element(ElementKind::data_source, type, name, body);
        }
      }
    }
    if (const auto it = doc.find("ephemeral"); it != doc.end() && it->is_object()) {
      for (const auto& [type, named] : it->items()) {
        if (!named.is_object()) continue;
        for (const auto& [name, body] : named.items()) {
          element(ElementKind::ephemeral_resource, type, name, body);
        }
      }
    }
    if (const auto it = doc.find("provider"); it != doc.end() && it->is_object()) {
      for (const auto& [name, configs] : it->items()) {
        if (configs.is_array()) {
          for (const auto& config : configs) provider(name, config);
        } else {
          provider(name, configs);
        }
      }
    }
    if (const auto it = doc.find("variable"); it != doc.end() && it->is_object()) {
      for (const auto& [name, body] : it->items()) {
        const Where where{"var." + name, construct_path_of(body)};
        references(body, "", where);
      }
    }
    if (const auto it = doc.find("locals"); it != doc.end()) {
      auto each_local = [&](const json& locals) {
        if (!locals.is_object()) return;
        for (const auto& [name, value] : locals.items()) {
          if (name == "//") continue;
          references(value, "", Where{"local." + name, {}});
        }
      };
      if (it->is_array()) {
        for (const auto& locals : *it) each_local(locals);
      } else {
        each_local(*it);
      }
    }
    if (const auto it = doc.find("output"); it != doc.end() && it->is_object()) {
      for (const auto& [name, body] : it->items()) {
        const Where where{"output." + name, construct_path_of(body)};
        if (!body.is_object()) continue;
        for (const auto& [key, value] : body.items()) {
          if (key == "//") continue;
          if (key == "depends_on") {
            static_references(value, key, where);
          } else {
            references(value, key, where);
          }
        }
      }
    }
    address_blocks(doc, "import");
    address_blocks(doc, "moved");
    return std::move(findings_);
  }

 private:
  void add(const Where& where, std::string argument, FindingKind kind, std::string message) {
    findings_.push_back(Finding{.stack = stack_,
                                .address = where.address,
                                .construct_path = where.construct_path,
                                .argument = std::move(argument),
                                .message = std::move(message),
                                .kind = kind});
  }

  static std::string construct_path_of(const json& body) {
    if (!body.is_object()) return {};
    const auto comment = body.find("//");
    if (comment == body.end() || !comment->is_object()) return {};
    const auto metadata = comment->find("metadata");
    if (metadata == comment->end() || !metadata->is_object()) return {};
    const auto path = metadata->find("path");
    if (path == metadata->end() || !path->is_string()) return {};
    return path->get<std::string>();
  }

  // ---- what the configuration declares

  void declare(const json& doc) {
    if (const auto it = doc.find("resource"); it != doc.end() && it->is_object()) {
      for (const auto& [type, named] : it->items()) {
        declared_types_.insert(type);
        if (!named.is_object()) continue;
        for (const auto& [name, body] : named.items()) resources_.insert(type + "." + name);
      }
    }
    if (const auto it = doc.find("data"); it != doc.end() && it->is_object()) {
      for (const auto& [type, named] : it->items()) {
        if (!named.is_object()) continue;
        for (const auto& [name, body] : named.items()) data_.insert(type + "." + name);
      }
    }
    if (const auto it = doc.find("variable"); it != doc.end() && it->is_object()) {
      for (const auto& [name, body] : it->items()) variables_.insert(name);
    }
    if (const auto it = doc.find("locals"); it != doc.end()) {
      auto each_local = [&](const json& locals) {
        if (!locals.is_object()) return;
        for (const auto& [name, value] : locals.items()) locals_.insert(name);
      };
      if (it->is_array()) {
        for (const auto& locals : *it) each_local(locals);
      } else {
        each_local(*it);
      }
    }
    if (const auto it = doc.find("provider"); it != doc.end() && it->is_object()) {
      for (const auto& item : it->items()) {
        // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
        const std::string& name = item.key();
        const json& configs = item.value();
        auto one = [&](const json& config) {
          const auto alias = config.is_object() ? config.find("alias") : config.end();
          if (config.is_object() && alias != config.end() && alias->is_string()) {
            provider_configs_.insert(name + "." + alias->get<std::string>());
          } else {
            provider_configs_.insert(name);
          }
        };
        if (configs.is_array()) {
          for (const auto& config : configs) one(config);
        } else {
          one(configs);
        }
      }
    }
    // terraform.required_providers: local name -> source, to find the right provider schema.
    const auto terraform = doc.find("terraform");
    auto each_terraform = [&](const json& block) {
      const auto required = block.is_object() ? block.find("required_providers") : block.end();
      if (!block.is_object() || required == block.end()) return;
      auto each_required = [&](const json& providers) {
        if (!providers.is_object()) return;
        for (const auto& [name, requirement] : providers.items()) {
          if (requirement.is_object() && requirement.contains("source") &&
              requirement["source"].is_string()) {
            sources_[name] = requirement["source"].get<std::string>();
          }
        }
      };
      if (required->is_array()) {
        for (const auto& providers : *required) each_required(providers);
      } else {
        each_required(*required);
      }
    };
    if (terraform != doc.end()) {
      if (terraform->is_array()) {
        for (const auto& block : *terraform) each_terraform(block);
      } else {
        each_terraform(*terraform);
      }
    }
  }

  std::string source_hint(std::string_view type) const {
    const auto underscore = type.find('_');
    const std::string prefix(type.substr(0, underscore));
    const auto it = sources_.find(prefix);
    return it == sources_.end() ? std::string() : it->second;
  }

  Lookup lookup(ElementKind kind, std::string_view type) {
    const std::string key = (kind == ElementKind::resource      ? "r:"
                             : kind == ElementKind::data_source ? "d:"
                                                                : "e:") +
                            std::string(type);
    if (const auto it = lookups_.find(key); it != lookups_.end()) return it->second;
    Lookup result = schema_.lookup(kind, type, source_hint(type));
    lookups_.emplace(key, result);
    return result;
  }

  // Every provider the stack declares (terraform.required_providers, provider blocks) must be
  // in the schema: otherwise nothing of it could be checked, and "valid" would be a lie.
  void missing_providers() {
    std::map<std::string, std::string> used = {sources_.begin(), sources_.end()};
    for (const auto& config : provider_configs_) {
      const std::string name = config.substr(0, config.find('.'));
      used.emplace(name, "hashicorp/" + name);
    }
    for (const auto& [name, source] : used) {
      if (schema_.has_provider(source)) continue;
      const auto known = schema_.providers();
      std::string holds;
      for (const auto& provider : known) holds += (holds.empty() ? "" : ", ") + provider;
      reported_providers_.insert(name);
      add(Where{"provider." + name, {}}, "", FindingKind::missing_provider,
          fmt::format("provider \"{}\" ({}) is not in the provider schema {} (it holds {}), so "
                      "nothing it serves can be checked",
                      name, source, schema_.origin(), holds.empty() ? "no provider" : holds));
    }
  }

  // ---- elements

  void element(ElementKind kind, const std::string& type, const std::string& name,
               const json& body) {
    const bool data = kind == ElementKind::data_source;
    const std::string_view what = kind == ElementKind::resource ? "resource"
                                  : data                        ? "data source"
                                                                : "ephemeral resource";
    const std::string prefix = kind == ElementKind::resource ? "" : data ? "data." : "ephemeral.";
    const Where where{prefix + type + "." + name, construct_path_of(body)};
    if (!body.is_object()) {
      add(where, "", FindingKind::wrong_type,
          fmt::format("the body must be a JSON object, got {}", describe(body)));
      return;
    }
    const Lookup found = lookup(kind, type);
    switch (found.status) {
      case Lookup::Status::no_provider:
        unserved(where, what, type);
        break;
      case Lookup::Status::schema_not_included:
        add(where, "", FindingKind::unchecked_type,
            fmt::format("{} type \"{}\" cannot be checked: the schema file {} lists it as not "
                        "included; validate against your own `terraform providers schema -json`",
                        what, type, schema_.origin()));
        break;
      case Lookup::Status::unknown_type: {
        const auto known = kind == ElementKind::resource ? schema_.resource_types(found.provider)
                           : data                        ? schema_.data_source_types(found.provider)
                                                         : std::vector<std::string>{};
        add(where, "", FindingKind::unknown_type,
            fmt::format("unknown {} type \"{}\" (provider {}){}", what, type, found.provider,
                        suggestion(type, known)));
        break;
      }
      case Lookup::Status::found:
        body_of(*found.block, body, "", where, data ? BodyKind::data_source : BodyKind::resource);
        break;
    }
    element_references(body, where);
  }

  // An element whose provider the schema does not hold: a finding, unless that provider was
  // already reported as declared but missing (missing_providers).
  void unserved(const Where& where, std::string_view what, const std::string& type) {
    const std::string provider = type.substr(0, type.find('_'));
    if (reported_providers_.count(provider) != 0) return;
    std::string holds;
    for (const auto& source : schema_.providers()) holds += (holds.empty() ? "" : ", ") + source;
    add(where, "", FindingKind::missing_provider,
        fmt::format("no provider of the schema {} serves {} type \"{}\" (provider \"{}\"; it "
                    "holds {}), so it cannot be checked",
                    schema_.origin(), what, type, provider, holds.empty() ? "no provider" : holds));
  }

  void provider(const std::string& name, const json& config) {
    std::string address = "provider." + name;
    if (config.is_object()) {
      if (const auto alias = config.find("alias"); alias != config.end() && alias->is_string()) {
        address += "." + alias->get<std::string>();
      }
    }
    const Where where{address, construct_path_of(config)};
    if (!config.is_object()) return;
    for (const auto& [key, value] : config.items()) {
      if (key != "//") references(value, key, where);
    }
    const auto it = sources_.find(name);
    const std::string source =
        it != sources_.end() ? it->second : fmt::format("registry.terraform.io/hashicorp/{}", name);
    if (const Block* block = schema_.provider_config(source)) {
      body_of(*block, config, "", where, BodyKind::provider);
    }
  }

  // The references of an element: in its arguments and its meta-arguments.
  void element_references(const json& body, const Where& where) {
    for (const auto& [key, value] : body.items()) {
      if (key == "//") continue;
      if (key == "depends_on") {
        static_references(value, key, where);
      } else if (key == "provider") {
        if (!value.is_string()) continue;
        std::string ref = value.get<std::string>();
        if (ref.size() > 3 && ref.starts_with("${") && ref.ends_with("}")) {
          ref = ref.substr(2, ref.size() - 3);
        }
        if (ref.find('.') != std::string::npos && !provider_configs_.contains(ref)) {
          add(where, key, FindingKind::undeclared_reference,
              fmt::format("provider configuration \"{}\" is not declared", ref));
        }
      } else if (key == "lifecycle" && value.is_object()) {
        for (const auto& [lkey, lvalue] : value.items()) {
          const std::string path = member_path(key, lkey);
          if (lkey == "ignore_changes") continue;  // argument names, not references
          if (lkey == "replace_triggered_by") {
            static_references(lvalue, path, where);
          } else {
            references(lvalue, path, where);
          }
        }
      } else {
        references(value, key, where);
      }
    }
  }

  // import and moved blocks: "to" names a resource of this configuration.
  void address_blocks(const json& doc, const char* kind) {
    const auto it = doc.find(kind);
    if (it == doc.end() || !it->is_array()) return;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& block = (*it)[i];
      if (!block.is_object()) continue;
      const Where where{fmt::format("{}[{}]", kind, i), construct_path_of(block)};
      for (const auto& [key, value] : block.items()) {
        if (key == "//" || key == "from") continue;  // from: the old address, gone by design
        if (key == "to") {
          static_references(value, key, where);
        } else {
          references(value, key, where);
        }
      }
    }
  }

  // ---- schema checks

  void body_of(const Block& block, const json& body, const std::string& path, const Where& where,
               BodyKind kind) {
    std::set<std::string, std::less<>> dynamic_blocks;
    for (const auto& [key, value] : body.items()) {
      if (kind == BodyKind::resource && contains(kResourceMeta, key)) continue;
      if (kind == BodyKind::data_source && contains(kDataMeta, key)) continue;
      if (kind == BodyKind::provider && contains(kProviderMeta, key)) continue;
      if (kind != BodyKind::nested_attribute && key == "//") continue;
      const std::string argument = member_path(path, key);
      if (const Attribute* attribute = block.find_attribute(key)) {
        attribute_value(*attribute, value, argument, where);
      } else if (const BlockType* type = block.find_block_type(key)) {
        if (kind == BodyKind::nested_attribute) {
          unknown_argument(block, key, argument, where);
        } else {
          blocks(*type, value, argument, where);
        }
      } else if (key == "dynamic" && kind != BodyKind::nested_attribute && value.is_object()) {
        dynamic(block, value, argument, where, dynamic_blocks);
      } else {
        unknown_argument(block, key, argument, where);
      }
    }
    for (const auto& [name, attribute] : block.attributes) {
      if (!attribute.required) continue;
      const auto it = body.find(name);
      if (it == body.end() || it->is_null()) {
        add(where, member_path(path, name), FindingKind::missing_required,
            "required argument is missing");
      }
    }
    for (const auto& [name, type] : block.block_types) {
      if (type.min_items == 0 || body.contains(name) || dynamic_blocks.contains(name)) continue;
      add(where, member_path(path, name), FindingKind::missing_required,
          fmt::format("required block is missing (at least {})", type.min_items));
    }
  }

  void unknown_argument(const Block& block, std::string_view key, const std::string& argument,
                        const Where& where) {
    std::vector<std::string_view> names;
    for (const auto& [name, attribute] : block.attributes) {
      if (attribute.settable()) names.push_back(name);
    }
    for (const auto& [name, type] : block.block_types) names.push_back(name);
    add(where, argument, FindingKind::unknown_argument,
        "unknown argument" + suggestion(key, names));
  }

  // "dynamic": {"ingress": {"for_each": ..., "iterator": ..., "content": {...}}}
  void dynamic(const Block& block, const json& value, const std::string& path, const Where& where,
               std::set<std::string, std::less<>>& seen) {
    for (const auto& [name, spec] : value.items()) {
      const std::string argument = member_path(path, name);
      const BlockType* type = block.find_block_type(name);
      if (type == nullptr) {
        unknown_argument(block, name, argument, where);
        continue;
      }
      seen.insert(name);
      auto one = [&](const json& item, const std::string& item_path) {
        if (!item.is_object()) return;
        const auto content = item.find("content");
        if (content == item.end() || !content->is_object()) return;
        body_of(*type->block, *content, member_path(item_path, "content"), where, BodyKind::block);
      };
      if (spec.is_array()) {
        for (std::size_t i = 0; i < spec.size(); ++i) one(spec[i], index_path(argument, i));
      } else {
        one(spec, argument);
      }
    }
  }

  void blocks(const BlockType& type, const json& value, const std::string& path,
              const Where& where) {
    if (value.is_null()) return;
    std::vector<std::pair<const json*, std::string>> items;
    if (type.nesting == NestingMode::map) {
      auto labels = [&](const json& object, const std::string& base) {
        for (const auto& [label, body] : object.items()) {
          items.emplace_back(&body, member_path(base, label));
        }
      };
      if (value.is_object()) {
        labels(value, path);
      } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (value[i].is_object()) labels(value[i], path);
        }
      } else {
        add(where, path, FindingKind::wrong_type,
            fmt::format("a block map is expected (an object of labelled blocks), got {}",
                        describe(value)));
        return;
      }
    } else if (value.is_object()) {
      items.emplace_back(&value, path);
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        items.emplace_back(&value[i], index_path(path, i));
      }
    } else {
      add(where, path, FindingKind::wrong_type,
          fmt::format("a block is expected (an object, or an array of objects), got {}",
                      describe(value)));
      return;
    }

    const std::size_t count = items.size();
    const bool single = type.nesting == NestingMode::single || type.nesting == NestingMode::group;
    if (single && count > 1) {
      add(where, path, FindingKind::single_block_list,
          fmt::format("single block given as a list of {} items; at most one is allowed", count));
    } else if (type.max_items > 0 && count > type.max_items) {
      add(where, path, FindingKind::block_count,
          fmt::format("{} blocks given, at most {} allowed", count, type.max_items));
    } else if (count < type.min_items) {
      add(where, path, FindingKind::block_count,
          fmt::format("{} blocks given, at least {} required", count, type.min_items));
    }
    for (const auto& [item, item_path] : items) {
      if (!item->is_object()) {
        add(where, item_path, FindingKind::wrong_type,
            fmt::format("a block must be a JSON object, got {}", describe(*item)));
        continue;
      }
      body_of(*type.block, *item, item_path, where, BodyKind::block);
    }
  }

  void attribute_value(const Attribute& attribute, const json& value, const std::string& path,
                       const Where& where) {
    if (!attribute.settable()) {
      add(where, path, FindingKind::computed_only,
          "computed-only attribute cannot be set (the provider sets it)");
      return;
    }
    if (value.is_null()) return;
    if (attribute.nested) {
      nested_value(attribute, value, path, where);
    } else {
      typed_value(attribute.type, value, path, where);
    }
  }

  // Protocol 6 nested attributes: an object (single), a list or set of objects, or a map of them.
  void nested_value(const Attribute& attribute, const json& value, const std::string& path,
                    const Where& where) {
    if (value.is_string() && is_template(value.get_ref<const std::string&>())) return;
    auto object = [&](const json& item, const std::string& item_path) {
      if (item.is_null() || (item.is_string() && is_template(item.get<std::string>()))) return;
      if (!item.is_object()) {
        add(where, item_path, FindingKind::wrong_type,
            fmt::format("wrong type: expected object, got {}", describe(item)));
        return;
      }
      body_of(*attribute.nested, item, item_path, where, BodyKind::nested_attribute);
    };
    switch (attribute.nested_mode) {
      case NestingMode::single:
      case NestingMode::group:
        object(value, path);
        return;
      case NestingMode::list:
      case NestingMode::set:
        if (!value.is_array()) {
          add(where, path, FindingKind::wrong_type,
              fmt::format("wrong type: expected a list of objects, got {}", describe(value)));
          return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) object(value[i], index_path(path, i));
        return;
      case NestingMode::map:
        if (!value.is_object()) {
          add(where, path, FindingKind::wrong_type,
              fmt::format("wrong type: expected a map of objects, got {}", describe(value)));
          return;
        }
        for (const auto& [key, item] : value.items()) object(item, member_path(path, key));
        return;
    }
  }

  void wrong_type(const Type& type, const json& value, const std::string& path, const Where& where,
                  std::string_view detail = {}) {
    add(where, path, FindingKind::wrong_type,
        fmt::format("wrong type: expected {}, got {}{}", type.to_string(), describe(value),
                    detail));
  }

  // Whether a literal converts to the type the way Terraform converts JSON values.
  void typed_value(const Type& type, const json& value, const std::string& path,
                   const Where& where) {
    if (value.is_null()) return;
    if (value.is_string() && is_template(value.get_ref<const std::string&>())) return;
    switch (type.kind) {
      case Type::Kind::dynamic:
        return;
      case Type::Kind::string:
        if (value.is_array() || value.is_object()) wrong_type(type, value, path, where);
        return;
      case Type::Kind::number:
        if (value.is_number()) return;
        if (value.is_string() && is_number_text(value.get_ref<const std::string&>())) return;
        wrong_type(type, value, path, where);
        return;
      case Type::Kind::boolean: {
        if (value.is_boolean()) return;
        if (value.is_string()) {
          const auto& s = value.get_ref<const std::string&>();
          if (s == "true" || s == "false" || s == "1" || s == "0") return;
          std::string lower = s;
          std::transform(lower.begin(), lower.end(), lower.begin(),
                         [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
          if (lower == "true" || lower == "false") {
            wrong_type(type, value, path, where,
                       fmt::format("; to convert from string, use lowercase \"{}\"", lower));
            return;
          }
        }
        wrong_type(type, value, path, where);
        return;
      }
      case Type::Kind::list:
      case Type::Kind::set:
        if (!value.is_array()) {
          wrong_type(type, value, path, where);
          return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
          typed_value(type.elements[0], value[i], index_path(path, i), where);
        }
        return;
      case Type::Kind::tuple:
        if (!value.is_array()) {
          wrong_type(type, value, path, where);
          return;
        }
        if (value.size() != type.elements.size()) {
          wrong_type(type, value, path, where,
                     fmt::format(" (a tuple of {} elements)", type.elements.size()));
          return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
          typed_value(type.elements[i], value[i], index_path(path, i), where);
        }
        return;
      case Type::Kind::map:
        if (!value.is_object()) {
          wrong_type(type, value, path, where);
          return;
        }
        for (const auto& [key, item] : value.items()) {
          typed_value(type.elements[0], item, member_path(path, key), where);
        }
        return;
      case Type::Kind::object: {
        if (!value.is_object()) {
          wrong_type(type, value, path, where);
          return;
        }
        for (const auto& [key, item] : value.items()) {
          const auto it = std::find(type.attribute_names.begin(), type.attribute_names.end(), key);
          if (it == type.attribute_names.end()) {
            add(where, member_path(path, key), FindingKind::wrong_type,
                fmt::format("wrong type: attribute \"{}\" is not in {}{}", key, type.to_string(),
                            suggestion(key, type.attribute_names)));
            continue;
          }
          const auto index = static_cast<std::size_t>(it - type.attribute_names.begin());
          typed_value(type.elements[index], item, member_path(path, key), where);
        }
        for (const auto& name : type.attribute_names) {
          if (value.contains(name) || std::binary_search(type.optional_attributes.begin(),
                                                         type.optional_attributes.end(), name)) {
            continue;
          }
          add(where, member_path(path, name), FindingKind::wrong_type,
              fmt::format("wrong type: attribute \"{}\" is required by {} (set it, to null if "
                          "unused)",
                          name, type.to_string()));
        }
        return;
      }
    }
  }

  // ---- references

  // Every template string in a value.
  void references(const json& value, const std::string& path, const Where& where) {
    switch (value.type()) {
      case json::value_t::string: {
        const auto& s = value.get_ref<const std::string&>();
        if (is_template(s)) template_text(s, path, where);
        return;
      }
      case json::value_t::array:
        for (std::size_t i = 0; i < value.size(); ++i) {
          references(value[i], index_path(path, i), where);
        }
        return;
      case json::value_t::object:
        for (const auto& [key, item] : value.items()) {
          if (key != "//") references(item, member_path(path, key), where);
        }
        return;
      default:
        return;
    }
  }

  // depends_on, replace_triggered_by, import/moved "to": bare references ("aws_vpc.main").
  void static_references(const json& value, const std::string& path, const Where& where) {
    if (value.is_string()) {
      const auto& s = value.get_ref<const std::string&>();
      if (is_template(s)) {
        template_text(s, path, where);
      } else {
        expression(s, path, where);
      }
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        static_references(value[i], index_path(path, i), where);
      }
    }
  }

  // The end of an interpolation or directive whose body starts at `begin`: the index of the
  // closing brace, or text.size() when unterminated.
  static std::size_t interpolation_end(std::string_view text, std::size_t begin) {
    int depth = 0;
    std::size_t i = begin;
    while (i < text.size()) {
      const char c = text[i];
      if (c == '"') {
        i = quoted_end(text, i + 1);
        continue;
      }
      if (c == '{' || c == '(' || c == '[') ++depth;
      if (c == ')' || c == ']') --depth;
      if (c == '}') {
        if (depth == 0) return i;
        --depth;
      }
      ++i;
    }
    return text.size();
  }

  // Past the closing quote of a string literal inside an expression, whose text starts at
  // `begin` (templates nested in it included).
  static std::size_t quoted_end(std::string_view text, std::size_t begin) {
    std::size_t i = begin;
    while (i < text.size()) {
      const char c = text[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') return i + 1;
      if ((c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{') {
        i = interpolation_end(text, i + 2) + 1;
        continue;
      }
      ++i;
    }
    return text.size();
  }

  void template_text(std::string_view text, const std::string& path, const Where& where) {
    std::size_t i = 0;
    while (i + 1 < text.size()) {
      const char c = text[i];
      if ((c == '$' || c == '%') && text[i + 1] == c && i + 2 < text.size() && text[i + 2] == '{') {
        i += 3;
        continue;
      }
      if ((c == '$' || c == '%') && text[i + 1] == '{') {
        const std::size_t end = interpolation_end(text, i + 2);
        expression(text.substr(i + 2, end - (i + 2)), path, where);
        i = end + 1;
        continue;
      }
      ++i;
    }
  }

  // Finds the traversals of an expression (aws_vpc.main.id, data.aws_region.current.name,
  // var.env, local.tags) and checks each.
  void expression(std::string_view text, const std::string& path, const Where& where) {
    std::size_t i = 0;
    char previous = '\0';  // the last significant character before a token
    while (i < text.size()) {
      const char c = text[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~') {
        ++i;
        continue;
      }
      if (c == '"') {
        // A string literal: only the templates inside it hold references.
        const std::size_t end = quoted_end(text, i + 1);
        const std::size_t stop = end > i + 1 ? end - 1 : end;
        template_text(text.substr(i + 1, stop - (i + 1)), path, where);
        i = end;
        previous = '"';
        continue;
      }
      if (is_digit(c)) {
        while (i < text.size() &&
               (is_digit(text[i]) || text[i] == '.' || text[i] == 'e' || text[i] == 'E')) {
          ++i;
        }
        previous = '0';
        continue;
      }
      if (!is_identifier_start(c)) {
        previous = c;
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && is_identifier_char(text[j])) ++j;
      const std::string_view root = text.substr(i, j - i);
      const bool attribute_of_something = previous == '.';
      previous = 'a';
      const bool namespaced = j + 1 < text.size() && text[j] == ':' && text[j + 1] == ':';
      if (attribute_of_something || namespaced || (j < text.size() && text[j] == '(')) {
        if (namespaced) {  // a provider function: provider::aws::arn_parse(...)
          while (j < text.size() && (is_identifier_char(text[j]) || text[j] == ':')) ++j;
        }
        i = j;
        continue;
      }
      // The traversal after the root.
      std::vector<Step> steps;
      while (j < text.size()) {
        if (text[j] == '.' && j + 1 < text.size()) {
          if (text[j + 1] == '*') {
            steps.push_back({Step::Kind::splat, {}});
            j += 2;
          } else if (is_digit(text[j + 1])) {  // legacy index: list.0
            j += 1;
            while (j < text.size() && is_digit(text[j])) ++j;
            steps.push_back({Step::Kind::index, {}});
          } else if (is_identifier_start(text[j + 1])) {
            std::size_t k = j + 1;
            while (k < text.size() && is_identifier_char(text[k])) ++k;
            steps.push_back({Step::Kind::attribute, std::string(text.substr(j + 1, k - j - 1))});
            j = k;
          } else {
            break;
          }
        } else if (text[j] == '[') {
          // Find the matching bracket; references inside the index are checked too.
          std::size_t k = j + 1;
          int depth = 1;
          while (k < text.size() && depth > 0) {
            if (text[k] == '"') {
              k = quoted_end(text, k + 1);
              continue;
            }
            if (text[k] == '[') ++depth;
            if (text[k] == ']') --depth;
            ++k;
          }
          const std::string_view inside = text.substr(j + 1, k > j + 1 ? k - j - 2 : 0);
          const bool splat = inside == "*";
          if (!splat) expression(inside, path, where);
          steps.push_back({splat ? Step::Kind::splat : Step::Kind::index, {}});
          j = k;
        } else {
          break;
        }
      }
      traversal(root, steps, text.substr(i, j - i), path, where);
      i = j;
      previous = 'a';
    }
  }

  void traversal(std::string_view root, const std::vector<Step>& steps, std::string_view text,
                 const std::string& path, const Where& where) {
    const auto name_at = [&](std::size_t i) -> const std::string* {
      return i < steps.size() && steps[i].kind == Step::Kind::attribute ? &steps[i].name : nullptr;
    };
    if (root == "var" || root == "local") {
      const std::string* name = name_at(0);
      if (name == nullptr) return;
      const bool declared = root == "var" ? variables_.contains(*name) : locals_.contains(*name);
      if (!declared) {
        add(where, path, FindingKind::undeclared_reference,
            fmt::format("reference to undeclared {} \"{}.{}\"",
                        root == "var" ? "input variable" : "local value", root, *name));
      }
      return;
    }
    if (root == "data") {
      const std::string* type = name_at(0);
      const std::string* name = name_at(1);
      if (type == nullptr || name == nullptr) return;
      const std::string address = *type + "." + *name;
      if (!data_.contains(address)) {
        add(where, path, FindingKind::undeclared_reference,
            fmt::format("reference to undeclared data source \"data.{}\"", address));
        return;
      }
      const Lookup found = lookup(ElementKind::data_source, *type);
      if (found.block != nullptr) attribute_path(*found.block, *type, steps, 2, text, path, where);
      return;
    }
    if (contains(kOtherRoots, root)) return;
    const std::string* name = name_at(0);
    if (name == nullptr) return;
    const std::string type(root);
    const std::string address = type + "." + *name;
    if (resources_.contains(address)) {
      const Lookup found = lookup(ElementKind::resource, type);
      if (found.block != nullptr) attribute_path(*found.block, type, steps, 1, text, path, where);
      return;
    }
    // An undeclared name: a reference to a resource when its type is declared or served by a
    // provider of the schema. Other roots can be for-expression or dynamic-block iterators.
    if (declared_types_.contains(type) ||
        lookup(ElementKind::resource, type).status == Lookup::Status::found) {
      add(where, path, FindingKind::undeclared_reference,
          fmt::format("reference to undeclared resource \"{}\"", address));
    }
  }

  // The attribute steps after the element's name: each must exist in the type's schema.
  void attribute_path(const Block& schema, std::string_view type, const std::vector<Step>& steps,
                      std::size_t first, std::string_view text, const std::string& path,
                      const Where& where) {
    const Block* block = &schema;
    std::string block_name;  // empty at the top level
    for (std::size_t i = first; i < steps.size(); ++i) {
      if (steps[i].kind != Step::Kind::attribute) continue;  // instance or element index
      const std::string& name = steps[i].name;
      if (block->find_attribute(name) != nullptr) return;  // values are not followed further
      if (const BlockType* nested = block->find_block_type(name)) {
        block = nested->block.get();
        block_name = name;
        continue;
      }
      std::vector<std::string_view> names;
      for (const auto& [n, attribute] : block->attributes) names.push_back(n);
      for (const auto& [n, nested] : block->block_types) names.push_back(n);
      add(where, path, FindingKind::unknown_attribute,
          fmt::format("reference \"{}\": {} has no attribute \"{}\"{}", text,
                      block_name.empty() ? std::string(type) : "block " + block_name, name,
                      suggestion(name, names)));
      return;
    }
  }

  const ProviderSchema& schema_;
  std::string stack_;
  std::vector<Finding> findings_;
  std::set<std::string, std::less<>> resources_;
  std::set<std::string, std::less<>> declared_types_;
  std::set<std::string, std::less<>> reported_providers_;  // by missing_providers()
  std::set<std::string, std::less<>> data_;
  std::set<std::string, std::less<>> variables_;
  std::set<std::string, std::less<>> locals_;
  std::set<std::string, std::less<>> provider_configs_;
  std::map<std::string, std::string, std::less<>> sources_;
  std::map<std::string, Lookup, std::less<>> lookups_;
};

}  // namespace

std::string_view to_string(FindingKind kind) noexcept {
  switch (kind) {
    case FindingKind::unknown_type:
      return "unknown_type";
    case FindingKind::unknown_argument:
      return "unknown_argument";
    case FindingKind::computed_only:
      return "computed_only";
    case FindingKind::missing_required:
      return "missing_required";
    case FindingKind::wrong_type:
      return "wrong_type";
    case FindingKind::block_count:
      return "block_count";
    case FindingKind::single_block_list:
      return "single_block_list";
    case FindingKind::undeclared_reference:
      return "undeclared_reference";
    case FindingKind::missing_provider:
      return "missing_provider";
    case FindingKind::unchecked_type:
      return "unchecked_type";
    case FindingKind::unknown_attribute:
      return "unknown_attribute";
  }
  return "unknown";
}

std::string Finding::to_string() const {
  std::string out =
      fmt::format("[{}] {}: ", construct_path.empty() ? address : construct_path, address);
  if (!argument.empty()) out += fmt::format("argument \"{}\": ", argument);
  out += message;
  if (!stack.empty()) out += fmt::format(" (stack \"{}\")", stack);
  return out;
}

std::vector<Finding> validate_json(const ProviderSchema& schema, std::string_view text,
                                   std::string_view stack) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    throw SchemaError("schema.invalid_configuration",
                      fmt::format("stack \"{}\": the configuration is not a JSON object", stack));
  }
  return Validator(schema, std::string(stack)).run(doc);
}

std::vector<Finding> validate(const ProviderSchema& schema, const StackArtifact& artifact) {
  return validate_json(schema, artifact.json, artifact.name);
}

std::vector<Finding> validate(const ProviderSchema& schema, App& app) {
  SynthOptions options;
  options.metadata = true;
  const SynthResult result = app.synth_in_memory(options);
  std::vector<Finding> findings;
  for (const StackArtifact& artifact : result.stacks) {
    auto more = validate(schema, artifact);
    findings.insert(findings.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
  }
  return findings;
}

}  // namespace edustack::schema
