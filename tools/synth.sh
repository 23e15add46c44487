#!/usr/bin/env bash
# Installs what is missing, builds the edustack CLI (release preset) and synthesizes the
# assessment stack into edustack.out/. Extra arguments go to `edustack synth`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset release >/dev/null
if [ -f stacks/assessment/CMakeLists.txt ]; then
  cmake --build --preset release -j2 --target edustack-cli
  exec build/release/edustack synth "$@"
fi
cmake --build --preset release -j2 --target hello_stack
exec build/release/examples/hello_stack "${1:-edustack.out}"
