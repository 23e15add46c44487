#!/usr/bin/env bash
# memcheck.sh EXPECTED_EXIT PROGRAM ARGS...: runs PROGRAM under valgrind memcheck. Fails on any
# memory error or definite leak (valgrind exits 99), or when PROGRAM's exit code is not EXPECTED.
# Exit 77 (skipped) without valgrind.
set -uo pipefail
expected=$1
shift
if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP: no valgrind on PATH"
  exit 77
fi
last=${*: -1}
if [[ "$last" == *.json && ! -f "$last" ]]; then
  echo "SKIP: no provider schema at $last (../shared is absent)"
  exit 77
fi
valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite -q "$@" >/dev/null
code=$?
if [ "$code" -eq 99 ]; then
  echo "FAILED: valgrind found memory errors or definite leaks in: $*"
  exit 1
fi
if [ "$code" -ne "$expected" ]; then
  echo "FAILED: exit code $code, expected $expected: $*"
  exit 1
fi
echo "ok: no memory errors, no definite leaks, exit $code: $*"
