#!/usr/bin/env bash
# Installs what is missing, builds with a CMake preset (default: dev) and runs every test.
# Usage: tools/test.sh [dev|asan|release]
#
# When ../shared (the checkout next to this repository, as in CI) holds the stand-in AWS provider
# (shared/schema-provider), it is set up first (setup.sh: Debian packages, a provider mirror) and
# its TF_CLI_CONFIG_FILE exported, so that the tests labelled `terraform` run the real terraform
# offline. Without terraform or ../shared those tests are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
tools/install-deps.sh
setup=../shared/schema-provider/setup.sh
if [ -x "$setup" ] && command -v terraform >/dev/null 2>&1; then
  # A set-up of its own for this build (not the machine's shared /tmp/schema-provider), so that
  # another set-up running meanwhile cannot swap the provider mirror under the tests.
  log=$(mktemp)
  if "$setup" "$PWD/build/$preset/schema-provider" >"$log" 2>&1; then
    exports=$(grep '^export TF_CLI_CONFIG_FILE=' "$log" | tail -n 1)
    config=$(printf '%s\n' "$exports" | sed -n 's/^export TF_CLI_CONFIG_FILE=\([^ ]*\).*/\1/p')
    [ -n "$config" ] && [ -f "$config" ] || {
      cat "$log"
      echo "tools/test.sh: setup.sh printed no TF_CLI_CONFIG_FILE" >&2
      exit 1
    }
    export TF_CLI_CONFIG_FILE=$config CHECKPOINT_DISABLE=1
    echo "terraform tests: $(terraform version | head -n 1), stand-in providers (TF_CLI_CONFIG_FILE=$config)"
  else
    cat "$log"
    echo "tools/test.sh: $setup failed" >&2
    exit 1
  fi
  rm -f "$log"
else
  echo "terraform tests: skipped (no terraform on PATH or no $setup)"
fi
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j2
status=0
ctest --preset "$preset" || status=$?
# What the real terraform did with each stack (CTest shows the output of failed tests only).
log=build/$preset/Testing/Temporary/LastTest.log
if [ -f "$log" ]; then
  grep -E '^(tfcheck: [^ ]+ -> |(apply|plan \(again\)|destroy) +(ok|FAILED|DIFF)|PASSED: stack|FAILED: stack|SKIP: )' \
    "$log" || true
fi
exit $status
