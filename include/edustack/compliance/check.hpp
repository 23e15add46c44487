#pragma once

// Running a rule pack: at synthesis (enable) or on demand (check, what `edustack check` uses).

#include <memory>
#include <string>
#include <vector>

#include "edustack/compliance/ferpa.hpp"
#include "edustack/compliance/report.hpp"
#include "edustack/compliance/rule_pack.hpp"
#include "edustack/core/stack.hpp"

namespace edustack::inline core {
class App;
}

namespace edustack::compliance {

struct Options {
  FerpaOptions ferpa;
  // The user's own rules, run next to the FERPA pack (ids must not collide with it).
  std::vector<std::shared_ptr<const Rule>> rules;
  // Report warning findings as errors (they then fail synthesis too).
  bool warnings_as_errors = false;
};

// The pack as a stack check: unsuppressed findings become annotations (errors fail synthesis
// as "[path] RULE-ID message", warnings go to the manifest), suppressed ones info annotations.
class ComplianceCheck : public StackCheck {
 public:
  explicit ComplianceCheck(Options options = {});

  std::vector<Annotation> check(const Stack& stack) const override;
  // The full report for one stack (aspects must have run; check() below sees to that).
  Report run(const Stack& stack) const;

  const RulePack& pack() const noexcept { return pack_; }
  const Options& options() const noexcept { return options_; }

 private:
  Options options_;
  RulePack pack_;
};

// Opts a stack in: the pack runs at every synthesis, after all aspects. Enabling a stack twice
// throws ConfigError (so options given the second time are never silently dropped).
const ComplianceCheck& enable(Stack& stack, Options options = {});
// The check enable() added to the stack; nullptr when it did not opt in.
const ComplianceCheck* enabled_check(const Stack& stack);

struct CheckOptions {
  std::vector<std::string> stacks;  // stack ids; empty: all
  // Also check stacks that did not opt in (with default options); otherwise they are skipped.
  bool all_stacks = false;
};

// Applies the app's aspects, then checks its stacks (those that opted in, unless all_stacks).
Report check(App& app, const CheckOptions& options = {});
// Applies the aspects of the stack's app, then checks the stack with the options it was
// enabled with (default options if it did not opt in).
Report check(Stack& stack);

}  // namespace edustack::compliance
