#!/bin/bash
# `maestro-onnx search --shard K/N` for N = 1, 2, 3, 7, merged (parts in
# reverse order): identical to the unsharded --format json but for the
# timing fields the JSON lists (timing_fields, docs/search.schema.json).
# Then other options (random, edp, 2 threads, other hardware, a .m target)
# and the merge's refusals. Usage: search_shard_merge.sh MAESTRO_ONNX
set -euo pipefail
MO=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
strip() { /usr/bin/python3 tests/sharding/strip_timing.py "$1"; }
same() {  # FULL MERGED: equal without timing fields, and not trivially
  cmp <(strip "$1") <(strip "$2")
  grep -q '"runtime_cycles": [1-9]' "$2"
}
run=(models/resnet18.onnx --budget evals=300 --quiet)
"$MO" search "${run[@]}" --format json > "$T/full.json"
for N in 1 2 3 7; do
  parts=()
  for ((K = N - 1; K >= 0; K--)); do
    "$MO" search "${run[@]}" --shard "$K/$N" -o "$T/p$K.json"
    parts+=("$T/p$K.json")
  done
  "$MO" merge "${parts[@]}" -o "$T/merged.json"
  same "$T/full.json" "$T/merged.json"
  echo "N=$N: ${#parts[@]} parts merged, identical to the unsharded search"
done
run2=(models/mobilenet_v2.onnx --strategy random --objective edp --pes 64
      --budget evals=150 --seed 5 --threads 2 --quiet)
"$MO" search "${run2[@]}" --format json > "$T/full2.json"
for K in 2 0 1; do "$MO" search "${run2[@]}" --shard "$K/3" -o "$T/q$K.json"; done
"$MO" merge "$T"/q{2,1,0}.json -o "$T/merged2.json"
same "$T/full2.json" "$T/merged2.json"
echo "random, edp, 2 threads, 64 PEs: identical"
run4=(models/resnet18.onnx --objective pareto:latency,energy --budget evals=200
      --quiet)
"$MO" search "${run4[@]}" --format json > "$T/full4.json"
grep -q '"network_front"' "$T/full4.json"
for K in 1 0; do "$MO" search "${run4[@]}" --shard "$K/2" -o "$T/s$K.json"; done
"$MO" merge "$T"/s{1,0}.json -o "$T/merged4.json"
same "$T/full4.json" "$T/merged4.json"
echo "pareto:latency,energy (the network front): identical"
run3=(tests/data/search/e2.m --budget evals=100 --quiet)
"$MO" search "${run3[@]}" --format json > "$T/full3.json"
"$MO" search "${run3[@]}" --shard 0/2 -o "$T/r0.json"
"$MO" search "${run3[@]}" --shard 1/2 -o "$T/r1.json"
"$MO" merge "$T/r1.json" "$T/r0.json" -o "$T/merged3.json"
same "$T/full3.json" "$T/merged3.json"
echo "a .m target, a shard without layers: identical"
# No feasible mapping under --constraint: the shards exit 0, the merge as
# the unsharded search (exit 1, the same error line).
run4=(models/resnet18.onnx --budget evals=100 --constraint 'l2<=100' --quiet)
rc=0; "$MO" search "${run4[@]}" --format json > "$T/full4.json" 2> "$T/err4" || rc=$?
[ "$rc" = 1 ]
"$MO" search "${run4[@]}" --shard 0/2 -o "$T/c0.json"
"$MO" search "${run4[@]}" --shard 1/2 -o "$T/c1.json"
rc=0; "$MO" merge "$T/c1.json" "$T/c0.json" -o "$T/merged4.json" 2> "$T/merr4" || rc=$?
[ "$rc" = 1 ]
cmp "$T/err4" "$T/merr4"
same "$T/full4.json" "$T/merged4.json"
echo "no feasible mapping under --constraint: exit 1 and $(cat "$T/merr4")"
# Refusals (exit 2, one message each); $T/p0..p6 are the N=7 parts.
expect_refusal() {
  local want=$1; shift
  local rc=0
  "$MO" merge "$@" -o "$T/bad.json" 2>"$T/err" || rc=$?
  [ "$rc" = 2 ] || { echo "merge $*: exit $rc; expected 2 ($want)"; exit 1; }
  [ "$(wc -l < "$T/err")" = 1 ] || { echo "not one line: $(cat "$T/err")"; exit 1; }
  grep -q -- "$want" "$T/err" || { echo "got: $(cat "$T/err")"; exit 1; }
  echo "refused: $(cat "$T/err")"
}
expect_refusal "are in no part" "$T"/p{0,1,2,3,4,5}.json
expect_refusal "is in two parts" "$T"/p{0,1,2,3,4,5,6,6}.json
"$MO" search "${run[@]}" --seed 2 --shard 6/7 -o "$T/other.json"
expect_refusal "another search" "$T"/p{0,1,2,3,4,5}.json "$T/other.json"
"$MO" search "${run[@]}" --pes 64 --shard 6/7 -o "$T/other.json"
expect_refusal "another search" "$T"/p{0,1,2,3,4,5}.json "$T/other.json"
expect_refusal "another search" "$T"/p{0,1,2}.json "$T"/q{0,1}.json
"$MO" models/resnet18.onnx --shard 0/1 -o "$T/main.json"
expect_refusal "a part of a main-job run" "$T"/p{0,1,2,3,4,5,6}.json "$T/main.json"
expect_refusal "not a search shard result" "$T"/p{0,1,2,3,4,5,6}.json "$T/full.json"
