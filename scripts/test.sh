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

# The sanitizer builds compile while the tests run, under SCHED_IDLE: they get a CPU only
# when no test wants it (a test's workers preempt them at once), and much of the time tests
# wait (sleepers, pipes, the window's timers). That takes ~3 of CI's 20 minutes off. Their
# output goes to a log; the scripts after ctest build again, which then only links or says
# what failed. They are waited for even when a test failed: no build is left running.
sanitizer_log="$(mktemp)"
(
  chrt --idle -p 0 "$BASHPID" >/dev/null # inherited by everything the builds start
  if [ "$fuzz_seconds" -gt 0 ]; then
    targets=(corelab_core_tests corelab-worker corelab)
    for source in "$root"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
    "$root/scripts/sanitizer-build.sh" "${targets[@]}"
  fi
  if [ "$tsan" != 0 ]; then
    "$root/scripts/sanitizer-build.sh" --thread corelab_thread_tests corelab-worker
  fi
) >"$sanitizer_log" 2>&1 &
early_builds=$!

cd "${CORELAB_BUILD_DIR:-$root/build}"
status=0
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 300 || status=$?
wait "$early_builds" || echo "test: the early sanitizer builds failed; building again" >&2
rm -f "$sanitizer_log"
[ "$status" -eq 0 ] || exit "$status"
if [ "$fuzz_seconds" -gt 0 ]; then
  "$root/scripts/sanitize.sh"
  "$root/scripts/fuzz.sh" "$fuzz_seconds"
fi
if [ "$tsan" != 0 ]; then
  "$root/scripts/tsan.sh"
fi
