#!/bin/bash
# The zoo run (every model, every dataflow) in N shards for N = 1, 2, 3, 7,
# merged (parts given in reverse order): byte-identical to the unsharded
# --format json. Then the merge's refusals: a shard missing, a shard twice,
# parts of two different runs. Usage: shard_merge.sh MAESTRO_ONNX
set -euo pipefail
MO=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$MO" models/*.onnx --dataflow=all --format json -o "$T/full.json"
for N in 1 2 3 7; do
  parts=()
  for ((K = N - 1; K >= 0; K--)); do
    "$MO" models/*.onnx --dataflow=all --shard "$K/$N" -o "$T/p$K.json"
    parts+=("$T/p$K.json")
  done
  "$MO" merge "${parts[@]}" -o "$T/merged.json"
  cmp "$T/full.json" "$T/merged.json"
  echo "N=$N: ${#parts[@]} parts merged, identical to the unsharded run"
done
# Layers not costed, the exact-semantics fallback, maestro semantics, a
# dataflow file and overridden hardware: still identical.
for sem in exact maestro; do
  args=(models/mobilenet_v2.onnx models/vit_b_16.onnx --semantics "$sem"
        --dataflow "nvdla,tests/data/dataflows/nvdla_no_dsconv.m,tests/data/dataflows/rs_xr_fallback.m,tests/data/dataflows/nvdla_bad_r.m"
        --pes 64 --l2-size 4096)
  "$MO" "${args[@]}" --format json -o "$T/full2.json"
  "$MO" "${args[@]}" --shard 1/2 -o "$T/q1.json"
  "$MO" "${args[@]}" --shard 0/2 -o "$T/q0.json"
  "$MO" merge "$T/q1.json" "$T/q0.json" -o "$T/merged2.json"
  cmp "$T/full2.json" "$T/merged2.json"
  grep -q '"costed": false' "$T/full2.json"
  echo "$sem semantics, layers not costed, dataflow files: identical"
done
# Refusals (exit 2, one message each); $T/p0..p6 are the N=7 parts.
expect_refusal() {
  local want=$1; shift
  if "$MO" merge "$@" -o "$T/bad.json" 2>"$T/err"; then
    echo "merge $* succeeded; expected: $want"; exit 1
  fi
  grep -q -- "$want" "$T/err" || { echo "got: $(cat "$T/err")"; exit 1; }
  echo "refused: $(cat "$T/err")"
}
expect_refusal "are in no part" "$T"/p{0,1,2,3,4,5}.json
expect_refusal "is in two parts" "$T"/p{0,1,2,3,4,5,6,6}.json
"$MO" models/resnet18.onnx --dataflow=all --pes 64 --shard 0/7 -o "$T/other.json"
expect_refusal "another run" "$T"/p{0,1,2,3,4,5}.json "$T/other.json"
expect_refusal "not a shard result" "$T/full.json"
