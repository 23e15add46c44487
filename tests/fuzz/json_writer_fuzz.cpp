// Fuzzes the JSON writer and escaper: any string in, either valid JSON out that nlohmann::json
// parses back to the same string (as a value and as a key, verbatim and in an expression
// position, where "${" / "%{" are doubled), or, for text that is not UTF-8, Error
// "value.invalid". Never a crash, and never JSON that does not parse.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <edustack/error.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "core/json_writer.hpp"
#include "core/render.hpp"

using edustack::Value;
using nlohmann::json;

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "json_writer fuzz: %s\n", what);
  std::abort();
}

void check_number(const std::uint8_t* data, std::size_t size) {
  if (size < sizeof(double)) return;
  double d = 0;
  std::memcpy(&d, data, sizeof d);
  try {
    const std::string out = edustack::core::write_json(Value(d));
    if (!std::isfinite(d)) fail("a non-finite number was written");
    const json parsed = json::parse(out);
    if (parsed.get<double>() != d) fail("a number did not round-trip");
  } catch (const edustack::Error& error) {
    if (std::isfinite(d) || error.id() != "value.invalid") fail("finite number rejected");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const bool utf8 = edustack::core::valid_utf8(text);
  const std::string escaped = edustack::core::escape_template_literal(text);

  // Plain JSON: the string as a value and as a key.
  try {
    const std::string out = edustack::core::write_json(Value::Object{{text, text}});
    if (!utf8) fail("invalid UTF-8 was written");
    const json parsed = json::parse(out);
    if (parsed.size() != 1 || parsed.begin().key() != text || parsed.begin().value() != text) {
      fail("a string did not round-trip through write_json");
    }
    if (out != parsed.dump(2) + "\n") fail("write_json differs from nlohmann dump(2)");
  } catch (const json::exception&) {
    fail("write_json produced JSON that does not parse");
  } catch (const edustack::Error& error) {
    if (utf8 || error.id() != "value.invalid") fail("valid UTF-8 rejected by write_json");
  }

  // Terraform JSON: a local (expression position: escaped) and a variable default (verbatim).
  try {
    Value document = Value::Object{};
    document["locals"]["value"] = text;
    document["locals"]["map"] = Value::Object{{text, 1}};
    document["variable"]["v"]["default"] = text;
    bool invalid = false;
    const std::string out = edustack::core::write_terraform_json(document, &invalid);
    if (invalid != !utf8) fail("write_terraform_json flagged the wrong strings");
    if (utf8) {
      const json parsed = json::parse(out);
      if (parsed["locals"]["value"] != escaped) fail("an expression-position string is wrong");
      if (parsed["locals"]["map"].begin().key() != escaped) fail("a map key was not escaped");
      if (parsed["variable"]["v"]["default"] != text) fail("a verbatim string was changed");
    }
    if (!invalid) {
      // Reported values agree with the writer's flag.
      bool reported = false;
      edustack::core::for_each_invalid_value(document,
                                             [&](const auto&, const auto&) { reported = true; });
      if (reported) fail("for_each_invalid_value reports a value the writer accepted");
    }
  } catch (const json::exception&) {
    fail("write_terraform_json produced JSON that does not parse");
  }

  check_number(data, size);
  return 0;
}
