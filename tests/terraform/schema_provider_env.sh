#!/usr/bin/env bash
# schema_provider_env.sh SHARED_DIR
#
# Finds the real terraform and the stand-in AWS provider (SHARED_DIR/schema-provider, the
# `shared/` checkout next to the repository) for the tests that drive terraform, and prints the
# Terraform CLI configuration file to use (TF_CLI_CONFIG_FILE) on stdout.
#
# Order: $TF_CLI_CONFIG_FILE when it is set and points at a stand-in set-up (tools/test.sh exports
# the one setup.sh printed); else the set-up in $SCHEMA_PROVIDER_DIR (default
# /tmp/schema-provider) when it is current; else `setup.sh --no-apt` (never apt-get from a test).
#
# Exit 77 with a "SKIP: ..." line on stderr when terraform, SHARED_DIR or the set-up is not
# available, so that a fresh clone without them passes; CTest maps 77 to "skipped"
# (SKIP_RETURN_CODE) and the C++ tests to GTEST_SKIP.
set -uo pipefail
shared=${1:?usage: schema_provider_env.sh SHARED_DIR}
skip() {
  echo "SKIP: $*" >&2
  exit 77
}
command -v terraform >/dev/null 2>&1 || skip "no terraform binary on PATH (install Terraform >= 1.10 to run the terraform tests)"
setup="$shared/schema-provider/setup.sh"
[ -x "$setup" ] || skip "no stand-in provider at $shared/schema-provider (clone shared/ next to the repository, as CI does)"

if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ -f "$TF_CLI_CONFIG_FILE" ] &&
  [ -f "$(dirname "$TF_CLI_CONFIG_FILE")/providers" ]; then
  dir=$(dirname "$TF_CLI_CONFIG_FILE")
else
  dir=${SCHEMA_PROVIDER_DIR:-/tmp/schema-provider}
fi
if [ ! -f "$dir/terraformrc" ] || [ "$(cat "$dir/stamp" 2>/dev/null)" != "$("$setup" --print-stamp "$dir")" ]; then
  if ! "$setup" "$dir" --no-apt >"$dir.setup.log" 2>&1; then
    skip "the stand-in provider is not set up in $dir and setup.sh --no-apt failed ($(tail -n 1 "$dir.setup.log")); run tools/test.sh or $setup once"
  fi
fi
echo "$dir/terraformrc"
