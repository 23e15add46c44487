#pragma once

#include <string_view>

// Files of this repository compiled into the library (src/constructs/embedded_sources.cmake).
namespace edustack::constructs::embedded {

extern const std::string_view rotation_handler_py;  // lambda/rotation/handler.py

}  // namespace edustack::constructs::embedded
