#!/usr/bin/env bash
# A renamed construct subtree, with the real terraform: apply the stack with construct "net",
# synthesize it again with the construct renamed "network" (Node::renamed_from). The moved
# blocks must make the plan move both resources (previous_address set, action no-op): nothing
# created, nothing destroyed; after the apply the state holds the new addresses only.
#   moved_subtree_plan.sh MOVED_SUBTREE_APP WORKDIR
# Exit 77 (skipped) when no terraform binary is on PATH.
set -uo pipefail
app=$1
work=$2
if ! command -v terraform >/dev/null 2>&1; then
  echo "SKIP: no terraform binary on PATH"
  exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed to read the plan"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
export TF_CLI_CONFIG_FILE="$work/tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
: >"$TF_CLI_CONFIG_FILE"
dir="$work/out/stacks/moved"
fail() { echo "FAIL: $*"; exit 1; }
run() { (cd "$dir" && terraform "$@" -no-color) >"$work/last.log" 2>&1 || { cat "$work/last.log"; fail "terraform $*"; }; }

"$app" "$work/out" old || fail "synthesis (old)"
grep -q '"moved"' "$dir/main.tf.json" && fail "the first version has moved blocks"
run init -input=false
run apply -input=false -auto-approve
(cd "$dir" && terraform state list) | sort >"$work/state-before" || fail "state list"
[ "$(wc -l <"$work/state-before")" = 3 ] || fail "state after the first apply: $(cat "$work/state-before")"

"$app" "$work/out" new || fail "synthesis (new)"
grep -q '"moved"' "$dir/main.tf.json" || fail "no moved block in main.tf.json"
run plan -input=false -out=moved.tfplan
(cd "$dir" && terraform show -json moved.tfplan) >"$work/plan.json" || fail "show -json"
python3 - "$work/plan.json" "$work/state-before" <<'PY' || exit 1
import json, sys
plan = json.load(open(sys.argv[1]))
before = set(open(sys.argv[2]).read().split())
changes = {c["address"]: c for c in plan.get("resource_changes", [])}
print("resource_changes:", {a: (c["change"]["actions"], c.get("previous_address")) for a, c in changes.items()})
moved = {a: c["previous_address"] for a, c in changes.items() if c.get("previous_address")}
if len(moved) != 2:
    sys.exit("FAIL: expected 2 moved resources, got %r" % moved)
for new, old in moved.items():
    if "network" not in new or old not in before:
        sys.exit("FAIL: %s moved from %s, which was not in the state %r" % (new, old, before))
changed = {a: c["change"]["actions"] for a, c in changes.items() if c["change"]["actions"] != ["no-op"]}
if changed:
    sys.exit("FAIL: the rename creates, replaces or destroys: %r" % changed)
PY
run apply -input=false moved.tfplan
(cd "$dir" && terraform state list) | sort >"$work/state-after" || fail "state list"
grep -q "net_" "$work/state-after" && fail "old addresses left in the state: $(cat "$work/state-after")"
[ "$(grep -c "network_" "$work/state-after")" = 2 ] || fail "state after the move: $(cat "$work/state-after")"
echo "ok: 2 resources moved (no-op), nothing created or destroyed; state: $(tr '\n' ' ' <"$work/state-after")"
