#!/usr/bin/env bash
# Whole-process cost of `synth` (issue 16's table): the assessment stack (`edustack synth`) and
# the ten-type unit stack at 1,000 / 10,000 / 100,000 resources (bench/unit_stack.cpp), each run
# RUNS times (default 10; 100k: RUNS / 2, at least 3) into a fresh directory per size, with the
# median and minimum wall time, the median CPU time and the peak resident memory of the
# process. On a shared machine CPU time is the figure to compare (wall time waits for a core). An empty process
# (/bin/true) is measured too: the floor of any whole-process figure on the machine.
#
#   bench/scale.sh [BUILD_DIR]      (default build/release; configure with the release preset)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
runs=${RUNS:-10}
stats="$build/bench/edustack_proc_stats"
units="$build/bench/edustack_unit_stack"
for program in "$stats" "$units" "$build/edustack"; do
  [[ -x $program ]] || {
    echo "missing $program: cmake --preset release && cmake --build --preset release" >&2
    exit 1
  }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

row() {  # label, runs, command...
  local label=$1 n=$2
  shift 2
  local line
  line=$("$stats" "$n" "$@")
  local median min cpu rss
  median=$(sed -E 's/.*median_ms=([0-9.]+).*/\1/' <<<"$line")
  cpu=$(sed -E 's/.*cpu_ms=([0-9.]+).*/\1/' <<<"$line")
  min=$(sed -E 's/.*min_ms=([0-9.]+).*/\1/' <<<"$line")
  rss=$(sed -E 's/.*max_rss_kib=([0-9]+).*/\1/' <<<"$line")
  printf '| %s | %s ms | %s ms | %s ms | %.1f MiB |\n' "$label" "$median" "$min" "$cpu" \
    "$(awk "BEGIN { print $rss / 1024 }")"
}

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo
echo '| work | median wall | min wall | median CPU (user + sys) | peak RSS |'
echo '| --- | --- | --- | --- | --- |'
row 'empty process (/bin/true)' "$runs" /bin/true
row 'assessment stack, `edustack synth`' "$runs" "$build/edustack" synth --quiet --out "$out/assessment"
for n in 1000 10000 100000; do
  r=$runs
  if ((n == 100000)); then r=$((runs / 2 < 3 ? 3 : runs / 2)); fi
  row "$n resources (10 types)" "$r" \
    "$units" "$n" synth --quiet --out "$out/units-$n"
done
echo
for n in 1000 10000 100000; do
  f="$out/units-$n/stacks/units/main.tf.json"
  printf '%s resources: %s bytes of JSON\n' "$n" "$(stat -c %s "$f")"
done
