#!/bin/sh
# The memory of `corelab run` over a long real run: WORKERS sleeping io workers
# (`--mode sleep --latency-ms 1000`) at 10 Hz for MINUTES minutes, in real time (no fast
# play: the engine and sampler run as they always do). VmRSS of the `corelab` process is
# read every 30 s and printed, then "RSS after minute 1 → at the end". Never fails on a
# figure.
#
#   tests/bench/bench_soak_cli.sh [BUILD_DIR] [MINUTES] [WORKERS]   (default: build 5 256)
set -eu

build=${1:-build}
minutes=${2:-5}
workers=${3:-256}
corelab=$(cd "$build/app" && pwd)/corelab
[ -x "$corelab" ] || { echo "no $corelab: build the corelab target" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds=$((minutes * 60))
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null; }

echo "bench_soak_cli: corelab run --workload io --mode sleep --latency-ms 1000" \
    "--workers $workers --rate 10 --duration $seconds (real time)"
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
    "load at start $(cut -d' ' -f1-3 /proc/loadavg)"
TMPDIR=$work "$corelab" run --workload io --mode sleep --latency-ms 1000 --workers "$workers" \
    --rate 10 --duration "$seconds" --out "$work/run.corelab" >"$work/out" 2>"$work/err" &
pid=$!
start=$(date +%s)
first=
last=
n=1
while kill -0 "$pid" 2>/dev/null; do
    at=$((start + n * 30))
    while [ "$(date +%s)" -lt "$at" ] && kill -0 "$pid" 2>/dev/null; do sleep 1; done
    rss=$(rss_mib "$pid" || true)
    [ -n "$rss" ] || break # it ended meanwhile
    [ $n -eq 2 ] && first=$rss # after minute 1
    last=$rss
    printf "%4d s: RSS %6s MiB\n" $((n * 30)) "$rss"
    n=$((n + 1))
done
wait "$pid" || { echo "corelab run failed:" >&2; cat "$work/err" >&2; exit 1; }
echo "RSS after minute 1 → at the end: ${first:-?} MiB → ${last:-?} MiB"
echo "run file: $(du -k "$work/run.corelab" | cut -f1) KiB;" \
    "spool files left in TMPDIR: $(find "$work" -name '.corelab-spool-*' | wc -l)"
echo "load at end $(cut -d' ' -f1-3 /proc/loadavg)"
