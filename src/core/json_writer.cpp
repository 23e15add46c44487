#include "json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

#include "render.hpp"

namespace edustack::inline core {

namespace {

void write_escaped(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
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
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[(c >> 4) & 0xf];
          out += hex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void write_number(std::string& out, const Value& value) {
  char buffer[32];
  if (value.kind() == Value::Kind::integer) {
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value.as_integer());
    out.append(buffer, result.ptr);
    return;
  }
  double d = value.as_number();
  if (!std::isfinite(d)) {
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

class Writer {
 public:
  explicit Writer(bool terraform) : terraform_(terraform) {}

  void value(const Value& v, int depth, Position position, bool escape) {
    switch (v.kind()) {
      case Value::Kind::null:
        out += "null";
        break;
      case Value::Kind::boolean:
        out += v.as_bool() ? "true" : "false";
        break;
      case Value::Kind::integer:
      case Value::Kind::real:
        write_number(out, v);
        break;
      case Value::Kind::string:
        if (escape) {
          write_escaped(out, escape_template_literal(v.as_string()));
        } else {
          write_escaped(out, v.as_string());
        }
        break;
      case Value::Kind::expression:
        write_escaped(out, render_template(v.as_expression()));
        break;
      case Value::Kind::list: {
        const auto& list = v.as_list();
        if (list.empty()) {
          out += "[]";
          break;
        }
        out += "[\n";
        bool first = true;
        for (const auto& item : list) {
          if (!first) out += ",\n";
          first = false;
          indent(out, depth + 1);
          Position next = position;
          if (escape && next.size < 4) next.parts[static_cast<std::size_t>(next.size++)] = "[]";
          value(item, depth + 1, next, escape && !(terraform_ && next.verbatim()));
        }
        out += '\n';
        indent(out, depth);
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
          indent(out, depth + 1);
          write_escaped(out, key);
          out += ": ";
          bool child_escape = escape && key != "//";
          Position next = position;
          if (child_escape && next.size < 4) {
            next.parts[static_cast<std::size_t>(next.size++)] = key;
            child_escape = !(terraform_ && next.verbatim());
          }
          value(item, depth + 1, next, child_escape);
        }
        out += '\n';
        indent(out, depth);
        out += '}';
        break;
      }
    }
  }

  std::string out;

 private:
  bool terraform_;
};

}  // namespace

std::string write_terraform_json(const Value& document) {
  Writer writer(true);
  writer.out.reserve(4096);
  writer.value(document, 0, Position{}, true);
  writer.out += '\n';
  return std::move(writer.out);
}

std::string write_json(const Value& value) {
  Writer writer(false);
  writer.value(value, 0, Position{}, false);
  writer.out += '\n';
  return std::move(writer.out);
}

}  // namespace edustack::inline core
