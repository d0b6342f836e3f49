#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs each for SECONDS (default 30) on its kept corpus
# (listed below per target). New inputs go to a scratch folder; a crash leaves
# crash-* in the build folder and fails the script: fix it, then add the input to the
# corpus.  Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
seconds="${1:-30}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CORELAB_FUZZ_DIR:-$root/build-fuzz}"
targets=()
for source in "$root"/tests/fuzz/fuzz_*.cpp; do
  targets+=("$(basename "$source" .cpp)")
done
"$root/scripts/sanitizer-build.sh" "${targets[@]}"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
  # the kept inputs: the crafted files of the reliability review, and real, valid files
  case "$t" in
    fuzz_cli_options) corpus=("$root/tests/fuzz/corpus/cli_options") ;;
    fuzz_run_file) corpus=("$root/tests/data/untrusted/run" "$root/tests/ui/fixtures") ;;
    fuzz_compare_file) corpus=("$root/tests/data/untrusted/compare" "$root/tests/ui/fixtures") ;;
    fuzz_preset) corpus=("$root/tests/data/untrusted/preset" "$root/resources/presets") ;;
    *) echo "fuzz: no corpus listed for $t" >&2; exit 1 ;;
  esac
  scratch="$(mktemp -d)"
  echo "fuzz: $t for ${seconds}s on $(find "${corpus[@]}" -type f | wc -l) kept inputs" >&2
  "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/$t-" "$scratch" \
    "${corpus[@]}" 2>&1 |
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|.*ERROR)" || true
  status="${PIPESTATUS[0]}"
  rm -rf "$scratch"
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $t failed (exit $status); inputs: $build/$t-crash-*" >&2
    exit 1
  fi
done
