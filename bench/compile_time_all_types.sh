#!/usr/bin/env bash
# Pay-per-use of the header-only AWS types (every type but the committed ones, generated at build
# time into BUILD/generated/include, docs/generator.md "Every AWS type"): compile time of
#   (a) the core headers alone,
#   (b) the core headers plus one typical generated header (the median-sized one), one instance
#       (and, as (b0), the same header without an instance: what including it costs),
#   (c) the 50 largest generated headers, one instance of each of two,
# with the dev preset's flags, -c, best of N, CPU time (user + sys) and wall time.
# Targets (issue 12): (b) at most 50 ms above (a); (c) under 2 s. Figures: bench/README.md.
#
#   bench/compile_time_all_types.sh [build dir, default build/dev] [compiler] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"
cxx="${2:-${CXX:-c++}}"
runs="${3:-5}"
gen="$build/generated/include"
[[ -d "$gen/edustack/aws" ]] || { echo "no $gen/edustack/aws: build target edustack_aws_all_types" >&2; exit 1; }
flags=(-std=c++20 -O1 -g0 -Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers
       -Werror -Iinclude "-I$gen")
work="${KEEP:-$(mktemp -d)}"
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT

# Headers by size, resources only (data sources are smaller).
mapfile -t by_size < <(ls -S "$gen"/edustack/aws/*.hpp)
count=${#by_size[@]}
typical="${by_size[$((count / 2))]}"
class_of() {  # the class a generated header declares
  grep -m1 -oE '^class [A-Za-z0-9_]+ : public core::Resource' "$1" | cut -d' ' -f2
}
config_needs_args() { grep -q 'core::Required<' "$1"; }

instance() {  # a constructor call for a type without required arguments, else a declaration
  local header="$1" class
  class=$(class_of "$header")
  if config_needs_args "$header"; then
    echo "  using T_$class = edustack::aws::$class; (void)sizeof(T_$class);"
  else
    echo "  edustack::aws::$class r_$class(stack, \"r_$class\");"
  fi
}

core_tu() {
  echo '#include "edustack/core/app.hpp"'
  echo '#include "edustack/core/resource.hpp"'
  echo '#include "edustack/core/stack.hpp"'
}
{
  core_tu
  echo 'int main() { edustack::App app; edustack::Stack stack(app, "s");'
  echo '  return app.synth_in_memory().stacks.size() == 1 ? 0 : 1; }'
} > "$work/core.cpp"
# A typical header with a real instance: the first type near the median size without required
# arguments, so the instance needs no knowledge of its fields.
for ((i = count / 2; i < count; i++)); do
  if ! config_needs_args "${by_size[$i]}"; then typical="${by_size[$i]}"; break; fi
done
{
  core_tu
  echo "#include \"${typical#"$gen"/}\""
  echo 'int main() { edustack::App app; edustack::Stack stack(app, "s");'
  instance "$typical"
  echo '  return app.synth_in_memory().stacks.size() == 1 ? 0 : 1; }'
} > "$work/one.cpp"
{
  core_tu
  echo "#include \"${typical#"$gen"/}\""
  echo 'int main() { edustack::App app; edustack::Stack stack(app, "s");'
  echo '  return app.synth_in_memory().stacks.size() == 1 ? 0 : 1; }'
} > "$work/include_only.cpp"
{
  core_tu
  for h in "${by_size[@]:0:50}"; do echo "#include \"${h#"$gen"/}\""; done
  echo 'int main() { edustack::App app; edustack::Stack stack(app, "s");'
  n=0
  for h in "${by_size[@]:0:50}"; do
    if ! config_needs_args "$h"; then instance "$h"; n=$((n + 1)); fi
    [[ $n -ge 2 ]] && break
  done
  echo '  return app.synth_in_memory().stacks.size() == 1 ? 0 : 1; }'
} > "$work/fifty.cpp"

time_compile() {
  local src="$1" best_wall="" best_cpu=""
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$cxx" "${flags[@]}" -c "$src" -o "$work/out.o"
    read -r wall user sys < "$work/time"
    local cpu
    cpu=$(echo "$user + $sys" | bc)
    if [[ -z "$best_cpu" ]] || (( $(echo "$cpu < $best_cpu" | bc) )); then best_cpu="$cpu"; fi
    if [[ -z "$best_wall" ]] || (( $(echo "$wall < $best_wall" | bc) )); then best_wall="$wall"; fi
  done
  printf '%.2f %.2f\n' "$best_cpu" "$best_wall"
}

load="$(cut -d' ' -f1-3 /proc/loadavg)"
read -r core_cpu core_wall < <(time_compile "$work/core.cpp")
read -r inc_cpu inc_wall < <(time_compile "$work/include_only.cpp")
read -r one_cpu one_wall < <(time_compile "$work/one.cpp")
read -r fifty_cpu fifty_wall < <(time_compile "$work/fifty.cpp")
lines=$(cat "${by_size[@]:0:50}" | wc -l)
echo "compiler: $("$cxx" --version | head -1)"
echo "flags: ${flags[*]}"
echo "load average when starting: $load; $count generated resource headers"
echo "core headers only:                          ${core_cpu} s CPU, ${core_wall} s wall (best of $runs)"
echo "+ one typical header ($(basename "$typical"), $(wc -l < "$typical") lines), no instance: ${inc_cpu} s CPU, ${inc_wall} s wall"
echo "+ the same header and one instance:         ${one_cpu} s CPU, ${one_wall} s wall"
echo "50 largest generated headers ($lines lines): ${fifty_cpu} s CPU, ${fifty_wall} s wall"
delta=$(echo "($one_cpu - $core_cpu) * 1000" | bc)
include_delta=$(echo "($inc_cpu - $core_cpu) * 1000" | bc)
echo "including one typical header costs ${include_delta} ms CPU over the core headers"
echo "one typical header and one instance cost ${delta} ms CPU over the core headers (target <= 50 ms)"
status=0
if (( $(echo "$fifty_cpu < 2.0" | bc) )); then echo "50 headers < 2 s: met"; else echo "50 headers < 2 s: MISSED"; status=1; fi
if (( $(echo "$delta <= 50" | bc) )); then echo "one header <= +50 ms: met"; else echo "one header <= +50 ms: MISSED"; status=1; fi
exit $status
