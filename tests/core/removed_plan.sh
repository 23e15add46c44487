#!/usr/bin/env bash
# `removed` then plan, with the real terraform: apply a stack holding terraform_data.keep, then
# synthesize it again with the construct gone and a removed block (destroy = false). The plan
# must forget keep (resource_changes action "forget") and destroy nothing, and applying it must
# leave keep out of the state while terraform_data.stay stays.
#   removed_plan.sh REMOVED_APP WORKDIR
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
dir="$work/out/stacks/removed"
fail() { echo "FAIL: $*"; exit 1; }
run() { (cd "$dir" && terraform "$@" -no-color) >"$work/last.log" 2>&1 || { cat "$work/last.log"; fail "terraform $*"; }; }

"$app" "$work/out" present || fail "synthesis (present)"
run init -input=false
run apply -input=false -auto-approve
(cd "$dir" && terraform state list) | sort >"$work/state-before" || fail "state list"
[ "$(cat "$work/state-before")" = "$(printf 'terraform_data.keep\nterraform_data.stay')" ] ||
  fail "state after the first apply: $(cat "$work/state-before")"

"$app" "$work/out" removed || fail "synthesis (removed)"
grep -q '"removed"' "$dir/main.tf.json" || fail "no removed block in main.tf.json"
[ -f "$dir/terraform.tfstate" ] || fail "resynthesis lost the local state"
run plan -input=false -out=removed.tfplan
grep -q "will no longer be managed by Terraform" "$work/last.log" || { cat "$work/last.log"; fail "plan does not say keep is forgotten"; }
(cd "$dir" && terraform show -json removed.tfplan) >"$work/plan.json" || fail "show -json"
python3 - "$work/plan.json" <<'PY' || exit 1
import json, sys
plan = json.load(open(sys.argv[1]))
changes = {c["address"]: c["change"]["actions"] for c in plan.get("resource_changes", [])}
print("resource_changes:", changes)
if changes.get("terraform_data.keep") != ["forget"]:
    sys.exit("FAIL: terraform_data.keep is not planned as forget: %r" % changes.get("terraform_data.keep"))
destroyed = [a for a, actions in changes.items() if "delete" in actions]
if destroyed:
    sys.exit("FAIL: the plan destroys %r" % destroyed)
if changes.get("terraform_data.stay", ["no-op"]) != ["no-op"]:
    sys.exit("FAIL: terraform_data.stay changes: %r" % changes["terraform_data.stay"])
PY
run apply -input=false removed.tfplan
(cd "$dir" && terraform state list) | sort >"$work/state-after" || fail "state list"
[ "$(cat "$work/state-after")" = "terraform_data.stay" ] || fail "state after forgetting: $(cat "$work/state-after")"
echo "ok: terraform_data.keep forgotten (action forget, nothing destroyed); state: terraform_data.stay"
