#!/usr/bin/env bash
# tfcheck_synth.sh SHARED_DIR WORK STACK COMMAND...
#
# Synthesizes with COMMAND (every argument "@OUT@" becomes WORK/out), then runs the whole cycle of
# the real terraform on WORK/out/stacks/STACK with the stand-in AWS provider
# (SHARED_DIR/schema-provider/tfcheck.sh): init, validate, plan, apply, a second plan that must
# show no changes, destroy. Each test has its own WORK; tfcheck.sh works in a fresh copy under
# /tmp/tfcheck.*, removed when the check passes and kept (its path printed) when it fails.
#
# Exit 0 passed; 1 synthesis or a terraform step failed, or the second plan was not empty (a
# perpetual diff: a defect of the synthesized JSON); 77 skipped (no terraform or no ../shared).
set -uo pipefail
shared=$1
work=$2
stack=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
config=$("$here/schema_provider_env.sh" "$shared") || exit $?
export SCHEMA_PROVIDER_DIR
SCHEMA_PROVIDER_DIR=$(dirname "$config")

rm -rf "$work"
mkdir -p "$work"
command=()
for arg in "$@"; do
  command+=("${arg//@OUT@/$work/out}")
done
if ! "${command[@]}" >"$work/synth.log" 2>&1; then
  cat "$work/synth.log"
  echo "FAILED: synthesis: ${command[*]}"
  exit 1
fi
dir="$work/out/stacks/$stack"
[ -f "$dir/main.tf.json" ] || {
  cat "$work/synth.log"
  echo "FAILED: no $dir/main.tf.json"
  exit 1
}

"$shared/schema-provider/tfcheck.sh" "$dir" | tee "$work/tfcheck.log"
status=${PIPESTATUS[0]}
copy=$(sed -n 's/.*work copy and logs in \(\/tmp\/tfcheck\.[A-Za-z0-9]*\).*/\1/p' "$work/tfcheck.log" | tail -n 1)
case $status in
  0)
    [ -n "$copy" ] && rm -rf "$copy"
    echo "PASSED: stack $stack: init, validate, plan, apply, plan again (no changes), destroy"
    ;;
  2) echo "FAILED: stack $stack: the second plan was not empty (a perpetual diff in the synthesized JSON, see DIFF above)" ;;
  *) echo "FAILED: stack $stack: tfcheck.sh exited with $status" ;;
esac
[ "$status" = 0 ]
