#!/usr/bin/env bash
# Installs the Debian packages maestro-onnx needs. Idempotent: when every
# package is present it only checks and returns (no apt-get update).
set -euo pipefail
PKGS=(cmake g++ ninja-build libonnx-dev libprotobuf-dev protobuf-compiler
      libabsl-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
      nlohmann-json3-dev libonnx-testdata libjs-chart.js chromium
      pybind11-dev python3-dev python3-pytest python3-numpy python3-pandas
      python3-distributed
      libboost-program-options-dev libboost-filesystem-dev)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "setup: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
