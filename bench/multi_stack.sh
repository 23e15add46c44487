#!/usr/bin/env bash
# bench/multi_stack.sh APP [ROUNDS]
#
# The multi-stack benchmark (bench/README.md, "Multi-stack apps"): APP is the
# edustack_multi_stack_bench_app binary (bench/multi_stack_app.cpp, 50 stacks x 20 resources in
# waves of five). Measures, as the median of ROUNDS (default 3) wall times:
#   1. `APP synth` of the whole app (a process: start, build the tree, synthesize, write);
#   2. `plan --all` with --parallelism 1 and 4 against the stand-in terraform of the CLI tests
#      (tests/cli/cli_test_support.hpp, extracted from its raw string), which answers at once:
#      the CLI's orchestration overhead (synthesis, waves, worker processes, prefixed output,
#      plan reading), and the same stand-in calls made directly by a shell loop for comparison;
#   3. the same with the stand-in taking 0.5 s per plan and per show and 0.1 s per init:
#      what the waves and --parallelism win, and what the serialized init costs.
set -euo pipefail
app=$(realpath "$1")
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/edustack-multi-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
sed -n '/standin_terraform = R"SH(/,/^)SH";/p' "$here/../tests/cli/cli_test_support.hpp" |
  sed '1s/.*R"SH(//; $d' >"$work/bin/terraform"
chmod +x "$work/bin/terraform"
echo '{"format_version":"1.2","terraform_version":"1.10.0","resource_changes":[]}' >"$work/plan.json"
export PATH="$work/bin:$PATH" STANDIN_LOG="$work/terraform.log" STANDIN_PLAN_JSON="$work/plan.json"
unset EDUSTACK_TERRAFORM NO_COLOR
cd "$work"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() {  # measure LABEL COMMAND...: prints the median wall time of ROUNDS runs
  local label=$1
  shift
  local times=()
  for _ in $(seq "$rounds"); do
    : >"$STANDIN_LOG"
    local start end
    start=$(now)
    "$@" >"$work/last.log" 2>&1 || { echo "failed: $*" >&2; tail -n 20 "$work/last.log" >&2; exit 1; }
    end=$(now)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%-58s %8.3f s\n' "$label" "$(printf '%s\n' "${times[@]}" | median)"
}

echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
measure "synth (50 stacks x 20 resources)" "$app" synth --quiet --out out
# Each stack "applied" (a state file): downstream plans read their upstream's state.
for dir in out/stacks/*/; do
  echo '{"version": 4, "terraform_version": "1.11.0", "serial": 1, "outputs": {}, "resources": []}' \
    >"$dir/terraform.tfstate"
done
calls() { wc -l <"$STANDIN_LOG"; }
"$app" plan --all --out out >/dev/null 2>&1
echo "terraform calls per plan --all: $(calls)"
direct() {  # the same stand-in calls, made by a shell loop: what terraform calls cost alone
  for dir in out/stacks/*/; do
    (cd "$dir" && terraform init -input=false >/dev/null && terraform plan -input=false \
      -out=edustack.tfplan >/dev/null && terraform show -json edustack.tfplan >/dev/null)
  done
}
measure "stand-in calls alone (shell loop, 3 per stack)" direct
measure "plan --all --parallelism 1 (stand-in answers at once)" "$app" plan --all --out out --parallelism 1
measure "plan --all --parallelism 4 (stand-in answers at once)" "$app" plan --all --out out --parallelism 4
mkdir -p "$work/overlap"
export STANDIN_OVERLAP_DIR="$work/overlap" STANDIN_SLEEP=0.5 STANDIN_INIT_SLEEP=0.1
measure "plan --all --parallelism 1 (plan, show 0.5 s; init 0.1 s)" "$app" plan --all --out out --parallelism 1
measure "plan --all --parallelism 4 (plan, show 0.5 s; init 0.1 s)" "$app" plan --all --out out --parallelism 4
grep -q "overlap init" "$STANDIN_LOG" && { echo "error: two terraform init overlapped" >&2; exit 1; }
echo "no two terraform init overlapped"
