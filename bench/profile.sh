#!/usr/bin/env bash
# Instruction counts of `edustack synth` of the assessment stack per phase (valgrind callgrind,
# inclusive costs), the profile behind bench/README.md. Instruction counts do not depend on the
# machine's load, so they are the figures to compare between changes.
#
#   bench/profile.sh [BUILD_DIR] [-- COMMAND ...]
#     default: BUILD_DIR/edustack synth --quiet --out TMP (BUILD_DIR: build/release)
#   e.g. bench/profile.sh build/release -- build/release/bench/edustack_unit_stack 10000 synth
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
shift || true
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [[ ${1:-} == -- ]]; then
  shift
  command=("$@" --quiet --out "$out/synth")
else
  command=("$build/edustack" synth --quiet --out "$out/synth")
fi
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 1; }
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "${command[@]}" \
  >/dev/null 2>"$out/valgrind.log"
total=$(grep -E '^summary:|^totals:' "$out/callgrind.out" | head -1 | awk '{ print $2 }')
callgrind_annotate --inclusive=yes --threshold=100 "$out/callgrind.out" 2>/dev/null \
  >"$out/inclusive.txt"
# The phases: function name patterns as callgrind_annotate prints them (demangled).
phases=(
  '_dl_start|dynamic loader and relocations (_dl_start)'
  '_dl_init|static initialisers of shared libraries (_dl_init)'
  '__libc_start_main|__libc_start_main (main and exit)'
  'cli::run(|cli::run'
  'cli::run_main(|cli::run_main'
  'AssessmentStack::AssessmentStack|building the assessment stack'
  'Unit::Unit(|building the unit stack (units)'
  'apply_aspects(|aspects'
  'App::synth_in_memory(|App::synth_in_memory'
  'App::synthesize_stacks(|App::synthesize_stacks (synth_in_memory, and synth before writing)'
  'ComplianceCheck::check(|compliance pack at synth'
  'ComplianceCheck::check_synthesized(|compliance pack at synth (on the bodies synthesis built)'
  'find_literal_secrets(|  of it find_literal_secrets'
  'Stack::synthesize(edustack::core::SynthOptions const&, edustack::core::detail::CrossStackLinks const&|Stack::synthesize'
  'core::write_terraform_json[abi:cxx11](|  of it the JSON writer'
  'streamed_text(|  of it the document written element by element (streamed_text)'
  'streamed_document(|  of it the document written element by element (streamed_document)'
  'JsonDocumentStream::write_text(|the document assembled into its file (JsonDocumentStream::write_text)'
  'Writer::value(|the JSON writer, every caller (Writer::value)'
  'SynthChecks::check_document(|  of it checks of the document'
  'write_output_directory(|writing the output directory'
  'core::Element::synthesize() const|elements to JSON values (synthesis and compliance views)'
  'core::Element::logical_id[abi:cxx11]() const|logical ids'
  'core::App::~App()|freeing the tree at exit'
)
if [[ -n ${PROFILE_KEEP:-} ]]; then cp "$out/callgrind.out" "$PROFILE_KEEP"; fi
printf 'total: %s instructions (%s)\n\n' "$total" "${command[*]}"
printf '| phase | instructions (inclusive) | share |\n| --- | --- | --- |\n'
for phase in "${phases[@]}"; do
  pattern=${phase%%|*}
  label=${phase#*|}
  count=$(grep -F "$pattern" "$out/inclusive.txt" | head -1 | awk '{ gsub(",", "", $1); print $1 }' || true)
  [[ -n $count ]] || continue
  printf '| %s | %s | %.1f%% |\n' "$label" "$count" \
    "$(awk "BEGIN { print 100 * $count / $total }")"
done
if [[ -n ${PROFILE_KEEP:-} ]]; then echo "callgrind output: $PROFILE_KEEP"; fi
