#!/usr/bin/env bash
# Installs what is missing, checks formatting, builds with warnings as errors, and runs every
# test. Tests measure real CPU time, so they run one at a time. Then, built with clang, ASan
# and UBSan, the core tests that do not measure physics run again, and the fuzz targets run
# for CORELAB_FUZZ_SECONDS each (default 10; 0 skips both); built with ThreadSanitizer, the
# engine's and the workers' threaded tests run again (CORELAB_TSAN=0 skips them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/check-format.sh"
CORELAB_WERROR="${CORELAB_WERROR:-ON}" "$root/scripts/build.sh"
fuzz_seconds="${CORELAB_FUZZ_SECONDS:-10}"
tsan="${CORELAB_TSAN:-1}"

cd "${CORELAB_BUILD_DIR:-$root/build}"
# Not overlapped with the sanitizer builds, even at idle priority: the tests that need two
# free CPUs (two workers against one, the interpreter lock) see a busy machine and skip.
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 300
if [ "$fuzz_seconds" -gt 0 ]; then
  "$root/scripts/sanitize.sh"
  "$root/scripts/fuzz.sh" "$fuzz_seconds"
fi
if [ "$tsan" != 0 ]; then
  "$root/scripts/tsan.sh"
fi
