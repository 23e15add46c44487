#include "edustack/compliance/report.hpp"

#include <algorithm>

#include "edustack/core/json.hpp"

namespace edustack::compliance {

namespace {

constexpr const char* tool_name = "edustack";
constexpr const char* tool_version = "0.1.0";
constexpr const char* information_uri = "https://github.com/edustack/edustack";
constexpr const char* docs_path = "docs/compliance.md";
constexpr const char* sarif_schema = "https://json.schemastore.org/sarif-2.1.0.json";

std::vector<std::string> split_ids(const std::string& ids) {
  std::vector<std::string> out;
  std::string current;
  for (char c : ids) {
    if (c == ',' || c == '/' || c == ' ') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

Value string_list(const std::vector<std::string>& items) {
  Value::List out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::size_t Report::errors() const noexcept {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [](auto& f) {
    return !f.suppressed() && f.severity == Severity::error;
  }));
}

std::size_t Report::warnings() const noexcept {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [](auto& f) {
    return !f.suppressed() && f.severity == Severity::warning;
  }));
}

std::size_t Report::suppressed() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [](auto& f) { return f.suppressed(); }));
}

const RuleInfo* Report::rule(std::string_view id) const {
  for (const auto& info : rules) {
    if (info.id == id) return &info;
  }
  return nullptr;
}

void Report::merge(Report other) {
  if (pack.empty()) {
    pack = std::move(other.pack);
    pack_version = std::move(other.pack_version);
  } else if (!other.pack.empty() && other.pack != pack &&
             ("+" + pack + "+").find("+" + other.pack + "+") == std::string::npos) {
    pack += "+" + other.pack;  // stacks checked with different profiles: "aws-baseline+ferpa"
  }
  for (auto& info : other.rules) {
    if (!rule(info.id)) rules.push_back(std::move(info));
  }
  for (auto& stack : other.stacks) stacks.push_back(std::move(stack));
  for (auto& finding : other.findings) findings.push_back(std::move(finding));
  for (auto& use : other.suppressions) suppressions.push_back(std::move(use));
  for (auto& skip : other.skipped) skipped.push_back(std::move(skip));
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "sarif") return Format::sarif;
  return std::nullopt;
}

std::string to_text(const Report& report) {
  std::string out = "compliance: " + report.pack + " " + report.pack_version + ", " +
                    plural(report.rules.size(), "rule") + ", " +
                    plural(report.stacks.size(), "stack") + " checked\n";
  if (report.stacks.empty()) {
    out += "no stack was checked (the app has no stack)\n";
  }
  auto location = [](const Finding& f) {
    std::string where = f.address;
    if (!f.file.empty()) {
      where += " in " + f.file;
      if (f.line > 0) where += ":" + std::to_string(f.line);
    }
    return where;
  };
  for (const auto& f : report.findings) {
    if (f.suppressed()) continue;
    out += std::string(f.severity == Severity::error ? "error" : "warning") + ": [" + f.path +
           "] " + f.rule + " " + f.message + "\n";
    out += "    resource: " + location(f) + "\n";
    out += "    fix: " + f.fix + "\n";
    if (!f.note.empty()) out += "    note: " + f.note + "\n";
  }
  for (const auto& f : report.findings) {
    if (!f.suppressed()) continue;
    out += "suppressed: [" + f.path + "] " + f.rule + " " + f.message + "\n";
    out += "    reason: \"" + f.suppressed_by->reason + "\" (at " + f.suppressed_by->path + ")\n";
  }
  if (!report.suppressions.empty()) {
    out += "suppressions (" + std::to_string(report.suppressions.size()) + "):\n";
    for (const auto& use : report.suppressions) {
      out += "  [" + use.suppression.path + "] " + use.suppression.rule + " \"" +
             use.suppression.reason + "\": " + plural(use.findings, "finding") + "\n";
    }
  }
  if (!report.skipped.empty()) {
    out += "skipped (" + std::to_string(report.skipped.size()) + "): not checked, the rule " +
           "cannot tell whether they comply:\n";
    for (const auto& skip : report.skipped) {
      out += "  [" + skip.path + "] " + skip.rule + " " + skip.address + ": " + skip.reason + "\n";
    }
  }
  out += plural(report.errors(), "error") + ", " + plural(report.warnings(), "warning") + ", " +
         std::to_string(report.suppressed()) +
         " suppressed: " + (report.passed() ? "passed" : "FAILED") + "\n";
  return out;
}

std::string to_json(const Report& report) {
  Value::List rules;
  for (const auto& info : report.rules) {
    rules.push_back(Value::Object{{"id", info.id},
                                  {"severity", to_string(info.severity)},
                                  {"message", info.message},
                                  {"fix", info.fix},
                                  {"checkov", string_list(split_ids(info.checkov))},
                                  {"trivy", string_list(split_ids(info.trivy))},
                                  {"resource_types", string_list(info.resource_types)},
                                  {"suppressible", info.suppressible}});
  }
  Value::List findings;
  for (const auto& f : report.findings) {
    Value entry = Value::Object{{"rule", f.rule},
                                {"severity", to_string(f.severity)},
                                {"message", f.message},
                                {"fix", f.fix},
                                {"path", f.path},
                                {"address", f.address},
                                {"resource_type", f.resource_type},
                                {"stack", f.stack},
                                {"file", f.file},
                                {"suppressed", f.suppressed()}};
    if (f.line > 0) entry["line"] = f.line;
    if (!f.note.empty()) entry["note"] = f.note;
    if (f.suppressed_by) {
      entry["suppression"] =
          Value::Object{{"reason", f.suppressed_by->reason}, {"path", f.suppressed_by->path}};
    }
    findings.push_back(std::move(entry));
  }
  Value::List suppressions;
  for (const auto& use : report.suppressions) {
    suppressions.push_back(Value::Object{{"rule", use.suppression.rule},
                                         {"reason", use.suppression.reason},
                                         {"path", use.suppression.path},
                                         {"findings", static_cast<std::int64_t>(use.findings)}});
  }
  Value::List skipped;
  for (const auto& skip : report.skipped) {
    skipped.push_back(Value::Object{{"rule", skip.rule},
                                    {"path", skip.path},
                                    {"address", skip.address},
                                    {"stack", skip.stack},
                                    {"reason", skip.reason}});
  }
  Value document = Value::Object{
      {"pack", report.pack},
      {"pack_version", report.pack_version},
      {"stacks", string_list(report.stacks)},
      {"rules", std::move(rules)},
      {"findings", std::move(findings)},
      {"suppressions", std::move(suppressions)},
      {"skipped", std::move(skipped)},
      {"summary", Value::Object{{"errors", static_cast<std::int64_t>(report.errors())},
                                {"warnings", static_cast<std::int64_t>(report.warnings())},
                                {"suppressed", static_cast<std::int64_t>(report.suppressed())},
                                {"passed", report.passed()}}}};
  return write_json(document);
}

std::string to_sarif(const Report& report) {
  Value::List rules;
  for (const auto& info : report.rules) {
    const char* level = info.severity == Severity::error ? "error" : "warning";
    std::string help = "Fix: " + info.fix;
    if (!info.checkov.empty()) help += " (checkov " + info.checkov + ")";
    if (!info.trivy.empty()) help += " (trivy " + info.trivy + ")";
    Value rule = Value::Object{
        {"id", info.id},
        {"name", info.id},
        {"shortDescription", Value::Object{{"text", info.message}}},
        {"fullDescription", Value::Object{{"text", info.message + ". Fix: " + info.fix}}},
        {"help", Value::Object{{"text", help}}},
        {"defaultConfiguration", Value::Object{{"level", level}}},
        {"properties", Value::Object{{"tags", Value::List{"security", "compliance", report.pack}},
                                     {"checkov", string_list(split_ids(info.checkov))},
                                     {"trivy", string_list(split_ids(info.trivy))},
                                     {"resourceTypes", string_list(info.resource_types)},
                                     {"suppressible", info.suppressible}}}};
    rule["helpUri"] = info.help_uri.empty()
                          ? std::string(information_uri) + "/blob/main/" + docs_path
                          : info.help_uri;
    rules.push_back(std::move(rule));
  }
  auto rule_index = [&](const std::string& id) -> std::int64_t {
    for (std::size_t i = 0; i < report.rules.size(); ++i) {
      if (report.rules[i].id == id) return static_cast<std::int64_t>(i);
    }
    return -1;
  };

  Value::List results;
  for (const auto& f : report.findings) {
    Value physical = Value::Object{
        {"artifactLocation", Value::Object{{"uri", f.file}, {"uriBaseId", "EDUSTACK_OUT"}}}};
    if (f.line > 0) physical["region"] = Value::Object{{"startLine", f.line}};
    Value location = Value::Object{
        {"physicalLocation", std::move(physical)},
        {"logicalLocations",
         Value::List{Value::Object{
             {"name", f.address}, {"fullyQualifiedName", f.path}, {"kind", "resource"}}}}};
    std::string message = f.message + " [" + f.path + "]. Fix: " + f.fix;
    if (!f.note.empty()) message += " (" + f.note + ")";
    Value result =
        Value::Object{{"ruleId", f.rule},
                      {"level", f.severity == Severity::error ? "error" : "warning"},
                      {"message", Value::Object{{"text", message}}},
                      {"locations", Value::List{std::move(location)}},
                      {"partialFingerprints",
                       Value::Object{{"edustackPath/v1", f.rule + ":" + f.path + ":" + f.message}}},
                      {"properties", Value::Object{{"constructPath", f.path},
                                                   {"address", f.address},
                                                   {"resourceType", f.resource_type},
                                                   {"stack", f.stack}}}};
    if (auto index = rule_index(f.rule); index >= 0) result["ruleIndex"] = index;
    if (f.suppressed_by) {
      result["suppressions"] = Value::List{
          Value::Object{{"kind", "inSource"},
                        {"status", "accepted"},
                        {"justification", f.suppressed_by->reason},
                        {"properties", Value::Object{{"constructPath", f.suppressed_by->path}}}}};
    }
    results.push_back(std::move(result));
  }

  Value invocation =
      Value::Object{{"executionSuccessful", true},
                    {"properties", Value::Object{{"pack", report.pack},
                                                 {"packVersion", report.pack_version},
                                                 {"stacks", string_list(report.stacks)}}}};
  if (!report.skipped.empty()) {
    // Resources a rule could not check: notifications of the run, not results.
    Value::List notifications;
    for (const auto& skip : report.skipped) {
      notifications.push_back(Value::Object{
          {"level", "note"},
          {"descriptor", Value::Object{{"id", skip.rule}}},
          {"message", Value::Object{{"text", skip.address + " [" + skip.path +
                                                 "] was not checked: " + skip.reason}}}});
    }
    invocation["toolExecutionNotifications"] = std::move(notifications);
  }
  Value run = Value::Object{
      {"tool", Value::Object{{"driver", Value::Object{{"name", tool_name},
                                                      {"version", tool_version},
                                                      {"semanticVersion", tool_version},
                                                      {"informationUri", information_uri},
                                                      {"rules", std::move(rules)}}}}},
      {"originalUriBaseIds",
       Value::Object{{"EDUSTACK_OUT",
                      Value::Object{{"description",
                                     Value::Object{{"text", "the synthesis output directory"}}}}}}},
      {"results", std::move(results)},
      {"columnKind", "unicodeCodePoints"},
      {"invocations", Value::List{std::move(invocation)}}};
  Value document = Value::Object{
      {"$schema", sarif_schema}, {"version", "2.1.0"}, {"runs", Value::List{std::move(run)}}};
  return write_json(document);
}

std::string render(const Report& report, Format format) {
  switch (format) {
    case Format::json:
      return to_json(report);
    case Format::sarif:
      return to_sarif(report);
    case Format::text:
    default:
      return to_text(report);
  }
}

}  // namespace edustack::compliance
