#pragma once

// `edustack check`: the compliance report of an app, as a command. The CLI dispatches to it;
// programs without the CLI can call it from main() too.
//
//   edustack check [--format text|json|sarif] [--output FILE] [--stack NAME]... [--all-stacks]
//
//   --format      text (default), json, or sarif (SARIF 2.1.0)
//   --output      write the report to FILE instead of standard output
//   --stack       check only this stack (repeatable); default: every stack that opted in
//   --all-stacks  also check stacks that did not opt in (with the default FERPA options)
//
// Exit codes: 0 no unsuppressed error, 1 unsuppressed errors, 2 bad usage or an error while
// checking (an unknown stack, an unwritable output file).

#include <iosfwd>
#include <string>
#include <vector>

namespace edustack::inline core {
class App;
}

namespace edustack::compliance {

inline constexpr const char* check_command_usage =
    "usage: edustack check [--format text|json|sarif] [--output FILE] [--stack NAME]... "
    "[--all-stacks]";

// args are the arguments after "check".
int run_check_command(App& app, const std::vector<std::string>& args, std::ostream& out,
                      std::ostream& err);

}  // namespace edustack::compliance
