#pragma once

// `edustack check`: the compliance report of an app, as the command prints it. The command line
// (its options, usage errors, exit codes) is the CLI's, src/cli/cmd_check.cpp, the only parser
// of these arguments; this is what it runs, usable from any program.
//
//   edustack check [--profile baseline|ferpa] [--format text|json|sarif] [--output FILE]
//                  [--provider-schema FILE]... [--stack NAME]... [--all-stacks]

#include <iosfwd>
#include <string>

#include "edustack/compliance/check.hpp"
#include "edustack/compliance/report.hpp"

namespace edustack::compliance {

struct CheckRun {
  CheckOptions options;          // --stack, --all-stacks, --profile, --provider-schema
  Format format = Format::text;  // --format
  std::string output;            // --output: the report goes to this file instead of out
};

// Checks the app (compliance::check) and writes the rendered report to out, or to run.output.
// Throws Error "compliance.unknown_stack" for an unknown stack and IoError "io.write_failed"
// when the output file cannot be written. The command's exit code is report.passed() ? 0 : 1.
Report run_check(App& app, const CheckRun& run, std::ostream& out);

// "1 error, 0 warnings, 0 suppressed: FAILED": the line printed when the report goes to a file.
std::string summary(const Report& report);

}  // namespace edustack::compliance
