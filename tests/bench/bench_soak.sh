#!/bin/sh
# The window's memory over a long live run: the synthetic machine (`--synthetic
# 256x256x3600`, record/Synthetic.h: 256 CPUs, 256 workers, 10 Hz) plays an hour through
# the live path (SyntheticRun → EngineController → RunSeries → the timeline), FAST-PLAYED
# with the hidden --synthetic-speed (the same samples and batches, shorter waits between
# ticks). VmRSS of the `corelab` process is read once per simulated minute; the curve is
# printed, then "RSS after minute 1 → after minute N", and the RSS once the run has ended
# and its file is written. Never fails on a figure.
#
#   tests/bench/bench_soak.sh [BUILD_DIR] [MINUTES] [SPEED] [CPUSxWORKERS]
#                                        (default: build 60 30 256x256)
set -eu

build=${1:-build}
minutes=${2:-60}
speed=${3:-30}
size=${4:-256x256}
corelab=$(cd "$build/app" && pwd)/corelab
[ -x "$corelab" ] || { echo "no $corelab: build the corelab target" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is not installed" >&2; exit 2; }

work=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
seconds=$((minutes * 60))
# wall seconds per simulated minute
step=$(echo "$speed" | awk '{ printf "%.3f", 60 / $1 }')
# the window quits by itself (its screenshot) well after the run's end
after=$(echo "$seconds $speed" | awk '{ printf "%d", ($1 / $2 + 300) * 1000 }')
ticks=$(getconf CLK_TCK)

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_s() { sed 's/.*) //' "/proc/$1/stat" | awk -v t="$ticks" '{ printf "%.1f", ($12 + $13) / t }'; }

echo "bench_soak: --synthetic ${size}x$seconds (10 Hz) played at ${speed}x" \
    "(FAST-PLAYED: $minutes simulated minutes in $(echo "$seconds $speed" | awk '{ printf "%.0f", $1 / $2 }') s)," \
    "window 1280x800 under Xvfb"
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
    "load at start $(cut -d' ' -f1-3 /proc/loadavg)"

HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share \
    TMPDIR=$work xvfb-run -a -s "-screen 0 1280x800x24" \
    sh -c 'echo $$ >"$0"; exec "$@"' "$work/pid" \
    "$corelab" --size 1280x800 --synthetic "${size}x$seconds" --synthetic-speed "$speed" \
    --screenshot "$work/window.png" --after "$after" >"$work/log" 2>&1 &
runner=$!
i=0
while [ ! -s "$work/pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
pid=$(cat "$work/pid")
# the run starts 0.3 s after the window shows
sleep 0.3
first=
last=
m=1
start=$(date +%s.%N)
while [ $m -le "$minutes" ]; do
    # sleep until the end of simulated minute m, measured from the start
    now=$(date +%s.%N)
    wait_s=$(echo "$start $now $m $step" | awk '{ w = $1 + $3 * $4 - $2; printf "%.3f", (w > 0 ? w : 0) }')
    sleep "$wait_s"
    [ -e "/proc/$pid/status" ] || { echo "the window ended early" >&2; cat "$work/log" >&2; exit 1; }
    rss=$(rss_mib "$pid")
    [ -n "$first" ] || first=$rss
    last=$rss
    printf "minute %3d: RSS %5s MiB  (window CPU so far %s s)\n" "$m" "$rss" "$(cpu_s "$pid")"
    m=$((m + 1))
done
# the end of the run: its file is written into the synthetic runs folder
i=0
while [ -z "$(find "$work/corelab-synthetic-runs" -name '*.corelab' 2>/dev/null)" ] && [ $i -lt 600 ]; do
    sleep 0.5
    i=$((i + 1))
done
ended=$(date +%s.%N)
sleep 2
end_rss=$(rss_mib "$pid" 2>/dev/null || echo "?")
file=$(find "$work/corelab-synthetic-runs" -name '*.corelab' 2>/dev/null | head -n 1)
echo "RSS after minute 1 → after minute $minutes: $first MiB → $last MiB;" \
    "after the run ended and was saved: $end_rss MiB"
if [ -n "$file" ]; then
    echo "run file: $(du -m "$file" | cut -f1) MiB, written $(echo "$start $ended $seconds $speed" |
        awk '{ printf "%.1f", $2 - $1 - $3 / $4 }') s after the run's planned end"
else
    echo "no run file was written"
fi
echo "load at end $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$pid" 2>/dev/null || true
wait "$runner" || true
