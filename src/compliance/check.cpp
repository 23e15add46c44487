#include "edustack/compliance/check.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "edustack/core/app.hpp"
#include "edustack/core/manifest.hpp"
#include "edustack/error.hpp"

namespace edustack::compliance {

namespace {

Report empty_report(const RulePack& pack) {
  Report report;
  report.pack = pack.name();
  report.pack_version = pack.version();
  for (const auto& rule : pack.rules()) report.rules.push_back(rule->info());
  return report;
}

// The suppression of the rule on the resource or above it. A baseline rule is also suppressed
// by a suppression of a FERPA rule that covers it (profile.hpp): that rule tests the same
// property at least as strictly, so its reason holds for the baseline rule too.
std::optional<Suppression> suppression_for(const ResourceView& resource, const std::string& id) {
  if (auto own = find_suppression(resource.element(), id)) return own;
  for (const auto& covering : covering_rules(id)) {
    if (auto suppression = find_suppression(resource.element(), covering)) return suppression;
  }
  return std::nullopt;
}

// Whether a suppression of this id means something to the pack: one of its rules, or a FERPA
// rule covering one of its baseline rules.
bool known_to(const RulePack& pack, const std::string& id) {
  if (pack.find(id)) return true;
  for (const auto& rule : pack.rules()) {
    const auto& covering = covering_rules(rule->info().id);
    if (std::find(covering.begin(), covering.end(), id) != covering.end()) return true;
  }
  return false;
}

// synthesized: the elements as App::synth synthesized them, or null (the view synthesizes them).
Report run_pack(const RulePack& pack, const Options& options, const Stack& stack, bool locate,
                const SynthesizedElements* synthesized = nullptr) {
  Report report = empty_report(pack);
  report.stacks.push_back(stack.node().path());
  const std::string stack_name = stack.node().id();
  const std::string file = layout::stack_file(stack_name);
  std::map<std::string, int> lines;
  if (locate) {
    try {
      lines = layout::element_lines(stack.synthesize().json);
    } catch (const Error&) {
      // Synthesis problems are reported by synthesis; findings just go without line numbers.
    }
  }

  std::optional<StackView> view;
  if (synthesized) {
    view.emplace(stack, *synthesized);
  } else {
    view.emplace(stack);
  }
  for (const auto& resource : view->resources()) {
    for (const auto& rule : pack.rules()) {
      const RuleInfo& info = rule->info();
      if (!rule->applies_to(resource)) continue;
      if (std::string why = rule->skip_reason(resource); !why.empty()) {
        report.skipped.push_back(
            {info.id, resource.path(), resource.address(), stack_name, std::move(why)});
        continue;
      }
      Violations violations;
      try {
        violations = rule->check(resource);
      } catch (const std::exception& error) {
        violations = {std::string("the rule failed: ") + error.what()};
      }
      for (auto& detail : violations) {
        Finding finding;
        finding.rule = info.id;
        finding.severity = options.warnings_as_errors ? Severity::error : info.severity;
        finding.message = detail.empty() ? info.message : info.message + ": " + detail;
        finding.fix = info.fix;
        finding.path = resource.path();
        finding.address = resource.address();
        finding.resource_type = resource.type();
        finding.stack = stack_name;
        finding.file = file;
        if (auto it = lines.find(resource.address()); it != lines.end()) finding.line = it->second;
        if (auto suppression = suppression_for(resource, info.id)) {
          if (info.suppressible) {
            finding.suppressed_by = std::move(suppression);
          } else {
            finding.note = "the suppression at " + suppression->path +
                           " is ignored: this rule cannot be suppressed";
          }
        }
        report.findings.push_back(std::move(finding));
      }
    }
  }

  for (auto& suppression : suppressions_in(stack)) {
    SuppressionUse use{std::move(suppression), 0};
    for (const auto& finding : report.findings) {
      if (finding.suppressed_by && finding.suppressed_by->rule == use.suppression.rule &&
          finding.suppressed_by->path == use.suppression.path) {
        ++use.findings;
      }
    }
    report.suppressions.push_back(std::move(use));
  }
  return report;
}

}  // namespace

ComplianceCheck::ComplianceCheck(Options options)
    : options_(std::move(options)), pack_(profile_pack(options_.profile, options_.ferpa)) {
  for (const auto& rule : options_.rules) pack_.add(rule);
}

Report ComplianceCheck::run(const Stack& stack) const {
  return run_pack(pack_, options_, stack, true);
}

std::vector<Annotation> ComplianceCheck::check(const Stack& stack) const {
  return annotations(run_pack(pack_, options_, stack, false));
}

std::vector<Annotation> ComplianceCheck::check_synthesized(
    const Stack& stack, const SynthesizedElements& synthesized) const {
  return annotations(run_pack(pack_, options_, stack, false, &synthesized));
}

std::vector<Annotation> ComplianceCheck::annotations(const Report& report) const {
  std::vector<Annotation> out;
  for (const auto& finding : report.findings) {
    Annotation annotation;
    annotation.path = finding.path;
    annotation.rule = finding.rule;
    if (finding.suppressed_by) {
      annotation.level = Annotation::Level::info;
      annotation.message = "suppressed: " + finding.message + " (reason: \"" +
                           finding.suppressed_by->reason + "\", at " + finding.suppressed_by->path +
                           ")";
    } else {
      annotation.level = finding.severity == Severity::error ? Annotation::Level::error
                                                             : Annotation::Level::warning;
      annotation.message = finding.message;
      if (!finding.note.empty()) annotation.message += " (" + finding.note + ")";
    }
    out.push_back(std::move(annotation));
  }
  for (const auto& use : report.suppressions) {
    if (!known_to(pack_, use.suppression.rule)) {
      out.push_back({Annotation::Level::warning, use.suppression.path,
                     "suppression of unknown rule \"" + use.suppression.rule +
                         "\" (no rule of the " + pack_.name() + " pack has this id)",
                     "COMPLIANCE-SUPPRESSION"});
    }
  }
  return out;
}

const ComplianceCheck& enable(Stack& stack, Options options) {
  if (enabled_check(stack)) {
    throw ConfigError(stack.node().path(), "compliance",
                      "compliance checks are already enabled on this stack");
  }
  auto check = std::make_shared<ComplianceCheck>(std::move(options));
  const ComplianceCheck& out = *check;
  stack.add_check(std::move(check));
  return out;
}

const ComplianceCheck* enabled_check(const Stack& stack) {
  for (const auto& check : stack.checks()) {
    if (const auto* compliance = dynamic_cast<const ComplianceCheck*>(check.get())) {
      return compliance;
    }
  }
  return nullptr;
}

Report check(App& app, const CheckOptions& options) {
  std::vector<Stack*> selected;
  if (options.stacks.empty()) {
    selected = app.stacks();
  } else {
    for (const auto& name : options.stacks) {
      Stack* stack = app.try_find_stack(name);
      if (!stack) throw Error("compliance.unknown_stack", "no stack named \"" + name + "\"");
      selected.push_back(stack);
    }
  }
  apply_aspects(app);
  const Profile fallback = options.all_stacks ? Profile::ferpa : Profile::baseline;
  Report report;
  for (Stack* stack : selected) {
    const ComplianceCheck* enabled = enabled_check(*stack);
    if (enabled && !options.schema_tags &&
        (!options.profile || *options.profile == enabled->options().profile)) {
      report.merge(enabled->run(*stack));
      continue;
    }
    Options stack_options = enabled ? enabled->options() : Options{};
    if (!enabled || options.profile) stack_options.profile = options.profile.value_or(fallback);
    if (options.schema_tags) stack_options.ferpa.schema_tags = options.schema_tags;
    report.merge(ComplianceCheck(std::move(stack_options)).run(*stack));
  }
  if (report.pack.empty()) report = empty_report(profile_pack(options.profile.value_or(fallback)));
  return report;
}

Report check(Stack& stack) {
  apply_aspects(stack.node().root());
  if (const ComplianceCheck* check = enabled_check(stack)) return check->run(stack);
  return ComplianceCheck().run(stack);
}

Report check(Stack& stack, Profile profile) {
  apply_aspects(stack.node().root());
  const ComplianceCheck* enabled = enabled_check(stack);
  if (enabled && enabled->options().profile == profile) return enabled->run(stack);
  Options options = enabled ? enabled->options() : Options{};
  options.profile = profile;
  return ComplianceCheck(std::move(options)).run(stack);
}

}  // namespace edustack::compliance
