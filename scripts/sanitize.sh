#!/usr/bin/env bash
# Builds the core and its tests with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# (the build folder scripts/fuzz.sh uses) and runs the core tests that do not measure
# physics: parsers, loaders, writers, analysis, studies, the engine's supervision and the
# sampler, with real workers (built the same way) where those tests start them. Any
# sanitizer report fails the run.  Usage: scripts/sanitize.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CORELAB_FUZZ_DIR:-$root/build-fuzz}"
"$root/scripts/sanitizer-build.sh" corelab_core_tests corelab-worker corelab
# Physics tests (ratios of CPU time, throughput, memory) are left out: the sanitizers
# change exactly what they measure. handle_segv=0: the crash workload's injected
# SIGSEGV must kill its worker as it does without ASan.
tests='Parsers*:RunRecord*:UntrustedFiles*:JsonInput*:AtomicFile*:Spec*:Presets*:Compare.*'
tests+=':Table*:Advise*:Study*:Spread*:Format*:SummaryFigures*:Rates*:CoreShare*:OtherLoad*'
tests+=':FigureWords*:CommandLine*:Describe*:OpsLines*:ProcessTree*:Preflight*:Supervision.*'
tests+=':Sampler*:Engine*:External*:Crash*'
export ASAN_OPTIONS=handle_segv=0:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
log="$(mktemp)"
status=0
"$build/tests/core/corelab_core_tests" --gtest_filter="$tests" >"$log" 2>&1 || status=$?
grep -E "^\[  (PASSED|FAILED) |ERROR: AddressSanitizer|runtime error|SUMMARY: " "$log" || true
if [ "$status" -ne 0 ] || grep -qE "ERROR: AddressSanitizer|runtime error" "$log"; then
  echo "sanitize: failed; the whole log is $log" >&2
  exit 1
fi
rm -f "$log"
