#!/usr/bin/env bash
# Configures and builds CoreLab in Release into build/ (or $CORELAB_BUILD_DIR).
# CORELAB_WERROR=ON makes warnings errors (scripts/test.sh does); every run sets it, so a
# build folder once used by the tests does not keep failing a user's build on a new warning.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CORELAB_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
# a compiler cache makes the second build of a checkout (or of a fresh clone beside it,
# paths taken relative to the checkout) take seconds instead of minutes on two cores
export CCACHE_BASEDIR="$root"
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime # precompiled headers
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCORELAB_WERROR="${CORELAB_WERROR:-OFF}" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
