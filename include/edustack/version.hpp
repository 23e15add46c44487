#pragma once

// The edustack release this header belongs to. The one place the version is written down:
// CMakeLists.txt reads it from here (project(VERSION)), the CLI prints it (`--version`) and
// edustackConfigVersion.cmake is generated from it. Semantic versioning: a program built
// against MAJOR.x keeps compiling against every later MAJOR.y.
#define EDUSTACK_VERSION_MAJOR 0
#define EDUSTACK_VERSION_MINOR 2
#define EDUSTACK_VERSION_PATCH 0

// As one number (MAJOR * 10000 + MINOR * 100 + PATCH), for `#if EDUSTACK_VERSION_NUMBER >= ...`.
#define EDUSTACK_VERSION_NUMBER \
  (EDUSTACK_VERSION_MAJOR * 10000 + EDUSTACK_VERSION_MINOR * 100 + EDUSTACK_VERSION_PATCH)

#define EDUSTACK_VERSION_STRINGIFY_(x) #x
#define EDUSTACK_VERSION_STRINGIFY(x) EDUSTACK_VERSION_STRINGIFY_(x)
// "0.2.0"
#define EDUSTACK_VERSION_STRING                                                          \
  EDUSTACK_VERSION_STRINGIFY(EDUSTACK_VERSION_MAJOR)                                     \
  "." EDUSTACK_VERSION_STRINGIFY(EDUSTACK_VERSION_MINOR) "." EDUSTACK_VERSION_STRINGIFY( \
      EDUSTACK_VERSION_PATCH)
