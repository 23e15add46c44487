#include "edustack/core/logical_id.hpp"

#include <cstdint>

namespace edustack::inline core {

namespace {

std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    out.push_back(ok ? c : '_');
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9') || out[0] == '-') out.insert(0, 1, '_');
  return out;
}

}  // namespace

std::string make_logical_id(const std::vector<std::string>& stack_relative_path) {
  if (stack_relative_path.size() == 1) return sanitize(stack_relative_path.front());
  std::string joined;
  std::string slashed;
  for (const auto& component : stack_relative_path) {
    if (!joined.empty()) {
      joined += '_';
      slashed += '/';
    }
    joined += component;
    slashed += component;
  }
  // "_" and the hash as 8 lowercase hex digits (what "%08x" writes, without snprintf's cost:
  // every nested element's id is made this way).
  std::string out = sanitize(joined);
  static constexpr char hex[] = "0123456789abcdef";
  const std::uint32_t hash = fnv1a(slashed);
  out += '_';
  for (int shift = 28; shift >= 0; shift -= 4) out += hex[(hash >> shift) & 0xf];
  return out;
}

std::string logical_id_for_path(std::string_view stack_relative_path) {
  std::vector<std::string> components;
  std::size_t start = 0;
  while (start <= stack_relative_path.size()) {
    auto slash = stack_relative_path.find('/', start);
    if (slash == std::string_view::npos) slash = stack_relative_path.size();
    if (slash > start) components.emplace_back(stack_relative_path.substr(start, slash - start));
    start = slash + 1;
  }
  return make_logical_id(components);
}

}  // namespace edustack::inline core
