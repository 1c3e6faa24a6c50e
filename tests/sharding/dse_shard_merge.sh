#!/bin/bash
# `maestro-onnx dse --strategy sweep --shard K/N` for N = 1, 2, 3, 7 and 20
# (more shards than cost keys: some parts empty), merged (parts in reverse
# order): identical to the unsharded --format json but for the timing
# fields the JSON lists (timing_fields). Then PE counts the dataflow cannot
# serve (INVALID notes from several shards), constraints, no valid design,
# --buffers fit, and the refusals. Usage: dse_shard_merge.sh MAESTRO_ONNX
set -euo pipefail
MO=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
strip() { /usr/bin/python3 tests/sharding/strip_timing.py "$1"; }
same() {  # FULL MERGED: equal without timing fields, and not trivially
  cmp <(strip "$1") <(strip "$2")
  grep -q '"runtime_cycles": [1-9]' "$2"
}
# DIR MERGED_DIR: the same files (`dse --out`, `merge --out`), each equal
# (result.json without timing fields).
same_dirs() {
  [ "$(ls "$1")" = "$(ls "$2")" ] || { echo "files: $(ls "$1") vs $(ls "$2")"; exit 1; }
  same "$1/result.json" "$2/result.json"
  for f in $(ls "$1"); do
    [ "$f" = result.json ] || cmp "$1/$f" "$2/$f"
  done
}
# RUN_NAME N ARGS...: the unsharded run, N shards, their merge, compared.
check() {
  local name=$1 n=$2; shift 2
  local rc=0
  "$MO" dse "$@" --quiet --format json --out "$T/$name.dir" > "$T/$name.full.json" 2> "$T/$name.err" || rc=$?
  local parts=()
  for ((K = n - 1; K >= 0; K--)); do
    "$MO" dse "$@" --quiet --shard "$K/$n" -o "$T/$name.p$K.json"
    parts+=("$T/$name.p$K.json")
  done
  local mrc=0
  "$MO" merge "${parts[@]}" -o "$T/$name.merged.json" --out "$T/$name.mdir" 2> "$T/$name.merr" || mrc=$?
  [ "$rc" = "$mrc" ] || { echo "$name: dse exit $rc, merge exit $mrc"; exit 1; }
  cmp "$T/$name.err" "$T/$name.merr"
  same "$T/$name.full.json" "$T/$name.merged.json"
  same_dirs "$T/$name.dir" "$T/$name.mdir"
  echo "$name, N=$n: ${#parts[@]} parts merged, identical (exit $rc), --out files: $(ls "$T/$name.mdir" | tr '\n' ' ')"
}
grid=(models/resnet18.onnx --sweep 'pes=64:512:64,l1=256|512,noc_bw=16|64')
for N in 1 2 3 7 20; do check grid "$N" "${grid[@]}"; done
# 8 PE counts of which 7 fail under nvdla (clusters of 64): INVALID notes
# from different shards; edp, 2 threads.
check invalid 3 models/resnet18.onnx --sweep 'pes=1|2|3|5|7|9|11|64,noc_bw=8|64' \
  --objective edp --threads 2
grep -q '"INVALID: and 2 more PE counts"' "$T/invalid.merged.json"
check area 2 models/resnet18.onnx \
  --sweep 'pes=64:512:64,l2=1000|100000|1000000' --constraint 'area<=4e6'
grep -q '"points_over_constraints": 8' "$T/area.merged.json"
check none 3 models/resnet18.onnx --sweep pes=64:256:64 --constraint 'latency<=1'
echo "no valid design: $(cat "$T/none.merr")"
check fit 4 models/mobilenet_v2.onnx --buffers fit --objective energy \
  --sweep 'pes=32:256:32,noc_bw=8|32|128'
# Refusals (exit 2, one message each).
expect_refusal() {
  local want=$1; shift
  local rc=0
  "$@" 2>"$T/err" >/dev/null || rc=$?
  [ "$rc" = 2 ] || { echo "$*: exit $rc; expected 2 ($want)"; exit 1; }
  [ "$(wc -l < "$T/err")" = 1 ] || { echo "not one line: $(cat "$T/err")"; exit 1; }
  grep -q -- "$want" "$T/err" || { echo "got: $(cat "$T/err")"; exit 1; }
  echo "refused: $(cat "$T/err")"
}
# The N=7 parts (the loop above ended with N=20).
for K in 0 1 2 3 4 5 6; do
  "$MO" dse "${grid[@]}" --quiet --shard "$K/7" -o "$T/s$K.json"
done
expect_refusal "are in no part" "$MO" merge "$T"/s{0,1,2,4,5,6}.json
expect_refusal "are the same shard" "$MO" merge "$T"/s{0,1,2,3,4,5,6,6}.json
"$MO" dse "${grid[@]}" --quiet --shard 2/3 -o "$T/three.json"
expect_refusal "is in two parts" "$MO" merge "$T"/s{0,1,2,3,4,5,6}.json "$T/three.json"
"$MO" dse "${grid[@]}" --quiet --objective energy --shard 6/7 -o "$T/other.json"
expect_refusal "another dse run" "$MO" merge "$T"/s{0,1,2,3,4,5}.json "$T/other.json"
"$MO" dse "${grid[@]}" --quiet --pes 64 --shard 6/7 -o "$T/other.json"
expect_refusal "another dse run" "$MO" merge "$T"/s{0,1,2,3,4,5}.json "$T/other.json"
"$MO" search models/resnet18.onnx --budget evals=50 --quiet --shard 0/1 -o "$T/search.json"
expect_refusal "a part of a search and" "$MO" merge "$T"/s{0,1,2,3,4,5,6}.json "$T/search.json"
expect_refusal "not a dse shard result" "$MO" merge "$T"/s{0,1,2,3,4,5,6}.json "$T/grid.full.json"
for s in rl-ga ga random cosearch; do
  expect_refusal "only the sweep is sharded" "$MO" dse models/resnet18.onnx \
    --strategy "$s" --budget 100 --shard 0/2 -o "$T/x.json"
done
expect_refusal "writes the files of a dse sweep" "$MO" merge "$T/search.json" --out "$T/d"
expect_refusal "not --out DIR" "$MO" dse "${grid[@]}" --shard 0/2 --out "$T/d"
expect_refusal "expected it with --shard" "$MO" dse "${grid[@]}" -o "$T/x.json"
