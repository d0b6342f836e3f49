#!/usr/bin/env bash
# Builds the core, its tests and the worker with clang and ThreadSanitizer (build-tsan) and
# runs the tests whose threads share memory with the engine: the engine, its sampler and
# memory poller, supervision, crashes, external commands and the studies, with real workers
# (built the same way, so the threads model's kernels are checked too). Any data race,
# lock-order inversion or thread leak fails the run.  Usage: scripts/tsan.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CORELAB_TSAN_DIR:-$root/build-tsan}"
"$root/scripts/sanitizer-build.sh" --thread corelab_thread_tests corelab-worker
# Physics tests are left out: ThreadSanitizer slows every memory access 5-15x and maps
# shadow memory, which changes exactly what they measure.
tests='Engine*:Sampler*:Supervision.*:Crash*:External*:*Study*:SingleRun*:Deadlock*:AsyncModel*'
tests+=':InterpreterLock*:Messaging.*:ProcReaderRealProc*:Preflight*:Counter.AtomicAndMutexLoseNone'
tests+=':Counter.ShardsAddUpExactly:Counter.SharedProcessesNeedTheLockToo'
tests+='-AsyncModel.BeatsAThreadPerRequestOnMemory'
# exitcode=66: a race found in a worker fails that worker's run, and so its test.
# handle_segv=0: the crash workload's injected SIGSEGV must kill its worker as it does
# without ThreadSanitizer.
export TSAN_OPTIONS="handle_segv=0:halt_on_error=0:exitcode=66:second_deadlock_stack=1:report_signal_unsafe=0"
log="$(mktemp)"
status=0
"$build/tests/core/corelab_thread_tests" --gtest_filter="$tests" >"$log" 2>&1 || status=$?
grep -E "^\[  (PASSED|FAILED) |WARNING: ThreadSanitizer|SUMMARY: " "$log" || true
if [ "$status" -ne 0 ] || grep -q "WARNING: ThreadSanitizer" "$log"; then
  echo "tsan: failed; the whole log is $log" >&2
  exit 1
fi
rm -f "$log"
