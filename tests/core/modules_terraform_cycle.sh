#!/usr/bin/env bash
# Synthesizes examples/modules and runs the whole real-terraform cycle on its stack directory
# (init, validate, plan, apply, plan again = no changes, destroy) with the stand-in providers.
#   modules_terraform_cycle.sh MODULES_STACK WORKDIR TFCHECK
# Exit 77 (skipped) when terraform or the stand-in providers' tfcheck.sh are absent.
set -uo pipefail
program=$1
work=$2
tfcheck=$3
command -v terraform >/dev/null 2>&1 || { echo "SKIP: no terraform binary on PATH"; exit 77; }
[ -x "$tfcheck" ] || { echo "SKIP: $tfcheck not found (../shared/schema-provider)"; exit 77; }
rm -rf "$work"
"$program" "$work" >/dev/null || { echo "synthesis failed"; exit 1; }
dir="$work/stacks/modules"
[ -f "$dir/modules/network/main.tf" ] || { echo "the local module was not copied into $dir"; exit 1; }
# The stand-in set-up of this build (tools/test.sh exports its TF_CLI_CONFIG_FILE), not the
# machine-wide /tmp/schema-provider, which another run may be setting up meanwhile.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ -f "$(dirname "$TF_CLI_CONFIG_FILE")/providers" ]; then
  export SCHEMA_PROVIDER_DIR
  SCHEMA_PROVIDER_DIR=$(dirname "$TF_CLI_CONFIG_FILE")
fi
out=$("$tfcheck" "$dir" 2>&1)
status=$?
printf '%s\n' "$out"
copy=$(printf '%s\n' "$out" | sed -n 's/.*work copy and logs in \(\/tmp\/tfcheck\.[A-Za-z0-9]*\).*/\1/p' | tail -1)
[ $status -eq 0 ] || { echo "tfcheck failed with status $status"; exit 1; }
[ -n "$copy" ] && [ -f "$copy/plan.json" ] || { echo "tfcheck left no plan.json"; exit 1; }
# The plan really instantiates the module three times and feeds its outputs on.
python3 - "$copy/plan.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
created = {c["address"] for c in plan["resource_changes"] if c["change"]["actions"] == ["create"]}
want = {'module.network["blue"].aws_vpc.this', 'module.network["green"].aws_vpc.this',
        'module.shared.aws_vpc.this', 'module.shared.aws_subnet.this',
        'aws_security_group.web["blue"]', 'aws_security_group.web["green"]',
        'aws_s3_bucket_lifecycle_configuration.expiry', 'terraform_data.replica[1]'}
missing = sorted(want - created)
if missing:
    sys.exit("FAIL: not planned for creation: %s" % missing)
rules = [c for c in plan["resource_changes"] if c["address"] == "aws_s3_bucket_lifecycle_configuration.expiry"]
ids = sorted(r["id"] for r in rules[0]["change"]["after"]["rule"])
if ids != ["logs", "tmp"]:
    sys.exit("FAIL: the dynamic block made rules %r" % ids)
tiers = [c for c in plan["resource_changes"]
         if c["address"] == "aws_s3_bucket_lifecycle_configuration.tiers"]
days = {r["id"]: sorted(t["days"] for t in r["transition"]) for r in tiers[0]["change"]["after"]["rule"]}
if days != {"exports": [7], "reports": [30, 90]}:
    sys.exit("FAIL: the nested dynamic blocks made transitions %r" % days)
print("ok: %d resources created, module instances, dynamic rules and nested transitions as expected"
      % len(created))
PY
result=$?
rm -rf "$copy"
exit $result
