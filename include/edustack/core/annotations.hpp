#pragma once

#include <string>

namespace edustack::inline core {

// A message attached to a construct. Synthesis collects all of them; any error fails it.
struct Annotation {
  enum class Level { info, warning, error };
  Level level = Level::info;
  std::string path;
  std::string message;
};

const char* to_string(Annotation::Level level) noexcept;

}  // namespace edustack::inline core
