#!/usr/bin/env bash
# Installs what is missing, builds with a CMake preset (default: dev) and runs every test.
# Usage: tools/test.sh [dev|asan|release]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
tools/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j2
ctest --preset "$preset"
