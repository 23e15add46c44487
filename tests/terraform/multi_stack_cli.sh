#!/usr/bin/env bash
# multi_stack_cli.sh SHARED_DIR WORK EXAMPLE
#
# The CLI of examples/multi_stack (network -> data -> service, and audit) against the real
# terraform with the stand-in AWS provider: apply --all in dependency order, plan --all clean,
# destroy --all empties every state, an injected apply failure in data skips service and lets
# audit finish, an upstream change reaching the downstream plan, a downstream plan before its
# upstream has state, unknown stacks and globs, HCP Terraform workspaces that validate.
# Exit 0 passed, 1 failed, 77 skipped (no terraform or no ../shared).
set -uo pipefail
shared=$1
work=$2
example=$3
here=$(cd "$(dirname "$0")" && pwd)
config=$("$here/schema_provider_env.sh" "$shared") || exit $?
export TF_CLI_CONFIG_FILE=$config CHECKPOINT_DISABLE=1
unset EDUSTACK_EXAMPLE_FAIL_APPLY EDUSTACK_EXAMPLE_VPC_CIDR

rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
failed=0
check() {  # check DESCRIPTION COMMAND...: a failed check is reported, the others still run
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failed=1; fi
}
run() {  # run LOG EXPECTED_RC ARGS...
  local log=$1 expected=$2
  shift 2
  "$example" "$@" >"$log" 2>&1
  local rc=$?
  if [ "$expected" = nonzero ] && [ $rc -ne 0 ]; then return 0; fi
  if [ "$rc" = "$expected" ]; then return 0; fi
  echo "exit code $rc, expected $expected: $example $*"
  tail -n 40 "$log"
  return 1
}
resources() {  # resources OUT STACK: managed resources in the stack's state
  terraform -chdir="$1/stacks/$2" state list 2>/dev/null | grep -vc '^data\.'
}
# The line numbers of "running terraform apply ... in OUT/stacks/NAME" in a log, in order.
applied_order() {
  grep -o "running terraform apply .* in $2/stacks/[a-z]*" "$1" | sed 's|.*/stacks/||' | tr '\n' ' '
}

# 1. apply --all: network before data before service; every state holds its resources.
check "apply --all --auto-approve" run apply.log 0 apply --all --auto-approve --out out
order=$(applied_order apply.log out)
echo "apply order: $order"
check "apply order network < data < service" bash -c \
  "echo '$order' | grep -Eq 'network .*data .*service'"
for stack in network data service audit; do
  check "state of $stack has resources" test "$(resources out $stack)" -gt 0
done
check "service read data's outputs" grep -q "terraform_remote_state" out/stacks/service/main.tf.json
check "each stack's lines carry its name" grep -q '^\[service\] running terraform apply' apply.log
check "the waves are announced" grep -q 'waves: audit network | data | service' apply.log
check "summary table lists every stack ok" bash -c \
  "for s in network data service audit; do grep -Eq \"^\$s +ok \" apply.log || exit 1; done"

# 2. plan --all right after: nothing to change anywhere.
check "plan --all" run plan.log 0 plan --all --out out
for stack in network data service audit; do
  check "plan of $stack shows no changes" grep -q "Stack $stack: no changes." plan.log
done

# 2b. An upstream change reaches the downstream plan: network's VPC gets another range (its
# output aws_vpc_vpc_cidr_block changes once applied), data's subnet follows it through
# terraform_remote_state; service (which reads data's outputs, unchanged) stays clean.
export EDUSTACK_EXAMPLE_VPC_CIDR=10.40.0.0/16
check "apply --stack network with the new range" run upstream.log 0 apply --stack network \
  --auto-approve --out out
check "network's state holds the new range" bash -c \
  "terraform -chdir=out/stacks/network output -raw aws_vpc_vpc_cidr_block | grep -qx 10.40.0.0/16"
check "plan --stack data after the upstream change" run downstream.log 0 plan --stack data \
  --out out
check "data's plan updates the subnet" grep -q "Stack data: 0 to create, 1 to update" downstream.log
check "data's plan shows the new range" grep -Eq '"10.30.1.0/24" -> "10.40.1.0/24"' downstream.log
unset EDUSTACK_EXAMPLE_VPC_CIDR

# 3. destroy --all (reverse order) empties every state.
check "destroy --all --auto-approve" run destroy.log 0 destroy --all --auto-approve \
  --allow-destroy --out out
order=$(applied_order destroy.log out)
echo "destroy order: $order"
check "destroy order service < data < network" bash -c \
  "echo '$order' | grep -Eq 'service .*data .*network'"
for stack in network data service audit; do
  check "state of $stack is empty" test "$(resources out $stack)" -eq 0
done

# 4. A downstream plan before its upstream has any state: a message, not terraform's error.
check "plan --stack service without upstream state fails" run early.log nonzero plan \
  --stack service --out fresh
check "it names the upstream and the command" grep -q \
  "stack service reads the outputs of stack data, which has no state yet: run .* apply --stack data" \
  early.log
check "no raw terraform error" bash -c "! grep -q 'Unable to find remote state' early.log"

# 5. An injected apply failure in data: service skipped, audit (independent) finishes.
export EDUSTACK_EXAMPLE_FAIL_APPLY=1
check "apply --all with a failing data stack exits non-zero" run fail.log nonzero apply --all \
  --auto-approve --out failing
unset EDUSTACK_EXAMPLE_FAIL_APPLY
check "data failed" grep -Eq "^data +failed " fail.log
check "service skipped" grep -Eq "^service +skipped " fail.log
check "skipped list names service" grep -q "skipped because a stack they need failed: service" fail.log
check "audit finished" grep -Eq "^audit +ok " fail.log
check "network finished" grep -Eq "^network +ok " fail.log
check "audit state has its bucket" test "$(resources failing audit)" -gt 0
check "service has no state" test "$(resources failing service)" -eq 0

# 6. Usage errors: unknown stack, glob matching nothing (exit 2).
check "unknown stack is a usage error" run unknown.log 2 plan --stack nope --stack data --out out
check "it names the stack" grep -q 'no stack named "nope"' unknown.log
check "glob matching nothing is a usage error" run glob.log 2 plan --stack 'zz*' --out out
check "it names the pattern" grep -q 'no stack matches the pattern "zz\*"' glob.log

# 7. HCP Terraform: every stack a workspace (EDUSTACK_EXAMPLE_CLOUD_ORG); the cloud blocks and the
# remote-backend readers synthesize, and terraform validate accepts each stack offline.
check "synth with cloud backends" env EDUSTACK_EXAMPLE_CLOUD_ORG=edustack-example \
  "$example" synth --quiet --out cloud
check "network has a cloud block" grep -q '"cloud": {' cloud/stacks/network/main.tf.json
check "data reads network through the remote backend" bash -c \
  "grep -A8 '\"network\": {' cloud/stacks/data/main.tf.json | grep -q '\"backend\": \"remote\"'"
check "data reads network's workspace by name" grep -q '"name": "multi-stack-network"' \
  cloud/stacks/data/main.tf.json
for stack in network data service audit; do
  check "terraform validate accepts $stack with its cloud block" bash -c \
    "cd cloud/stacks/$stack && terraform init -backend=false -input=false -no-color >init.log 2>&1 &&
     terraform validate -no-color >validate.log 2>&1"
done

[ $failed -eq 0 ] && echo "PASSED" || echo "FAILED (logs in $work)"
exit $failed
