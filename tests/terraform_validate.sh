#!/usr/bin/env bash
# Synthesizes with the given program and runs `terraform validate` in every stack directory.
# Terraform's own parser checks the JSON, block structure and meta-arguments; with no provider
# installable here it must stop at "Missing required provider" and report nothing else.
# Exit 77 (skipped) when no terraform binary is on PATH.
set -uo pipefail
program=$1
work=$2
shift 2
if ! command -v terraform >/dev/null 2>&1; then
  echo "SKIP: no terraform binary on PATH"
  exit 77
fi
rm -rf "$work"
"$program" "$@" "$work" >/dev/null || { echo "synthesis failed"; exit 1; }
export TF_CLI_CONFIG_FILE="$work.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
: >"$TF_CLI_CONFIG_FILE"
status=0
checked=0
for dir in "$work"/stacks/*/; do
  checked=$((checked + 1))
  out=$(cd "$dir" && terraform validate -no-color 2>&1)
  errors=$(printf '%s\n' "$out" | grep -E '^(Error|Warning):' | sort -u)
  if [ "$errors" != "Error: Missing required provider" ]; then
    echo "terraform validate in $dir reported more than a missing provider:"
    printf '%s\n' "$out"
    status=1
  else
    echo "ok: $dir (only: Missing required provider)"
  fi
done
[ "$checked" -gt 0 ] || { echo "no stack directories under $work/stacks"; exit 1; }
exit $status
