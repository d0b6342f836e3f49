#!/usr/bin/env bash
# Builds the core, its tests and the worker with clang and ThreadSanitizer (build-tsan) and
# runs the tests whose threads share memory with the engine: the engine, its sampler and
# memory poller, supervision, crashes, external commands and the studies, with real workers
# (built the same way, so the threads model's kernels are checked too). Any data race,
# lock-order inversion or thread leak fails the run.  Usage: scripts/tsan.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CORELAB_TSAN_DIR:-$root/build-tsan}"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR="$root" # hits from a clone elsewhere, as scripts/build.sh
# -O1 with line tables only: a quicker build than -O2 -g, and reports still name lines;
# a unity build compiles the core in a few large units (the kernels apart).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
  -DCMAKE_CXX_COMPILER=clang++ -DCORELAB_BUILD_UI=OFF -DCORELAB_BUILD_TESTS=ON \
  -DCMAKE_UNITY_BUILD=ON -DCORELAB_SANITIZE=thread "${launcher[@]}" >/dev/null
cmake --build "$build" --parallel "${CORELAB_JOBS:-2}" --target corelab_thread_tests corelab-worker
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
