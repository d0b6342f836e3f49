#!/usr/bin/env bash
# Configures a clang build with sanitizers (tests on, no window) and builds the given
# targets in it. By default ASan, UBSan and libFuzzer instrumentation in build-fuzz
# (scripts/sanitize.sh and scripts/fuzz.sh share it); with --thread, ThreadSanitizer in
# build-tsan (scripts/tsan.sh).
#   Usage: scripts/sanitizer-build.sh [--thread] TARGET…
#   (CORELAB_FUZZ_DIR, CORELAB_TSAN_DIR: the folders)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = --thread ]; then
  shift
  build="${CORELAB_TSAN_DIR:-$root/build-tsan}"
  kind=(-DCORELAB_SANITIZE=thread)
else
  build="${CORELAB_FUZZ_DIR:-$root/build-fuzz}"
  kind=(-DCORELAB_FUZZ=ON -DCORELAB_SANITIZE=address,undefined)
fi
source "$root/scripts/ccache-launcher.sh"
# -O1 with line tables only, and a unity build of the core (the kernels and the tests
# apart): a quicker build; reports still name lines.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
  -DCMAKE_CXX_COMPILER=clang++ -DCORELAB_BUILD_UI=OFF -DCORELAB_BUILD_TESTS=ON \
  -DCMAKE_UNITY_BUILD=ON "${kind[@]}" "${launcher[@]}" >/dev/null
cmake --build "$build" --parallel "${CORELAB_JOBS:-2}" --target "$@"
