#pragma once

#include <string>

namespace edustack::inline core {

// A message attached to a construct. Synthesis collects all of them; any error fails it.
struct Annotation {
  enum class Level { info, warning, error };
  Level level = Level::info;
  std::string path;
  std::string message;
  std::string rule;  // the id of the check that produced it, if any ("FERPA-S3-001")
};

const char* to_string(Annotation::Level level) noexcept;

}  // namespace edustack::inline core
