#!/usr/bin/env bash
# The edit loop of a platform engineer: change one value in the assessment stack, rebuild with
# the dev preset, synthesize. Prints each round and the median of 5 (wall seconds).
# The value toggled is the service's maximum task count in stacks/assessment/src/compute.cpp.
set -euo pipefail
cd "$(dirname "$0")/.."
file=stacks/assessment/src/compute.cpp
marker='constexpr int kMaxTasks = '
grep -q "$marker" "$file" || { echo "no '$marker' line in $file"; exit 1; }
cmake --preset dev >/dev/null
cmake --build --preset dev --target edustack-cli >/dev/null  # warm: only the edit is measured
out=$(mktemp -d)
backup=$(mktemp)
cp "$file" "$backup"
trap 'cp "$backup" "$file"; rm -rf "$out" "$backup"; cmake --build --preset dev --target edustack-cli >/dev/null' EXIT
times=()
for round in 1 2 3 4 5; do
  value=$((50 - round))
  sed -i "s/${marker}[0-9]*;/${marker}${value};/" "$file"
  start=$(date +%s.%N)
  cmake --build --preset dev --target edustack-cli >/dev/null
  build/dev/edustack synth --quiet --out "$out" >/dev/null
  end=$(date +%s.%N)
  t=$(awk "BEGIN { print $end - $start }")
  grep -q "\"max_capacity\": $value" "$out/stacks/assessment/main.tf.json" ||
    { echo "round $round: the edit did not reach the synthesized stack"; exit 1; }
  printf 'round %d: max tasks %d, %.2f s\n' "$round" "$value" "$t"
  times+=("$t")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
printf 'edit + rebuild + synth, median of 5: %.2f s\n' "$median"
