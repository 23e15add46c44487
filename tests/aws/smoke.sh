#!/usr/bin/env bash
# smoke.sh BUILD_DIR TARGET SMOKE_PROGRAM SCHEMA SHARED_DIR WORK TERRAFORM_TESTS_DIR
#
# Builds a smoke app of AWS types (TARGET: aws_smoke, every type, is not built by default; for
# aws_smoke_sample the build is a no-op), runs it
# (synthesis + the project's validator, zero findings), then runs the real terraform's init and
# validate on its JSON with the stand-in AWS provider. The terraform part skips (exit 77) when
# terraform or SHARED_DIR is absent; the build and the validator always run.
set -uo pipefail
build=$1 target=$2 program=$3 schema=$4 shared=$5 work=$6 tftests=$7
started=$(date +%s)
# A default target (the sample) is built already: only aws_smoke is built here, so that no two
# tests run a build in the same tree.
if [ "$target" = aws_smoke ] && ! cmake --build "$build" --target "$target" -- -j2 >"$work.build.log" 2>&1; then
  tail -n 60 "$work.build.log"
  echo "FAILED: building $target (log: $work.build.log)"
  exit 1
fi
built=$(date +%s)
echo "$target built in $((built - started)) s"
rm -rf "$work" && mkdir -p "$work"
"$program" "$work/out" "$schema" || { echo "FAILED: the smoke app"; exit 1; }
echo "synthesized and validated in $(($(date +%s) - built)) s"

config=$("$tftests/schema_provider_env.sh" "$shared") || exit $?
export SCHEMA_PROVIDER_DIR
SCHEMA_PROVIDER_DIR=$(dirname "$config")
checked=$(date +%s)
TFCHECK_STEPS=validate TFCHECK_CLEAN=1 "$shared/schema-provider/tfcheck.sh" "$work/out/stacks/smoke" \
  | tee "$work/tfcheck.log"
status=${PIPESTATUS[0]}
echo "terraform init + validate in $(($(date +%s) - checked)) s"
if [ "$status" -ne 0 ]; then
  echo "FAILED: terraform rejected the smoke app's JSON (exit $status)"
  exit 1
fi
grep -q "validate" "$work/tfcheck.log" || { echo "FAILED: tfcheck did not run validate"; exit 1; }
echo "$target: every type of the app accepted by terraform validate"
