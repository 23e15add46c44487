#include "edustack/core/logical_id.hpp"

#include <cstdint>

#include "logical_id_parts.hpp"

namespace edustack::inline core {

namespace {

bool allowed(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  for (char c : text) out.push_back(allowed(c) ? c : '_');
  if (out.empty() || (out[0] >= '0' && out[0] <= '9') || out[0] == '-') out.insert(0, 1, '_');
  return out;
}

}  // namespace

std::string make_logical_id(const std::vector<std::string>& stack_relative_path) {
  std::vector<std::string_view> parts(stack_relative_path.begin(), stack_relative_path.end());
  return detail::make_logical_id(parts.data(), parts.size());
}

namespace detail {

std::string make_logical_id(const std::string_view* parts, std::size_t count) {
  if (count == 1) return sanitize(parts[0]);
  // The "_"-joined path, sanitized, and the FNV-1a hash of the "/"-joined one, in one pass
  // and one string (every nested element's id is made this way).
  std::size_t size = 10;
  for (std::size_t i = 0; i < count; ++i) size += parts[i].size() + 1;
  std::string out;
  out.reserve(size);
  std::uint32_t hash = 2166136261u;
  const auto mix = [&hash](char c) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  };
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) {
      out += '_';
      mix('/');
    }
    for (char c : parts[i]) {
      out += allowed(c) ? c : '_';
      mix(c);
    }
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9') || out[0] == '-') out.insert(0, 1, '_');
  // "_" and the hash as 8 lowercase hex digits (what "%08x" writes, without snprintf's cost).
  static constexpr char hex[] = "0123456789abcdef";
  out += '_';
  for (int shift = 28; shift >= 0; shift -= 4) out += hex[(hash >> shift) & 0xf];
  return out;
}

}  // namespace detail

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
