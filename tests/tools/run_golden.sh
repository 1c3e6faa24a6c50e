#!/usr/bin/env bash
# Golden-text test of maestro-onnx's output.
#   run_golden.sh MAESTRO_ONNX_BINARY tests/tools/golden/NAME.cmd
# NAME.cmd holds the arguments (one shell line, run from the repo root);
# NAME.out the expected stdout+stderr; NAME.rc the expected exit code (0 if
# absent). UPDATE_GOLDEN=1 rewrites .out and .rc from the actual run.
set -u
bin=$1
cmd=$2
base=${cmd%.cmd}
args=$(cat "$cmd")
actual=$(eval "\"$bin\" $args" 2>&1)
rc=$?
expected_rc=0
[ -f "$base.rc" ] && expected_rc=$(cat "$base.rc")
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  printf '%s\n' "$actual" > "$base.out"
  if [ "$rc" != 0 ]; then echo "$rc" > "$base.rc"; else rm -f "$base.rc"; fi
  echo "updated $base.out (exit $rc)"
  exit 0
fi
status=0
if [ "$rc" != "$expected_rc" ]; then
  echo "exit code $rc, expected $expected_rc"
  status=1
fi
if ! diff -u "$base.out" <(printf '%s\n' "$actual"); then
  status=1
fi
exit $status
