#!/usr/bin/env bash
# Builds the tests with AddressSanitizer and UndefinedBehaviorSanitizer
# into build-asan/ and runs the whole ctest there, so that a memory error,
# a leak or undefined behaviour fails CI (scripts/test.sh calls this).
# -O1 with line tables: the sanitizers' usual setting, quicker to build
# than Release; any report aborts the test that hit it. The Python module
# is not built here (a sanitizer runtime inside a Python extension needs
# LD_PRELOAD tricks): its tests run in the Release pass.
set -euo pipefail
cd "$(dirname "$0")/.."
flags="-O1 -g1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DMO_BUILD_BENCHMARKS=OFF -DMO_BUILD_PYTHON=OFF -DMO_BUILD_MAESTRO=OFF -DMO_TEST_COMPILE_OPTIONS=-O0 >/dev/null
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:detect_odr_violation=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
