#!/usr/bin/env bash
# Sets up, builds and runs every test. CI's pass (the default) compiles the
# tests once, with ASan and UBSan (scripts/test_asan.sh, build-asan/), and
# runs them all there; the Release build (./build) compiles what a
# sanitizer build cannot serve: the Python module (its pytest suite runs
# against it and the Release tool) and the benchmarks (compiled, not run).
# MO_SKIP_ASAN=1: a quick local pass instead, everything in Release.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${MO_SKIP_ASAN:-0}" = 1 ]; then
  bash scripts/build.sh
  ctest --test-dir build --output-on-failure -j"$(nproc)"
  exit 0
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
# _core is the Python module: an unknown target here means setup.sh did not
# install pybind11-dev / python3-dev (configure says which).
cmake --build build -j"$(nproc)" --target maestro-onnx _core mo_benchmarks \
  maestro_reference
ctest --test-dir build --output-on-failure -j"$(nproc)" -R '^(python|maestro)\.'
bash scripts/test_asan.sh
