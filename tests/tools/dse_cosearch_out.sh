#!/usr/bin/env bash
# `dse --strategy cosearch --out DIR` writes result.json, pareto.csv,
# best-hw.json, best-hw.m and best.m, and `eval DIR/best.m --hw
# DIR/best-hw.json` gives the best design's runtime and energy exactly.
#   dse_cosearch_out.sh MAESTRO_ONNX_BINARY   (run from the repo root)
set -eu
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" dse models/resnet18.onnx --strategy cosearch \
  --sweep 'pes=64|128|256,noc_bw=16|64' --constraint 'area<=3e6' \
  --budget 60000 --quiet --out "$dir/out" --format json > "$dir/stdout.json"
for f in result.json pareto.csv best-hw.json best-hw.m best.m; do
  test -s "$dir/out/$f" || { echo "missing $f"; exit 1; }
done
"$bin" eval "$dir/out/best.m" --hw "$dir/out/best-hw.json" --format json \
  > "$dir/eval.json"
/usr/bin/python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
r = json.load(open(f"{d}/out/result.json"))
s = json.load(open(f"{d}/stdout.json"))
e = json.load(open(f"{d}/eval.json"))["dataflows"][0]["totals"]
b = r["best"]
assert r["config"]["strategy"] == "cosearch", r["config"]
assert r["found"] and b is not None
for k in ("points_evaluated", "points_valid", "screen_evals", "inner_evals"):
    assert r[k] == s[k], (k, r[k], s[k])
assert r["screen_evals"] > 0 and r["inner_evals"] > 0, r
assert r["screen_evals"] + r["inner_evals"] <= 60000, r
assert e["runtime_cycles"] == b["runtime_cycles"], (e["runtime_cycles"], b)
assert e["energy_pj"] == b["energy_pj"], (e["energy_pj"], b)
hw = json.load(open(f"{d}/out/best-hw.json"))
assert hw["num_pes"] == b["pes"] and hw["l1_size"] == b["l1_size"], (hw, b)
print("ok: eval of best.m on best-hw.json:", e["runtime_cycles"], "cycles,",
      e["energy_pj"], "pJ, as result.json's best")
PY
