#pragma once

// edustack check: the compliance report (docs/compliance.md). Registered by commands.cpp when
// this header exists.

#include "command.hpp"

namespace edustack::cli::detail {

Command add_check_command(CLI::App& root, Context& context);

}  // namespace edustack::cli::detail
