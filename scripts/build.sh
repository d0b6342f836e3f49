#!/usr/bin/env bash
# Configures and builds CoreLab in Release into build/ (or $CORELAB_BUILD_DIR).
# CORELAB_WERROR=ON makes warnings errors (scripts/test.sh does); every run sets it, so a
# build folder once used by the tests does not keep failing a user's build on a new warning.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CORELAB_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
source "$root/scripts/ccache-launcher.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  "${launcher[@]}" -DCORELAB_WERROR="${CORELAB_WERROR:-OFF}" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
