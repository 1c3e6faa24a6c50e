#!/bin/bash
# docs/distributed.md's Slurm recipe without Slurm: scripts/slurm_zoo.sbatch
# run as the 7 tasks of `sbatch --array=0-6` would run it (the variables
# Slurm sets), then the merge command of the recipe; the result must equal
# the unsharded run. Usage: slurm_recipe.sh MAESTRO_ONNX
set -euo pipefail
MO=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$MO" models/*.onnx --dataflow=all --format json -o "$T/full.json"
for K in 0 1 2 3 4 5 6; do
  SLURM_ARRAY_TASK_ID=$K SLURM_ARRAY_TASK_COUNT=7 SLURM_CPUS_PER_TASK=2 \
    MO=$MO OUT=$T/parts bash scripts/slurm_zoo.sbatch
done
"$MO" merge "$T"/parts/part-*.json -o "$T/result.json"
cmp "$T/full.json" "$T/result.json"
echo "7 array tasks merged: identical to the unsharded run"
