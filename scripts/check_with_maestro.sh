#!/bin/bash
# Runs MAESTRO itself on the mapping files maestro-onnx writes and compares
# its numbers with ours under --semantics maestro
# (docs/differences-from-maestro.md, "Files we write, run by MAESTRO"):
#   1. `maestro-onnx export MODEL --dataflow D` for every zoo model and
#      library dataflow (and with --conv-form maestro where that writes
#      another file: dilated or transposed convs);
#   2. `maestro-onnx search MODEL --out DIR`'s best.m for every zoo model,
#      searched under exact and under maestro semantics.
# For each file: MAESTRO must accept it (exit 0, one CSV row per layer, no
# error line), and each per-layer value (runtime, MACs, buffer needs, L1/L2
# accesses, NoC bandwidth, utilised PEs, energy in MAC units) must agree
# with `maestro-onnx eval FILE --semantics maestro` within 0.5 %
# (scripts/maestro_compare.py); a search under maestro semantics must also
# have reported MAESTRO's runtime and buffer needs for its winners.
#
# Usage: scripts/check_with_maestro.sh MAESTRO_BINARY [MAESTRO_ONNX] [HW.m]
#   MAESTRO_BINARY  MAESTRO built from github maestro-project/maestro
#                   (4eb08d1); this script never downloads or builds it
#   MAESTRO_ONNX    default build/tools/maestro-onnx
#   HW.m            a MAESTRO hardware file, default the pe256 preset's
#                   (tests/data/maestro/inputs/hw/hw_pe256.m)
# Environment: MODELS (default models/*.onnx), BUDGET (search budget,
# default evals=2000), SEARCH_ARGS (more search flags, e.g.
# "--spatial-rs cospatial"), EXPORTS=0 skips the exports, KEEP=1 keeps the
# work directory.
# Exit 0 when every file is accepted and agrees, 1 otherwise, 2 on usage.
set -uo pipefail
cd "$(dirname "$0")/.."
MAESTRO=${1:-}
MO=${2:-build/tools/maestro-onnx}
HW=${3:-tests/data/maestro/inputs/hw/hw_pe256.m}
if [ -z "$MAESTRO" ] || [ ! -x "$MAESTRO" ]; then
  echo "usage: $0 MAESTRO_BINARY [MAESTRO_ONNX] [HW.m]: MAESTRO_BINARY" \
       "'$MAESTRO' is not an executable" >&2
  exit 2
fi
MAESTRO=$(realpath "$MAESTRO")
[ -x "$MO" ] || { echo "error: $MO is not an executable" >&2; exit 2; }
[ -f "$HW" ] || { echo "error: hardware file $HW not found" >&2; exit 2; }
read -r -a MODEL_LIST <<< "${MODELS:-$(echo models/*.onnx)}"
BUDGET=${BUDGET:-evals=2000}
read -r -a SEARCH_ARGS <<< "${SEARCH_ARGS:-}"
W=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] && echo "work directory: $W" || trap 'rm -rf "$W"' EXIT
DATAFLOWS=$("$MO" dataflows | awk '/^[a-z]/ && NF > 1 && $1 != "Use" {print $1}')
failed=0 cases=0

# check CASE FILE.m [RESULT.json]: MAESTRO on FILE.m in its own
# directory, then the comparison with maestro-onnx eval under maestro
# semantics (and with the search's own figures, given its result.json).
check() {
  local case=$1 file=$2 result=${3:-} dir="$W/run/$1"
  local stem
  stem=$(basename "$file" .m)
  mkdir -p "$dir/data/mapping" "$dir/data/hw"
  cp "$file" "$dir/data/mapping/$stem.m"
  cp "$HW" "$dir/data/hw/hw.m"
  cases=$((cases + 1))
  local rc=0
  (cd "$dir" && timeout 600 "$MAESTRO" --HW_file=data/hw/hw.m \
     --Mapping_file="data/mapping/$stem.m" --print_res=true \
     --print_res_csv_file=true --print_log_file=false) \
     > "$dir/stdout.txt" 2>&1 || rc=$?
  if [ "$rc" != 0 ] || [ ! -s "$dir/$stem.csv" ] ||
     grep -qiE '\(error@|^\[?error|parse error' "$dir/stdout.txt"; then
    echo "$case: MAESTRO REJECTED $file (exit $rc): $(grep -i -m1 error "$dir/stdout.txt")"
    failed=$((failed + 1))
    return
  fi
  if ! "$MO" eval "$file" --semantics maestro --hw "$HW" --format json \
       > "$dir/ours.json" 2> "$dir/ours.err"; then
    echo "$case: maestro-onnx eval failed: $(head -1 "$dir/ours.err")"
    failed=$((failed + 1))
    return
  fi
  /usr/bin/python3 scripts/maestro_compare.py "$dir/$stem.csv" \
    "$dir/stdout.txt" "$dir/ours.json" "$case" $result ||
    failed=$((failed + 1))
}

mkdir -p "$W/files"
for m in "${MODEL_LIST[@]}"; do
  name=$(basename "$m" .onnx)
  for df in $DATAFLOWS; do
    [ "${EXPORTS:-1}" = 0 ] && break
    f="$W/files/${name}_$df.m"
    # export refuses (exit 2) a layer whose mapping cannot run on $HW.
    if ! "$MO" export "$m" --dataflow "$df" --hw "$HW" -o "$f" \
         2> "$W/export.err"; then
      echo "export $name $df: not written: $(tail -1 "$W/export.err")"
      continue
    fi
    check "export/$name/$df" "$f"
    # Dilated and transposed convs as MAESTRO's single layer: another file.
    g="$W/files/${name}_${df}_maestro_form.m"
    if ! "$MO" export "$m" --dataflow "$df" --conv-form maestro --hw "$HW" \
         -o "$g" 2> "$W/export.err"; then
      echo "export $name $df --conv-form maestro: not written: $(tail -1 "$W/export.err")"
    elif ! cmp -s "$f" "$g"; then
      check "export/$name/$df/conv-form-maestro" "$g"
    fi
  done
  for sem in exact maestro; do
    out="$W/search/$name-$sem"
    if ! "$MO" search "$m" --hw "$HW" --semantics "$sem" --budget "$BUDGET" \
         "${SEARCH_ARGS[@]}" --quiet --out "$out" > /dev/null 2> "$W/search.err"; then
      echo "search $name $sem: $(head -1 "$W/search.err")"
      failed=$((failed + 1))
      continue
    fi
    cp "$out/best.m" "$W/files/${name}_best_$sem.m"
    # Under maestro semantics the search's own figures are MAESTRO's too.
    claims=""
    [ "$sem" = maestro ] && claims="$out/result.json"
    check "search/$name/$sem" "$W/files/${name}_best_$sem.m" $claims
  done
done
echo "$cases files run by MAESTRO, $failed rejected or disagreeing"
[ "$failed" = 0 ]
