#include "edustack/schema/provider_schema.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace edustack::schema {

namespace {

using nlohmann::json;

constexpr std::string_view kMalformed = "schema.malformed";

// A byte range of the document holding one JSON value.
struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Walks the document without building it: checks that it is well-formed JSON and records where
// the values of interest are. About ten times faster than building a DOM of the 2.8 MB AWS
// schema; the few schemas a configuration uses are decoded on demand.
class Scanner {
 public:
  Scanner(std::string_view text, const std::string& origin) : text_(text), origin_(origin) {}

  [[noreturn]] void fail(std::string_view what) const {
    throw SchemaError(std::string(kMalformed),
                      fmt::format("{}: not valid JSON at byte {}: {}", origin_, pos_, what));
  }

  void skip_ws() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      ++pos_;
    }
  }

  char peek() {
    skip_ws();
    if (pos_ >= text_.size()) fail("unexpected end of input");
    return text_[pos_];
  }

  void expect(char c) {
    if (peek() != c) fail(fmt::format("expected '{}'", c));
    ++pos_;
  }

  bool at_end() {
    skip_ws();
    return pos_ >= text_.size();
  }

  std::size_t position() const noexcept { return pos_; }

  // A string, decoded.
  std::string string() {
    expect('"');
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated string");
      const char e = text_[pos_++];
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u':
          append_utf8(out, unicode_escape());
          break;
        default:
          fail("invalid escape in string");
      }
    }
  }

  void skip_value(int depth = 0) {
    if (depth > 256) fail("nesting too deep");
    const char c = peek();
    switch (c) {
      case '{':
        ++pos_;
        if (peek() == '}') {
          ++pos_;
          return;
        }
        while (true) {
          skip_string();
          expect(':');
          skip_value(depth + 1);
          if (peek() == ',') {
            ++pos_;
            continue;
          }
          expect('}');
          return;
        }
      case '[':
        ++pos_;
        if (peek() == ']') {
          ++pos_;
          return;
        }
        while (true) {
          skip_value(depth + 1);
          if (peek() == ',') {
            ++pos_;
            continue;
          }
          expect(']');
          return;
        }
      case '"':
        skip_string();
        return;
      case 't':
        literal("true");
        return;
      case 'f':
        literal("false");
        return;
      case 'n':
        literal("null");
        return;
      default:
        number();
        return;
    }
  }

  Range value_range() {
    skip_ws();
    Range r{pos_, 0};
    skip_value();
    r.end = pos_;
    return r;
  }

  // Calls member(key) for each member of an object; member must consume the value.
  template <class F>
  void object(F&& member) {
    expect('{');
    if (peek() == '}') {
      ++pos_;
      return;
    }
    while (true) {
      std::string key = string();
      expect(':');
      member(key);
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect('}');
      return;
    }
  }

  template <class F>
  void array(F&& element) {
    expect('[');
    if (peek() == ']') {
      ++pos_;
      return;
    }
    while (true) {
      element();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect(']');
      return;
    }
  }

 private:
  void skip_string() {
    expect('"');
    const char* p = text_.data() + pos_;
    const char* end = text_.data() + text_.size();
    while (true) {
      while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
      pos_ = static_cast<std::size_t>(p - text_.data());
      if (p >= end) fail("unterminated string");
      if (*p == '"') {
        ++pos_;
        return;
      }
      if (*p != '\\') fail("control character in string");
      ++pos_;
      if (pos_ >= text_.size()) fail("unterminated string");
      const char e = text_[pos_++];
      if (e == 'u') {
        unicode_escape();
      } else if (std::strchr("\"\\/bfnrt", e) == nullptr || e == '\0') {
        fail("invalid escape in string");
      }
      p = text_.data() + pos_;
    }
  }

  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail("truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9') {
        v |= static_cast<unsigned>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        v |= static_cast<unsigned>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        v |= static_cast<unsigned>(h - 'A' + 10);
      } else {
        fail("invalid \\u escape");
      }
    }
    return v;
  }

  // After "\u": the code point, combining a surrogate pair.
  unsigned unicode_escape() {
    unsigned cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (pos_ + 2 > text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
        fail("unpaired surrogate in \\u escape");
      }
      pos_ += 2;
      const unsigned low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate in \\u escape");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      fail("unpaired surrogate in \\u escape");
    }
    return cp;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  void literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("invalid literal");
    pos_ += word.size();
  }

  bool digit() const { return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9'; }

  void number() {
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    if (!digit()) fail("unexpected character");
    if (text_[pos_] == '0') {
      ++pos_;
    } else {
      while (digit()) ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digit()) fail("invalid number");
      while (digit()) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digit()) fail("invalid number");
      while (digit()) ++pos_;
    }
  }

  std::string_view text_;
  const std::string& origin_;
  std::size_t pos_ = 0;
};

// ---- decoding one schema ------------------------------------------------------------------

[[noreturn]] void bad_schema(const std::string& where, std::string_view what) {
  throw SchemaError(std::string(kMalformed), fmt::format("{}: {}", where, what));
}

Type decode_type(const json& j, const std::string& where) {
  Type t;
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s == "string") {
      t.kind = Type::Kind::string;
    } else if (s == "number") {
      t.kind = Type::Kind::number;
    } else if (s == "bool") {
      t.kind = Type::Kind::boolean;
    } else if (s == "dynamic") {
      t.kind = Type::Kind::dynamic;
    } else {
      bad_schema(where, fmt::format("unknown type \"{}\"", s));
    }
    return t;
  }
  if (!j.is_array() || j.size() < 2 || !j[0].is_string()) {
    bad_schema(where, fmt::format("invalid type {}", j.dump()));
  }
  const auto& kind = j[0].get_ref<const std::string&>();
  if (kind == "list" || kind == "set" || kind == "map") {
    t.kind = kind == "list" ? Type::Kind::list : kind == "set" ? Type::Kind::set : Type::Kind::map;
    t.elements.push_back(decode_type(j[1], where));
  } else if (kind == "object") {
    t.kind = Type::Kind::object;
    if (!j[1].is_object()) bad_schema(where, "object type without attributes");
    for (const auto& [name, sub] : j[1].items()) {
      t.attribute_names.push_back(name);
      t.elements.push_back(decode_type(sub, where));
    }
    if (j.size() > 2 && j[2].is_array()) {
      for (const auto& name : j[2]) {
        if (name.is_string()) t.optional_attributes.push_back(name.get<std::string>());
      }
      std::sort(t.optional_attributes.begin(), t.optional_attributes.end());
    }
  } else if (kind == "tuple") {
    t.kind = Type::Kind::tuple;
    if (!j[1].is_array()) bad_schema(where, "tuple type without elements");
    for (const auto& sub : j[1]) t.elements.push_back(decode_type(sub, where));
  } else {
    bad_schema(where, fmt::format("unknown type \"{}\"", kind));
  }
  return t;
}

NestingMode decode_nesting(const json& j, const std::string& where) {
  if (!j.is_string()) bad_schema(where, "nesting_mode is missing");
  const auto& s = j.get_ref<const std::string&>();
  if (s == "single") return NestingMode::single;
  if (s == "group") return NestingMode::group;
  if (s == "list") return NestingMode::list;
  if (s == "set") return NestingMode::set;
  if (s == "map") return NestingMode::map;
  bad_schema(where, fmt::format("unknown nesting_mode \"{}\"", s));
}

bool flag(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::size_t count_of(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) return 0;
  return it->get<std::size_t>();
}

std::shared_ptr<const Block> decode_block(const json& j, const std::string& where);

std::shared_ptr<const Block> decode_attributes_only(const json& attributes,
                                                    const std::string& where);

Attribute decode_attribute(const json& j, const std::string& where) {
  if (!j.is_object()) bad_schema(where, "attribute is not an object");
  Attribute a;
  a.required = flag(j, "required");
  a.optional = flag(j, "optional");
  a.computed = flag(j, "computed");
  a.sensitive = flag(j, "sensitive");
  a.deprecated = flag(j, "deprecated");
  a.write_only = flag(j, "write_only");
  if (const auto type = j.find("type"); type != j.end()) {
    a.type = decode_type(*type, where);
  } else if (const auto nested = j.find("nested_type"); nested != j.end() && nested->is_object()) {
    a.nested_mode = decode_nesting(nested->value("nesting_mode", json()), where);
    a.nested = decode_attributes_only(nested->value("attributes", json::object()), where);
  } else {
    bad_schema(where, "attribute has neither type nor nested_type");
  }
  return a;
}

std::shared_ptr<const Block> decode_attributes_only(const json& attributes,
                                                    const std::string& where) {
  auto block = std::make_shared<Block>();
  if (!attributes.is_object()) bad_schema(where, "attributes is not an object");
  for (const auto& [name, attr] : attributes.items()) {
    block->attributes.emplace(name, decode_attribute(attr, where + "." + name));
  }
  return block;
}

std::shared_ptr<const Block> decode_block(const json& j, const std::string& where) {
  if (!j.is_object()) bad_schema(where, "block is not an object");
  auto block = std::make_shared<Block>();
  block->deprecated = flag(j, "deprecated");
  if (const auto attrs = j.find("attributes"); attrs != j.end()) {
    if (!attrs->is_object()) bad_schema(where, "attributes is not an object");
    for (const auto& [name, attr] : attrs->items()) {
      block->attributes.emplace(name, decode_attribute(attr, where + "." + name));
    }
  }
  if (const auto types = j.find("block_types"); types != j.end()) {
    if (!types->is_object()) bad_schema(where, "block_types is not an object");
    for (const auto& [name, bt] : types->items()) {
      const std::string sub = where + "." + name;
      if (!bt.is_object()) bad_schema(sub, "block type is not an object");
      BlockType t;
      t.nesting = decode_nesting(bt.value("nesting_mode", json()), sub);
      t.min_items = count_of(bt, "min_items");
      t.max_items = count_of(bt, "max_items");
      t.block = decode_block(bt.value("block", json::object()), sub);
      block->block_types.emplace(name, std::move(t));
    }
  }
  return block;
}

// The last segment of a source: "registry.terraform.io/hashicorp/aws" -> "aws".
std::string_view type_name_of(std::string_view source) {
  const auto slash = source.rfind('/');
  return slash == std::string_view::npos ? source : source.substr(slash + 1);
}

// "hashicorp/aws" -> "registry.terraform.io/hashicorp/aws"; "aws" -> ".../hashicorp/aws".
std::string normalize_source(std::string_view source) {
  const auto slashes = std::count(source.begin(), source.end(), '/');
  if (slashes == 0) return fmt::format("registry.terraform.io/hashicorp/{}", source);
  if (slashes == 1) return fmt::format("registry.terraform.io/{}", source);
  return std::string(source);
}

}  // namespace

// ---- Type / Block -------------------------------------------------------------------------

std::string Type::to_string() const {
  switch (kind) {
    case Kind::dynamic:
      return "any";
    case Kind::string:
      return "string";
    case Kind::number:
      return "number";
    case Kind::boolean:
      return "bool";
    case Kind::list:
      return fmt::format("list({})", elements.at(0).to_string());
    case Kind::set:
      return fmt::format("set({})", elements.at(0).to_string());
    case Kind::map:
      return fmt::format("map({})", elements.at(0).to_string());
    case Kind::tuple: {
      std::string out = "tuple([";
      for (std::size_t i = 0; i < elements.size(); ++i) {
        if (i > 0) out += ", ";
        out += elements[i].to_string();
      }
      return out + "])";
    }
    case Kind::object: {
      std::string out = "object({";
      for (std::size_t i = 0; i < elements.size(); ++i) {
        if (i > 0) out += ", ";
        out += attribute_names[i] + "=" + elements[i].to_string();
      }
      return out + "})";
    }
  }
  return "any";
}

std::string_view to_string(NestingMode mode) noexcept {
  switch (mode) {
    case NestingMode::single:
      return "single";
    case NestingMode::group:
      return "group";
    case NestingMode::list:
      return "list";
    case NestingMode::set:
      return "set";
    case NestingMode::map:
      return "map";
  }
  return "list";
}

const Attribute* Block::find_attribute(std::string_view name) const {
  const auto it = attributes.find(name);
  return it == attributes.end() ? nullptr : &it->second;
}

const BlockType* Block::find_block_type(std::string_view name) const {
  const auto it = block_types.find(name);
  return it == block_types.end() ? nullptr : &it->second;
}

// ---- ProviderSchema -----------------------------------------------------------------------

struct ProviderSchema::Impl {
  struct Entry {
    Range range;
    const std::string* text = nullptr;           // the document the range is in
    mutable std::shared_ptr<const Block> block;  // decoded on first use, guarded by mutex
  };
  using Entries = std::map<std::string, Entry, std::less<>>;
  struct Provider {
    std::string source;
    std::string version;
    Entries resources;
    Entries data_sources;
    Entries ephemeral_resources;
    std::vector<std::string> not_included;  // sorted
    std::optional<Entry> config;
  };

  std::string origin;
  std::vector<std::unique_ptr<const std::string>> texts;  // one per file; entries point in
  std::map<std::string, Provider, std::less<>> providers;
  mutable std::mutex mutex;

  const Block* decode(const Entry& entry, std::string_view what) const {
    std::lock_guard lock(mutex);
    if (!entry.block) {
      const std::string where = fmt::format("{}: schema of {}", origin, what);
      const std::string_view body(entry.text->data() + entry.range.begin,
                                  entry.range.end - entry.range.begin);
      json j = json::parse(body, nullptr, false);
      if (j.is_discarded() || !j.is_object()) bad_schema(where, "not a JSON object");
      const auto block = j.find("block");
      if (block == j.end()) bad_schema(where, "has no \"block\"");
      entry.block = decode_block(*block, where);
    }
    return entry.block.get();
  }

  const Provider* find_provider(std::string_view type, std::string_view source_hint) const {
    if (!source_hint.empty()) {
      const auto it = providers.find(normalize_source(source_hint));
      if (it != providers.end()) return &it->second;
    }
    const auto underscore = type.find('_');
    const std::string_view prefix =
        underscore == std::string_view::npos ? type : type.substr(0, underscore);
    for (const auto& [source, provider] : providers) {
      if (type_name_of(source) == prefix) return &provider;
    }
    return nullptr;
  }
};

ProviderSchema::ProviderSchema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProviderSchema::ProviderSchema(ProviderSchema&&) noexcept = default;
ProviderSchema& ProviderSchema::operator=(ProviderSchema&&) noexcept = default;
ProviderSchema::~ProviderSchema() = default;

ProviderSchema ProviderSchema::load(const std::filesystem::path& path) {
  const std::string name = path.string();
  auto fail = [&](std::string_view why) -> void {
    throw IoError("schema.read_failed",
                  fmt::format("cannot read provider schema {}: {}", name, why));
  };
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then rejects it.
  const int fd = ::open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) fail(errno == ENOENT ? "no such file" : std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) fail(std::strerror(errno));
  if (S_ISDIR(info.st_mode)) fail("is a directory");
  if (!S_ISREG(info.st_mode)) fail("not a regular file");
  // A regular file never blocks; clear O_NONBLOCK anyway so short reads are plain EOF.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::string text;
  text.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      fail(std::strerror(errno));
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return parse(std::move(text), name);
}

ProviderSchema ProviderSchema::load(const std::vector<std::filesystem::path>& paths) {
  if (paths.empty()) {
    throw IoError("schema.read_failed", "cannot read provider schema: no file given");
  }
  ProviderSchema merged = load(paths.front());
  for (std::size_t i = 1; i < paths.size(); ++i) {
    ProviderSchema next = load(paths[i]);
    Impl& into = *merged.impl_;
    for (auto& [source, provider] : next.impl_->providers) {
      if (into.providers.count(source) != 0) {
        throw SchemaError("schema.duplicate_provider",
                          fmt::format("provider {} is in two schema files: {} and {}", source,
                                      into.origin, paths[i].string()));
      }
      into.providers.emplace(source, std::move(provider));
    }
    for (auto& text : next.impl_->texts) into.texts.push_back(std::move(text));
    into.origin += " + " + next.impl_->origin;
  }
  return merged;
}

ProviderSchema ProviderSchema::parse(std::string document, std::string origin) {
  auto impl = std::make_unique<Impl>();
  impl->origin = std::move(origin);
  const std::string& text =
      *impl->texts.emplace_back(std::make_unique<const std::string>(std::move(document)));
  Scanner scan(text, impl->origin);
  bool found_providers = false;
  if (scan.at_end()) scan.fail("empty document");
  if (scan.peek() != '{') scan.fail("a provider schema is a JSON object");

  auto entries = [&](Impl::Entries& out) {
    scan.object([&](const std::string& type) {
      Impl::Entry& entry = out[type];
      entry.range = scan.value_range();
      entry.text = &text;
    });
  };
  scan.object([&](const std::string& key) {
    if (key != "provider_schemas") {
      scan.skip_value();
      return;
    }
    found_providers = true;
    scan.object([&](const std::string& source) {
      Impl::Provider& provider = impl->providers[source];
      provider.source = source;
      scan.object([&](const std::string& member) {
        if (member == "resource_schemas") {
          entries(provider.resources);
        } else if (member == "data_source_schemas") {
          entries(provider.data_sources);
        } else if (member == "ephemeral_resource_schemas") {
          entries(provider.ephemeral_resources);
        } else if (member == "provider") {
          provider.config = Impl::Entry{scan.value_range(), &text, nullptr};
        } else if (member == "provider_version" && scan.peek() == '"') {
          provider.version = scan.string();
        } else if (member == "schemas_not_included" && scan.peek() == '[') {
          scan.array([&] {
            if (scan.peek() == '"') {
              provider.not_included.push_back(scan.string());
            } else {
              scan.skip_value();
            }
          });
        } else {
          scan.skip_value();
        }
      });
      std::sort(provider.not_included.begin(), provider.not_included.end());
    });
  });
  if (!scan.at_end()) scan.fail("trailing characters after the document");
  if (!found_providers) {
    throw SchemaError(std::string(kMalformed),
                      fmt::format("{}: has no \"provider_schemas\"; expected the output of "
                                  "`terraform providers schema -json`",
                                  impl->origin));
  }
  return ProviderSchema(std::move(impl));
}

std::vector<std::string> ProviderSchema::providers() const {
  std::vector<std::string> out;
  for (const auto& [source, provider] : impl_->providers) out.push_back(source);
  return out;
}

bool ProviderSchema::has_provider(std::string_view source) const {
  return impl_->providers.find(normalize_source(source)) != impl_->providers.end();
}

std::string ProviderSchema::provider_version(std::string_view source) const {
  const auto it = impl_->providers.find(normalize_source(source));
  return it == impl_->providers.end() ? std::string() : it->second.version;
}

std::vector<std::string> ProviderSchema::resource_types(std::string_view source) const {
  std::vector<std::string> out;
  const auto it = impl_->providers.find(normalize_source(source));
  if (it != impl_->providers.end()) {
    for (const auto& [type, entry] : it->second.resources) out.push_back(type);
  }
  return out;
}

std::vector<std::string> ProviderSchema::data_source_types(std::string_view source) const {
  std::vector<std::string> out;
  const auto it = impl_->providers.find(normalize_source(source));
  if (it != impl_->providers.end()) {
    for (const auto& [type, entry] : it->second.data_sources) out.push_back(type);
  }
  return out;
}

Lookup ProviderSchema::lookup(ElementKind kind, std::string_view type,
                              std::string_view source_hint) const {
  Lookup result;
  const Impl::Provider* provider = impl_->find_provider(type, source_hint);
  if (provider == nullptr) return result;
  result.provider = provider->source;
  const Impl::Entries& entries = kind == ElementKind::resource      ? provider->resources
                                 : kind == ElementKind::data_source ? provider->data_sources
                                                                    : provider->ephemeral_resources;
  if (const auto it = entries.find(type); it != entries.end()) {
    result.block = impl_->decode(it->second, it->first);
    result.status = Lookup::Status::found;
  } else if (std::binary_search(provider->not_included.begin(), provider->not_included.end(),
                                type)) {
    result.status = Lookup::Status::schema_not_included;
  } else {
    result.status = Lookup::Status::unknown_type;
  }
  return result;
}

const Block* ProviderSchema::resource(std::string_view type) const {
  return lookup(ElementKind::resource, type).block;
}

const Block* ProviderSchema::data_source(std::string_view type) const {
  return lookup(ElementKind::data_source, type).block;
}

const Block* ProviderSchema::provider_config(std::string_view source) const {
  const auto it = impl_->providers.find(normalize_source(source));
  if (it == impl_->providers.end() || !it->second.config) return nullptr;
  return impl_->decode(*it->second.config, "provider " + it->first);
}

void ProviderSchema::decode_all() const {
  for (const auto& [source, provider] : impl_->providers) {
    for (const auto& [type, entry] : provider.resources) impl_->decode(entry, type);
    for (const auto& [type, entry] : provider.data_sources) impl_->decode(entry, "data " + type);
    for (const auto& [type, entry] : provider.ephemeral_resources) {
      impl_->decode(entry, "ephemeral " + type);
    }
    if (provider.config) impl_->decode(*provider.config, "provider " + source);
  }
}

const std::string& ProviderSchema::origin() const noexcept { return impl_->origin; }

}  // namespace edustack::schema
