#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/compliance/rule.hpp"

namespace edustack::compliance {

// A named, versioned set of rules with unique ids.
class RulePack {
 public:
  RulePack(std::string name, std::string version);

  const std::string& name() const noexcept { return name_; }
  const std::string& version() const noexcept { return version_; }

  // Throws ConfigError when the id is empty or already in the pack.
  void add(std::shared_ptr<const Rule> rule);
  const std::vector<std::shared_ptr<const Rule>>& rules() const noexcept { return rules_; }
  const Rule* find(std::string_view id) const;

 private:
  std::string name_;
  std::string version_;
  std::vector<std::shared_ptr<const Rule>> rules_;
};

}  // namespace edustack::compliance
