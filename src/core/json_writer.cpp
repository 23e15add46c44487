#include "json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "edustack/error.hpp"
#include "render.hpp"

namespace edustack::inline core {

namespace {

// The length of the valid UTF-8 sequence at text[i] (1 to 4), or 0 when it is not one:
// a stray continuation byte, a truncated sequence, an overlong form, a surrogate or a code
// point above U+10FFFF (RFC 3629).
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xbf;  // allowed range of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  }
  return length;
}

// Whether the eight bytes at p are all printable ASCII other than the quote and the backslash
// (bit tricks on one 64-bit word: a byte below n is found by (w - n * ones) & ~w & high).
bool plain_word(const char* p) {
  constexpr std::uint64_t ones = 0x0101010101010101u;
  constexpr std::uint64_t high = 0x8080808080808080u;
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);
  const auto zero_byte = [&](std::uint64_t v) { return (v - ones) & ~v & high; };
  const std::uint64_t control = (w - 0x20 * ones) & ~w & high;
  return ((w & high) | control | zero_byte(w ^ ('"' * ones)) | zero_byte(w ^ ('\\' * ones))) == 0;
}

// Writes text as a JSON string. Invalid UTF-8 sets *invalid (the caller reports it with the
// path) and is written as U+FFFD so the text stays well-formed while the problem is collected.
// Runs of printable ASCII, nearly all of a Terraform document, are copied in one append.
void write_escaped(std::string& out, std::string_view text, bool& invalid) {
  // Bytes copied as they are: printable ASCII except the quote and the backslash.
  static constexpr auto plain_byte = [] {
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return table;
  }();
  out += '"';
  std::size_t plain = 0;  // start of the run copied as it is
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Eight plain bytes at a time (no byte below 0x20 or above 0x7f, no quote, no backslash).
    while (i + 8 <= text.size() && plain_word(text.data() + i)) i += 8;
    if (i >= text.size()) break;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (plain_byte[byte]) continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    switch (byte) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (byte < 0x20) {
          static constexpr char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[(byte >> 4) & 0xf];
          out += hex[byte & 0xf];
        } else if (const std::size_t length = utf8_sequence(text, i); length > 0) {
          out.append(text.data() + i, length);
          i += length - 1;
          plain = i + 1;
        } else {
          invalid = true;
          out += "\xef\xbf\xbd";
        }
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  out += '"';
}

bool has_template_opening(std::string_view text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '{' && (text[i - 1] == '$' || text[i - 1] == '%')) return true;
  }
  return false;
}

void write_number(std::string& out, const Value& value, bool& invalid) {
  char buffer[32];
  if (value.kind() == Value::Kind::integer) {
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value.as_integer());
    out.append(buffer, result.ptr);
    return;
  }
  double d = value.as_number();
  if (!std::isfinite(d)) {
    invalid = true;  // reported with its path by the caller; never written as null
    out += "null";
    return;
  }
  auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  out.append(buffer, result.ptr);
}

void indent(std::string& out, int depth) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }

// The first components of the path being written, enough to tell verbatim positions.
struct Position {
  std::array<std::string_view, 4> parts{};
  int size = 0;

  bool verbatim() const {
    if (size == 0) return false;
    auto at = [&](int i) { return i < size ? parts[static_cast<std::size_t>(i)] : ""; };
    if (at(0) == "terraform") return true;
    if (size == 3 && at(0) == "variable") {
      return at(2) == "default" || at(2) == "description" || at(2) == "type";
    }
    if (size == 3 && at(0) == "output") return at(2) == "description";
    if (size == 3 && at(0) == "module") return at(2) == "source" || at(2) == "version";
    if (size == 4 && at(0) == "provider") return at(3) == "alias";
    return false;
  }
};

// Where a value is written: its depth, the first components of its path and whether its
// strings are templates (escaped) or written verbatim.
struct Place {
  Position position;
  int depth = 0;
  bool escape = true;
};

// The place of member `key` of the object at place. key must outlive the result.
Place member_place(const Place& place, std::string_view key, bool terraform) {
  Place next{place.position, place.depth + 1, place.escape && key != "//"};
  if (next.escape && next.position.size < 4) {
    next.position.parts[static_cast<std::size_t>(next.position.size++)] = key;
    next.escape = !(terraform && next.position.verbatim());
  }
  return next;
}

// The place of an item of the list at place.
Place item_place(const Place& place, bool terraform) {
  Place next{place.position, place.depth + 1, place.escape};
  if (place.escape && next.position.size < 4) {
    next.position.parts[static_cast<std::size_t>(next.position.size++)] = "[]";
  }
  next.escape = place.escape && !(terraform && next.position.verbatim());
  return next;
}

// An object key of the object at place: in expression positions Terraform reads keys as
// templates too.
void write_key(std::string& out, std::string_view key, const Place& place, bool& invalid) {
  if (place.escape && has_template_opening(key)) {
    write_escaped(out, escape_template_literal(key), invalid);
  } else {
    write_escaped(out, key, invalid);
  }
}

class Writer {
 public:
  explicit Writer(bool terraform) : terraform_(terraform) {}

  void value(const Value& v, const Place& place) {
    switch (v.kind()) {
      case Value::Kind::null:
        out += "null";
        break;
      case Value::Kind::boolean:
        out += v.as_bool() ? "true" : "false";
        break;
      case Value::Kind::integer:
      case Value::Kind::real:
        write_number(out, v, invalid);
        break;
      case Value::Kind::string:
        if (place.escape && has_template_opening(v.as_string())) {
          write_escaped(out, escape_template_literal(v.as_string()), invalid);
        } else {
          write_escaped(out, v.as_string(), invalid);
        }
        break;
      case Value::Kind::expression:
        // Rendered into a buffer reused for every expression of the document.
        scratch_.clear();
        if (!append_template(scratch_, v.as_expression())) invalid = true;
        write_escaped(out, scratch_, invalid);
        break;
      case Value::Kind::list: {
        const auto& list = v.as_list();
        if (list.empty()) {
          out += "[]";
          break;
        }
        out += "[\n";
        const Place next = item_place(place, terraform_);
        bool first = true;
        for (const auto& item : list) {
          if (!first) out += ",\n";
          first = false;
          indent(out, next.depth);
          value(item, next);
        }
        out += '\n';
        indent(out, place.depth);
        out += ']';
        break;
      }
      case Value::Kind::object: {
        const auto& object = v.as_object();
        if (object.empty()) {
          out += "{}";
          break;
        }
        out += "{\n";
        bool first = true;
        for (const auto& [key, item] : object) {
          if (!first) out += ",\n";
          first = false;
          indent(out, place.depth + 1);
          write_key(out, key, place, invalid);
          out += ": ";
          value(item, member_place(place, key, terraform_));
        }
        out += '\n';
        indent(out, place.depth);
        out += '}';
        break;
      }
    }
  }

  std::string out;
  bool invalid = false;

 private:
  bool terraform_;
  std::string scratch_;
};

[[noreturn]] void throw_invalid(const Value& value) {
  std::string where;
  for_each_invalid_value(value, [&](const std::vector<std::string>& path, const std::string& what) {
    if (!where.empty()) return;
    for (const auto& part : path) where += (where.empty() ? "" : ".") + part;
    where = (where.empty() ? "(the value)" : where) + ": " + what;
  });
  throw Error("value.invalid", "cannot write JSON: " + where);
}

void walk_invalid(const Value& value, std::vector<std::string>& path,
                  const InvalidValueVisitor& visit) {
  switch (value.kind()) {
    case Value::Kind::real: {
      const double d = value.as_number();
      if (std::isnan(d)) visit(path, "NaN is not a number JSON or Terraform can hold");
      if (std::isinf(d)) visit(path, "infinity is not a number JSON or Terraform can hold");
      break;
    }
    case Value::Kind::string:
      if (!valid_utf8(value.as_string())) {
        visit(path,
              "the string is not valid UTF-8 (" + describe_invalid_utf8(value.as_string()) + ")");
      }
      break;
    case Value::Kind::list: {
      std::size_t index = 0;
      for (const auto& item : value.as_list()) {
        path.push_back(std::to_string(index++));
        walk_invalid(item, path, visit);
        path.pop_back();
      }
      break;
    }
    case Value::Kind::object:
      for (const auto& [key, item] : value.as_object()) {
        if (!valid_utf8(key)) {
          visit(path, "a key is not valid UTF-8 (" + describe_invalid_utf8(key) + ")");
          continue;
        }
        path.push_back(key);
        walk_invalid(item, path, visit);
        path.pop_back();
      }
      break;
    case Value::Kind::expression: {
      const auto& node = detail::node_of(value.as_expression());
      bool reported = false;
      for (const auto& item : node.operands) {
        walk_invalid(item, path, [&](const std::vector<std::string>& at, const std::string& what) {
          reported = true;
          visit(at, "in an expression: " + what);
        });
      }
      if (!reported && !valid_utf8(render_template(value.as_expression()))) {
        visit(path, "the expression text is not valid UTF-8");
      }
      break;
    }
    default:
      break;
  }
}

}  // namespace

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string describe_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) break;
    i += length;
  }
  if (i >= text.size()) return "valid";
  static constexpr char hex[] = "0123456789abcdef";
  const auto byte = static_cast<unsigned char>(text[i]);
  return std::string("byte 0x") + hex[byte >> 4] + hex[byte & 0xf] + " at offset " +
         std::to_string(i);
}

void for_each_invalid_value(const Value& value, const InvalidValueVisitor& visit) {
  std::vector<std::string> path;
  walk_invalid(value, path, visit);
}

std::string write_terraform_json(const Value& document, bool* invalid, std::size_t expected_size) {
  Writer writer(true);
  writer.out.reserve(expected_size);
  writer.value(document, Place{});
  writer.out += '\n';
  if (writer.invalid) {
    if (!invalid) throw_invalid(document);
    *invalid = true;
  }
  return std::move(writer.out);
}

std::string write_json(const Value& value) {
  Writer writer(false);
  writer.value(value, Place{.position = {}, .depth = 0, .escape = false});
  writer.out += '\n';
  if (writer.invalid) throw_invalid(value);
  return std::move(writer.out);
}

namespace detail {

// 40 bytes: one per element's body (100k of them at 100k resources), so the members of an
// object and the items of a list are held apart.
struct JsonDocumentStream::Node {
  enum class Kind : unsigned char { null, object, text, list };
  Kind kind = Kind::null;
  std::size_t offset = 0;  // text: the piece of pieces_
  std::size_t size = 0;
  std::unique_ptr<std::map<std::string, Node, std::less<>>> members;        // object
  std::unique_ptr<std::vector<std::pair<std::size_t, std::size_t>>> items;  // list: pieces
};

namespace {

// A piece written at depth 0, appended at depth: every line after the first is indented by
// 2 * depth more (the writer indents right after each newline, and a newline appears nowhere
// else: strings escape it). Pieces are held without that indentation: 6 MB less at 100k.
void append_indented(std::string& out, std::string_view piece, int depth) {
  const auto pad = static_cast<std::size_t>(depth) * 2;
  std::size_t start = 0;
  for (std::size_t newline = piece.find('\n'); newline != std::string_view::npos;
       newline = piece.find('\n', start)) {
    out.append(piece.data() + start, newline + 1 - start);
    out.append(pad, ' ');
    start = newline + 1;
  }
  out.append(piece.data() + start, piece.size() - start);
}

}  // namespace

struct JsonDocumentStream::Impl {
  Node root{.kind = Node::Kind::object,
            .offset = 0,
            .size = 0,
            .members = std::make_unique<std::map<std::string, Node, std::less<>>>(),
            .items = {}};
  Writer pieces{true};  // pieces.out: every body written so far, in the order they came
  std::size_t expected_size = 0;
  bool invalid = false;  // a key that is not UTF-8 (checked when it joins the tree)
  // write_text: where each chunk goes, its size, and whether the sink asked to stop.
  const std::function<bool(std::string_view)>* sink = nullptr;
  std::size_t chunk_size = 0;
  std::size_t flushed = 0;
  bool stopped = false;

  void flush(std::string& out, bool last) {
    if (!sink || stopped || (!last && out.size() < chunk_size)) return;
    flushed += out.size();
    if (!(*sink)(std::string_view(out))) stopped = true;
    out.clear();
  }

  // document[key] as Value::operator[] does it: a null becomes an object, a missing key a null;
  // nullptr where Value would throw or reach into a body already written.
  static void make_object(Node& node) {
    node.kind = Node::Kind::object;
    node.members = std::make_unique<std::map<std::string, Node, std::less<>>>();
  }

  Node* member(Node& node, std::string_view key) {
    if (node.kind == Node::Kind::null) make_object(node);
    if (node.kind != Node::Kind::object) return nullptr;
    auto& members = *node.members;
    auto it = members.lower_bound(key);
    if (it == members.end() || it->first != key) {
      check_key(key);
      it = members.emplace_hint(it, std::string(key), Node{});
    }
    return &it->second;
  }

  // A key that is not UTF-8 makes the document invalid (as write_key would find when the text
  // is written): known before the text is, so that nothing is written for it.
  void check_key(std::string_view key) {
    if (!invalid && !valid_utf8(key)) invalid = true;
  }

  // The node at path[0 .. count), created as Value::operator[] creates it.
  Node* at(const std::vector<std::string>& path, std::size_t count) {
    Node* current = &root;
    for (std::size_t i = 0; current && i < count; ++i) current = member(*current, path[i]);
    return current;
  }

  static Place place_of(const std::vector<std::string>& path) {
    Place place;
    for (const auto& part : path) place = member_place(place, part, true);
    return place;
  }

  std::pair<std::size_t, std::size_t> write(const Value& body, const Place& place) {
    const std::size_t offset = pieces.out.size();
    pieces.value(body, Place{.position = place.position, .depth = 0, .escape = place.escape});
    return {offset, pieces.out.size() - offset};
  }

  void text(std::string& out, const Node& node, const Place& place) {
    if (stopped) return;
    switch (node.kind) {
      case Node::Kind::null:
        out += "null";
        break;
      case Node::Kind::text:
        append_indented(out, std::string_view(pieces.out).substr(node.offset, node.size),
                        place.depth);
        flush(out, false);
        break;
      case Node::Kind::list: {
        if (node.items->empty()) {
          out += "[]";
          break;
        }
        out += "[\n";
        bool first = true;
        for (const auto& [offset, size] : *node.items) {
          if (!first) out += ",\n";
          first = false;
          indent(out, place.depth + 1);
          append_indented(out, std::string_view(pieces.out).substr(offset, size), place.depth + 1);
          flush(out, false);
        }
        out += '\n';
        indent(out, place.depth);
        out += ']';
        break;
      }
      case Node::Kind::object: {
        if (node.members->empty()) {
          out += "{}";
          break;
        }
        out += "{\n";
        bool first = true;
        for (const auto& [key, member] : *node.members) {
          if (!first) out += ",\n";
          first = false;
          indent(out, place.depth + 1);
          write_key(out, key, place, invalid);
          out += ": ";
          text(out, member, member_place(place, key, true));
        }
        out += '\n';
        indent(out, place.depth);
        out += '}';
        break;
      }
    }
  }
};

JsonDocumentStream::JsonDocumentStream(std::size_t expected_size)
    : impl_(std::make_unique<Impl>()) {
  impl_->expected_size = expected_size;
  impl_->pieces.out.reserve(expected_size);
}

JsonDocumentStream::~JsonDocumentStream() = default;

bool JsonDocumentStream::touch(const std::vector<std::string>& path) {
  return impl_->at(path, path.size()) != nullptr;
}

bool JsonDocumentStream::place(const std::vector<std::string>& path, const Value& body,
                               bool& placed) {
  placed = false;
  if (path.empty()) return false;
  Node* parent = impl_->at(path, path.size() - 1);
  if (!parent) return false;
  if (parent->kind == Node::Kind::null) Impl::make_object(*parent);
  if (parent->kind != Node::Kind::object) return false;
  auto& members = *parent->members;
  auto it = members.lower_bound(path.back());
  if (it != members.end() && it->first == path.back()) return true;  // first one wins
  impl_->check_key(path.back());
  const auto [offset, size] = impl_->write(body, Impl::place_of(path));
  members.emplace_hint(
      it, path.back(),
      Node{.kind = Node::Kind::text, .offset = offset, .size = size, .members = {}, .items = {}});
  placed = true;
  return true;
}

bool JsonDocumentStream::append(const std::vector<std::string>& path, const Value& body) {
  Node* list = impl_->at(path, path.size());
  if (!list) return false;
  if (list->kind == Node::Kind::null) {
    list->kind = Node::Kind::list;
    list->items = std::make_unique<std::vector<std::pair<std::size_t, std::size_t>>>();
  }
  if (list->kind != Node::Kind::list) return false;
  list->items->push_back(impl_->write(body, item_place(Impl::place_of(path), true)));
  return true;
}

bool JsonDocumentStream::assign(const std::vector<std::string>& path, const Value& body) {
  if (path.empty()) return false;
  Node* node = impl_->at(path, path.size());
  if (!node) return false;
  const auto [offset, size] = impl_->write(body, Impl::place_of(path));
  *node =
      Node{.kind = Node::Kind::text, .offset = offset, .size = size, .members = {}, .items = {}};
  return true;
}

bool JsonDocumentStream::invalid() const noexcept {
  return impl_->invalid || impl_->pieces.invalid;
}

std::string JsonDocumentStream::text() {
  std::string out;
  // The pieces are held without their base indentation: the text is longer than they are.
  out.reserve(std::max(impl_->expected_size, impl_->pieces.out.size() * 3 / 2 + 4096));
  impl_->text(out, impl_->root, Place{});
  out += '\n';
  return out;
}

std::optional<std::size_t> JsonDocumentStream::write_text(
    const std::function<bool(std::string_view)>& sink, std::size_t chunk_size) {
  Impl& impl = *impl_;
  impl.sink = &sink;
  impl.chunk_size = chunk_size;
  impl.flushed = 0;
  impl.stopped = false;
  struct Reset {
    Impl& impl;
    ~Reset() { impl.sink = nullptr; }
  } reset{impl};
  std::string out;
  // A piece may be larger than a chunk: the buffer grows to hold it, then is flushed.
  out.reserve(chunk_size + 4096);
  impl.text(out, impl.root, Place{});
  if (impl.stopped) return std::nullopt;
  out += '\n';
  impl.flush(out, true);
  if (impl.stopped) return std::nullopt;
  return impl.flushed;
}

}  // namespace detail

}  // namespace edustack::inline core
