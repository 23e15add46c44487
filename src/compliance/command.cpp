#include "edustack/compliance/command.hpp"

#include <fstream>
#include <ostream>

#include "edustack/core/app.hpp"
#include "edustack/error.hpp"

namespace edustack::compliance {

Report run_check(App& app, const CheckRun& run, std::ostream& out) {
  Report report = check(app, run.options);
  const std::string rendered = render(report, run.format);
  if (run.output.empty()) {
    out << rendered;
    return report;
  }
  std::ofstream file(run.output, std::ios::binary);
  file << rendered;
  file.close();
  if (!file) throw IoError("io.write_failed", "cannot write " + run.output);
  return report;
}

std::string summary(const Report& report) {
  auto count = [](std::size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  };
  return count(report.errors(), "error") + ", " + count(report.warnings(), "warning") + ", " +
         std::to_string(report.suppressed()) +
         " suppressed: " + (report.passed() ? "passed" : "FAILED");
}

}  // namespace edustack::compliance
