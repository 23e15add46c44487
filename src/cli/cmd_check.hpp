#pragma once

// edustack check: the compliance report (docs/compliance.md), registered by commands.cpp. The
// only parser of its arguments; what it runs is compliance::run_check.

#include "command.hpp"

namespace edustack::cli::detail {

Command add_check_command(CLI::App& root, Context& context);

}  // namespace edustack::cli::detail
