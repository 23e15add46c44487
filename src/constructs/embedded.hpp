#pragma once

#include <string_view>

// Files of this repository compiled into the library (src/constructs/embedded_sources.cmake).
namespace edustack::constructs::embedded {

extern const std::string_view rotation_handler_py;      // lambda/rotation/handler.py
extern const std::string_view health_check_handler_py;  // lambda/health_check/handler.py

}  // namespace edustack::constructs::embedded
