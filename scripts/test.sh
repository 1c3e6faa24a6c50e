#!/usr/bin/env bash
# Sets up, builds and runs every test; then the same tests built with
# ASan and UBSan (scripts/test_asan.sh, build-asan/). MO_SKIP_ASAN=1 skips
# the sanitizer pass (for a quick local run; CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
if [ "${MO_SKIP_ASAN:-0}" != 1 ]; then
  bash scripts/test_asan.sh
fi
