#pragma once

// Running a rule pack: at synthesis (enable) or on demand (check, what `edustack check` uses).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "edustack/compliance/ferpa.hpp"
#include "edustack/compliance/profile.hpp"
#include "edustack/compliance/report.hpp"
#include "edustack/compliance/rule_pack.hpp"
#include "edustack/core/stack.hpp"

namespace edustack::inline core {
class App;
}

namespace edustack::compliance {

struct Options {
  FerpaOptions ferpa;
  // The user's own rules, run next to the profile's pack (ids must not collide with it).
  std::vector<std::shared_ptr<const Rule>> rules;
  // Report warning findings as errors (they then fail synthesis too).
  bool warnings_as_errors = false;
  // The rules checked (profile.hpp): the FERPA pack plus the baseline rules it does not cover
  // (what enable(stack) has always meant), or the AWS baseline alone.
  Profile profile = Profile::ferpa;
};

// The pack as a stack check: unsuppressed findings become annotations (errors fail synthesis
// as "[path] RULE-ID message", warnings go to the manifest), suppressed ones info annotations.
class ComplianceCheck : public StackCheck {
 public:
  explicit ComplianceCheck(Options options = {});

  std::vector<Annotation> check(const Stack& stack) const override;
  // The same on the elements App::synth synthesized (no resource is synthesized again).
  std::vector<Annotation> check_synthesized(const Stack& stack,
                                            const SynthesizedElements& synthesized) const override;
  // The full report for one stack (aspects must have run; check() below sees to that).
  Report run(const Stack& stack) const;

  const RulePack& pack() const noexcept { return pack_; }
  const Options& options() const noexcept { return options_; }

 private:
  std::vector<Annotation> annotations(const Report& report) const;

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
  // Check the stacks that did not opt in with the FERPA profile (default options) instead of the
  // baseline, as `edustack check --all-stacks` did when only opted-in stacks were checked.
  bool all_stacks = false;
  // Every stack with this profile (an opted-in stack keeps its other options). Unset: a stack
  // that opted in is checked with the profile it was enabled with, any other with the baseline
  // (or FERPA with all_stacks).
  std::optional<Profile> profile;
  // A provider schema loaded at run time, for the tags of untyped resources (FerpaOptions::
  // schema_tags), given to every stack checked.
  TagLookup schema_tags;
};

// Applies the app's aspects, then checks every stack (or the ones named in options.stacks).
Report check(App& app, const CheckOptions& options = {});
// Applies the aspects of the stack's app, then checks the stack with the options it was
// enabled with (default options, the FERPA profile, if it did not opt in).
Report check(Stack& stack);
// The same with the given profile (an opted-in stack keeps its other options).
Report check(Stack& stack, Profile profile);

}  // namespace edustack::compliance
