#include "edustack/constructs/checks.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string format_number(double value) {
  if (value == std::floor(value)) return std::to_string(static_cast<long long>(value));
  std::string text = std::to_string(value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  return text;
}
}  // namespace

std::optional<std::string> name_problem(std::string_view name, const NameRule& rule) {
  std::string quoted = "\"" + std::string(name) + "\"";
  if (name.size() < rule.min_length || name.size() > rule.max_length) {
    return quoted + " is " + std::to_string(name.size()) + " characters; a " + rule.what + " has " +
           std::to_string(rule.min_length) + " to " + std::to_string(rule.max_length);
  }
  for (char c : name) {
    bool letter = is_lower(c) || (!rule.lowercase_only && is_upper(c));
    if (letter || is_digit(c) || std::strchr(rule.punctuation, c) != nullptr) continue;
    return quoted + " contains '" + std::string(1, c) + "'; a " + rule.what + " allows " +
           (rule.lowercase_only ? "lowercase letters" : "letters") + ", digits and \"" +
           rule.punctuation + "\"";
  }
  if (rule.starts_with_letter && !(is_lower(name.front()) || is_upper(name.front()))) {
    return quoted + ": a " + std::string(rule.what) + " must start with a letter";
  }
  auto alnum = [](char c) { return is_lower(c) || is_upper(c) || is_digit(c); };
  if (rule.alnum_at_ends && (!alnum(name.front()) || !alnum(name.back()))) {
    return quoted + ": a " + std::string(rule.what) + " must start and end with a letter or digit";
  }
  return std::nullopt;
}

void check_name(const core::Construct& owner, std::string_view field, std::string_view name,
                const NameRule& rule) {
  if (auto problem = name_problem(name, rule)) {
    throw ConfigError(owner.node().path(), std::string(field), *problem);
  }
}

const std::vector<int>& allowed_log_retention_days() {
  static const std::vector<int> days{1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                     365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};
  return days;
}

std::optional<std::string> log_retention_problem(int days) {
  const auto& allowed = allowed_log_retention_days();
  if (std::find(allowed.begin(), allowed.end(), days) != allowed.end()) return std::nullopt;
  std::string list;
  for (int d : allowed) list += (list.empty() ? "" : ", ") + std::to_string(d);
  return std::to_string(days) + " is not a CloudWatch Logs retention period (" + list + ")";
}

void check_log_retention(const core::Construct& owner, std::string_view field, int days) {
  if (auto problem = log_retention_problem(days)) {
    throw ConfigError(owner.node().path(), std::string(field), *problem);
  }
}

std::optional<Cidr> Cidr::parse(std::string_view text) {
  std::uint32_t address = 0;
  std::size_t position = 0;
  for (int octet = 0; octet < 4; ++octet) {
    unsigned value = 0;
    auto begin = text.data() + position;
    auto end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr == begin || value > 255 || ptr - begin > 3) return std::nullopt;
    address = (address << 8) | value;
    position = static_cast<std::size_t>(ptr - text.data());
    char expected = octet < 3 ? '.' : '/';
    if (position >= text.size() || text[position] != expected) return std::nullopt;
    ++position;
  }
  int prefix = 0;
  auto begin = text.data() + position;
  auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), prefix);
  if (ec != std::errc() || ptr == begin || ptr != text.data() + text.size() || prefix < 0 ||
      prefix > 32) {
    return std::nullopt;
  }
  std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  if ((address & ~mask) != 0) return std::nullopt;  // host bits set: not a network address
  return Cidr{address, prefix};
}

bool Cidr::contains(const Cidr& other) const {
  return other.prefix >= prefix && other.address >= address && other.last() <= last();
}

bool Cidr::overlaps(const Cidr& other) const {
  return address <= other.last() && other.address <= last();
}

Cidr Cidr::subnet(int newbits, std::uint32_t index) const {
  int new_prefix = prefix + newbits;
  std::uint32_t step = new_prefix >= 32 ? 1u : (1u << (32 - new_prefix));
  return Cidr{address + index * step, new_prefix};
}

std::string Cidr::to_string() const {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) + "." +
         std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255) + "/" +
         std::to_string(prefix);
}

std::optional<std::string> cidr_problem(std::string_view text) {
  if (Cidr::parse(text)) return std::nullopt;
  return "\"" + std::string(text) +
         "\" is not an IPv4 CIDR block (a.b.c.d/n with the host bits zero)";
}

Cidr check_cidr(const core::Construct& owner, std::string_view field, std::string_view text) {
  if (auto cidr = Cidr::parse(text)) return *cidr;
  throw ConfigError(owner.node().path(), std::string(field), *cidr_problem(text));
}

std::optional<std::string> availability_zone_problem(std::string_view zone,
                                                     std::string_view region) {
  bool ok = zone.size() == region.size() + 1 && zone.substr(0, region.size()) == region &&
            is_lower(zone.back());
  if (ok) return std::nullopt;
  return "\"" + std::string(zone) + "\" is not an availability zone of " + std::string(region);
}

void check_availability_zone(const core::Construct& owner, std::string_view field,
                             std::string_view zone, std::string_view region) {
  if (auto problem = availability_zone_problem(zone, region)) {
    throw ConfigError(owner.node().path(), std::string(field), *problem);
  }
}

std::optional<std::string> range_problem(double value, double min, double max, double step) {
  if (std::isnan(value) || std::isinf(value)) {
    return std::string(std::isnan(value) ? "NaN" : "infinity") +
           " is not a number; give a value from " + format_number(min) + " to " +
           format_number(max);
  }
  // Written so that a NaN bound fails too: NaN compares false with everything.
  if (!(value >= min && value <= max)) {
    return format_number(value) + " is outside " + format_number(min) + " to " + format_number(max);
  }
  if (step > 0) {
    double steps = (value - min) / step;
    if (std::fabs(steps - std::round(steps)) > 1e-9) {
      return format_number(value) + " is not a multiple of " + format_number(step);
    }
  }
  return std::nullopt;
}

void check_range(const core::Construct& owner, std::string_view field, double value, double min,
                 double max, double step) {
  if (auto problem = range_problem(value, min, max, step)) {
    throw ConfigError(owner.node().path(), std::string(field), *problem);
  }
}

ConfigProblems::ConfigProblems(const core::Construct& owner) : path_(owner.node().path()) {}

void ConfigProblems::add(std::string field, std::string message) {
  problems_.push_back({std::move(field), std::move(message)});
}

bool ConfigProblems::add_if(std::string_view field, std::optional<std::string> problem) {
  if (!problem) return true;
  add(std::string(field), std::move(*problem));
  return false;
}

bool ConfigProblems::name(std::string_view field, std::string_view value, const NameRule& rule) {
  return add_if(field, name_problem(value, rule));
}

bool ConfigProblems::log_retention(std::string_view field, int days) {
  return add_if(field, log_retention_problem(days));
}

std::optional<Cidr> ConfigProblems::cidr(std::string_view field, std::string_view text) {
  auto cidr = Cidr::parse(text);
  if (!cidr) add_if(field, cidr_problem(text));
  return cidr;
}

bool ConfigProblems::availability_zone(std::string_view field, std::string_view zone,
                                       std::string_view region) {
  return add_if(field, availability_zone_problem(zone, region));
}

bool ConfigProblems::range(std::string_view field, double value, double min, double max,
                           double step) {
  return add_if(field, range_problem(value, min, max, step));
}

void ConfigProblems::throw_if_any() const {
  if (problems_.empty()) return;
  // ConfigError writes "[path] field: message" for the first; the others follow, one a line.
  std::string message = problems_.front().message;
  for (std::size_t i = 1; i < problems_.size(); ++i) {
    message += "\n[" + path_ + "] " + problems_[i].field + ": " + problems_[i].message;
  }
  throw ConfigError(path_, problems_.front().field, message);
}

}  // namespace edustack::constructs
