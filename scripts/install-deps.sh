#!/usr/bin/env bash
# Installs the Debian 12 packages CoreLab builds and tests with, only those missing.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config ccache
  qt6-base-dev libqcustomplot-dev
  libspdlog-dev nlohmann-json3-dev libzstd-dev
  libgtest-dev libgmock-dev
  xvfb xauth
  dpkg-dev desktop-file-utils
  clang-format python3
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "corelab: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
