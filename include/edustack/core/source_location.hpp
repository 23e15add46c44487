#pragma once

// Where something was created in the C++ sources, for diagnostics.

#include <version>

#if defined(__cpp_lib_source_location)
#include <source_location>
#endif

namespace edustack::inline core {

// std::source_location's interface (file_name, line, function_name), built on the compiler
// builtins that std::source_location uses: clang 14 with libstdc++ 12 (the fuzz build) has no
// std::source_location, and one type for every compiler keeps Node's layout the same. As a
// defaulted parameter, SourceLocation::current() is the caller's location.
class SourceLocation {
 public:
  constexpr SourceLocation() noexcept = default;

  static constexpr SourceLocation current(const char* file = __builtin_FILE(),
                                          unsigned line = __builtin_LINE(),
                                          const char* function = __builtin_FUNCTION()) noexcept {
    SourceLocation location;
    location.file_ = file;
    location.line_ = line;
    location.function_ = function;
    return location;
  }

#if defined(__cpp_lib_source_location)
  constexpr SourceLocation(const std::source_location& location) noexcept  // NOLINT: implicit
      : file_(location.file_name()), function_(location.function_name()), line_(location.line()) {}
#endif

  constexpr const char* file_name() const noexcept { return file_; }
  constexpr unsigned line() const noexcept { return line_; }  // 0: unknown
  constexpr const char* function_name() const noexcept { return function_; }

 private:
  const char* file_ = "";
  const char* function_ = "";
  unsigned line_ = 0;
};

}  // namespace edustack::inline core
