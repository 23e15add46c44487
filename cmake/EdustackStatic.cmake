# EDUSTACK_STATIC_CLI: the CLI programs (edustack, the bench's edustack_unit_stack) linked
# statically, so that a process starts without the dynamic loader's symbol lookups and
# relocations (libstdc++, libfmt, libspdlog: 3.3 M of the 24 M instructions of an assessment
# synth; bench/README.md). Debian ships fmt and spdlog only as shared libraries, so with the
# option fmt and spdlog are used header-only (one fmt: spdlog on the external fmt). On in the
# release preset; off by default, so dev, asan, fuzz and the installed package are unchanged.
# The CLI uses neither NSS nor dlopen (it forks and execs terraform), so glibc links statically.
option(EDUSTACK_STATIC_CLI
  "Link the edustack CLI programs statically (fmt and spdlog header-only); release preset" OFF)
if(EDUSTACK_STATIC_CLI AND EDUSTACK_SANITIZE)
  message(FATAL_ERROR "EDUSTACK_STATIC_CLI and EDUSTACK_SANITIZE exclude each other "
    "(the sanitizer runtimes are shared libraries)")
endif()

# The fmt the library layers link (src/CMakeLists.txt).
if(EDUSTACK_STATIC_CLI)
  set(EDUSTACK_FMT_TARGET fmt::fmt-header-only)
else()
  set(EDUSTACK_FMT_TARGET fmt::fmt)
endif()

# edustack_static_program(<target>): links the executable statically when EDUSTACK_STATIC_CLI.
function(edustack_static_program target)
  if(EDUSTACK_STATIC_CLI)
    target_link_options(${target} PRIVATE -static)
  endif()
endfunction()
