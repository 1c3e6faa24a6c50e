#!/usr/bin/env bash
# Configures and builds maestro-onnx (Release) into ./build: the command
# build/tools/maestro-onnx and the Python module in build/python
# (PYTHONPATH=build/python python3 -c "import maestro_onnx"; docs/python.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
