#include "edustack/compliance/suppression.hpp"

#include <memory>

#include "edustack/compliance/ferpa.hpp"
#include "edustack/core/aspect.hpp"
#include "edustack/error.hpp"

namespace edustack::compliance {

namespace {

// Suppressions ride on the construct's node as an aspect that does nothing when visited: the
// node owns them, they live as long as the construct, and no registry keyed by address can
// dangle.
class SuppressionHolder : public Aspect {
 public:
  void visit(Construct&) override {}
  std::vector<Suppression> suppressions;
};

SuppressionHolder* holder_of(const Construct& construct) {
  for (const auto& aspect : construct.node().aspects()) {
    if (auto* holder = dynamic_cast<SuppressionHolder*>(aspect.get())) return holder;
  }
  return nullptr;
}

std::string_view trim(std::string_view text) {
  const char* space = " \t\r\n\f\v";
  auto first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

}  // namespace

void suppress(Construct& scope, std::string_view rule_id, std::string_view reason) {
  const std::string path = scope.node().path();
  const std::string id(trim(rule_id));
  if (id.empty()) throw ConfigError(path, "rule", "a suppression needs the id of the rule");
  const std::string_view why = trim(reason);
  if (why.size() < min_reason_length) {
    throw ConfigError(path, "reason",
                      "suppressing " + id + " needs a reason of at least " +
                          std::to_string(min_reason_length) + " characters saying why the rule " +
                          "does not apply here (got \"" + std::string(why) + "\")");
  }
  if (const Rule* rule = ferpa_catalogue().find(id); rule && !rule->info().suppressible) {
    throw ConfigError(path, "rule",
                      id + " cannot be suppressed (" + rule->info().message +
                          "); fix it instead: " + rule->info().fix);
  }
  SuppressionHolder* holder = holder_of(scope);
  if (!holder) {
    auto created = std::make_shared<SuppressionHolder>();
    holder = created.get();
    scope.node().add_aspect(std::move(created));
  }
  for (const auto& existing : holder->suppressions) {
    if (existing.rule == id) {
      throw ConfigError(path, "rule",
                        id + " is already suppressed here (\"" + existing.reason + "\")");
    }
  }
  holder->suppressions.push_back({id, std::string(why), path});
}

std::vector<Suppression> suppressions_of(const Construct& construct) {
  if (const SuppressionHolder* holder = holder_of(construct)) return holder->suppressions;
  return {};
}

std::vector<Suppression> suppressions_in(const Construct& scope) {
  std::vector<Suppression> out;
  for (const Construct* construct : scope.node().find_all()) {
    if (const SuppressionHolder* holder = holder_of(*construct)) {
      out.insert(out.end(), holder->suppressions.begin(), holder->suppressions.end());
    }
  }
  return out;
}

std::optional<Suppression> find_suppression(const Construct& construct, std::string_view rule_id) {
  for (const Construct* current = &construct; current; current = current->node().scope()) {
    if (const SuppressionHolder* holder = holder_of(*current)) {
      for (const auto& suppression : holder->suppressions) {
        if (suppression.rule == rule_id) return suppression;
      }
    }
  }
  return std::nullopt;
}

}  // namespace edustack::compliance
