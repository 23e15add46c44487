#pragma once

#include <string_view>

// Files of this repository compiled into the library (edustack_embed_files in src/CMakeLists.txt).
namespace edustack::constructs::embedded {

extern const std::string_view rotation_handler_py;      // lambda/rotation/handler.py
extern const std::string_view health_check_handler_py;  // lambda/health_check/handler.py

}  // namespace edustack::constructs::embedded
