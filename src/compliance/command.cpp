#include "edustack/compliance/command.hpp"

#include <fstream>
#include <ostream>
#include <string_view>

#include "edustack/compliance/check.hpp"
#include "edustack/core/app.hpp"
#include "edustack/error.hpp"

namespace edustack::compliance {

int run_check_command(App& app, const std::vector<std::string>& args, std::ostream& out,
                      std::ostream& err) {
  Format format = Format::text;
  std::string output;
  CheckOptions options;
  auto usage = [&](const std::string& problem) {
    err << "edustack check: " << problem << "\n" << check_command_usage << "\n";
    return 2;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::string value;
    bool has_value = false;
    if (auto equals = arg.find('='); arg.rfind("--", 0) == 0 && equals != std::string_view::npos) {
      value = std::string(arg.substr(equals + 1));
      arg = arg.substr(0, equals);
      has_value = true;
    }
    auto take_value = [&]() -> bool {
      if (has_value) return true;
      if (i + 1 >= args.size()) return false;
      value = args[++i];
      return true;
    };
    if (arg == "--format" || arg == "-f") {
      if (!take_value()) return usage("--format needs a value");
      auto parsed = parse_format(value);
      if (!parsed) return usage("unknown format \"" + value + "\" (text, json or sarif)");
      format = *parsed;
    } else if (arg == "--output" || arg == "-o") {
      if (!take_value() || value.empty()) return usage("--output needs a file name");
      output = value;
    } else if (arg == "--stack") {
      if (!take_value() || value.empty()) return usage("--stack needs a stack name");
      options.stacks.push_back(value);
    } else if (arg == "--all-stacks" && !has_value) {
      options.all_stacks = true;
    } else if (arg == "--help" || arg == "-h") {
      out << check_command_usage << "\n";
      return 0;
    } else {
      return usage("unknown argument \"" + std::string(args[i]) + "\"");
    }
  }

  Report report;
  try {
    report = check(app, options);
  } catch (const Error& error) {
    err << "edustack check: " << error.what() << "\n";
    return 2;
  }
  const std::string rendered = render(report, format);
  if (output.empty()) {
    out << rendered;
  } else {
    std::ofstream file(output, std::ios::binary);
    file << rendered;
    if (!file) {
      err << "edustack check: cannot write " << output << "\n";
      return 2;
    }
    // The summary still goes to the terminal when the report goes to a file.
    out << report.errors() << " error" << (report.errors() == 1 ? "" : "s") << ", "
        << report.warnings() << " warning" << (report.warnings() == 1 ? "" : "s") << ", "
        << report.suppressed() << " suppressed: " << (report.passed() ? "passed" : "FAILED")
        << " (report written to " << output << ")\n";
  }
  return report.passed() ? 0 : 1;
}

}  // namespace edustack::compliance
