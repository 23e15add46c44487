#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 (the `fuzz` preset: ASan + UBSan) and runs each one
# for a bounded time from its seed corpus in tests/fuzz/corpus/<target>/. New inputs go to a
# temporary directory, so the committed corpora stay small; a crash, leak, hang or sanitizer
# report fails the script and the reproducer is kept under build/fuzz/artifacts/.
# Usage: tools/fuzz.sh [seconds per target, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}

# clang 14 and its runtime (libFuzzer, sanitizers), from Debian, only when missing.
packages=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
tools/install-deps.sh

targets=(provider_schema json_writer cli)
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2 --target "${targets[@]/#/fuzz_}"

# Absolute paths: the CLI target changes to a directory of its own before reading them.
artifacts=$PWD/build/fuzz/artifacts
mkdir -p "$artifacts"
failed=0
passed=0
for target in "${targets[@]}"; do
  work=$(mktemp -d)
  extra=()
  # The CLI prints usage and errors for nearly every input: keep libFuzzer's own report only.
  [ "$target" = cli ] && extra=(-close_fd_mask=3)
  echo "fuzz_$target: ${seconds}s from tests/fuzz/corpus/$target"
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build/fuzz/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 "${extra[@]}" \
      -artifact_prefix="$artifacts/$target-" "$work" "$PWD/tests/fuzz/corpus/$target" \
      >"$work.log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^Done" "$work.log" | sed "s/^/  /" || true
    passed=$((passed + 1))
  else
    echo "fuzz_$target FAILED; last lines of its log:"
    tail -40 "$work.log"
    failed=$((failed + 1))
  fi
  rm -rf "$work" "$work.log"
done
echo "fuzz: $passed of ${#targets[@]} targets ran clean for ${seconds}s each"
[ "$failed" -eq 0 ]
