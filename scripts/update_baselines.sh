#!/usr/bin/env bash
# Rewrites the zoo baselines (tests/data/baselines/MODEL.json) and the golden
# tool outputs after an intended change of the numbers. Review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/tools/maestro-onnx}
mkdir -p tests/data/baselines
for m in models/*.onnx; do
  n=$(basename "$m" .onnx)
  "$bin" "$m" --dataflow=all --write-baseline "tests/data/baselines/$n.json" -o /dev/null
done
echo "baselines written; golden outputs: UPDATE_GOLDEN=1 ctest --test-dir build -R golden"
