#!/bin/sh
# What the window costs while it watches a run: the CPU time of the `corelab` window
# process (utime + stime from /proc/PID/stat) over the middle of a live run of 2 cpu
# workers at 10 Hz, divided by the wall time, at 1280x800 and 1920x1080 under Xvfb.
# The workers run in corelab-worker processes and are not counted; the engine and the
# sampler are threads of the window process and are (a fraction of a percent,
# bench_observer). Prints "% of a core" per size; never fails on a figure.
#
#   tests/bench/bench_window.sh [BUILD_DIR] [SECONDS]     (default: build 20)
#   BENCH_SIZES="1920x1080" tests/bench/bench_window.sh    (the sizes; default both)
set -eu

build=${1:-build}
seconds=${2:-20}
corelab=$(cd "$build/app" && pwd)/corelab
[ -x "$corelab" ] || { echo "no $corelab: build the corelab target" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# one experiment, not a comparison: the form's spec
cat >"$work/experiment.json" <<EOF
{
  "title": "bench_window",
  "spec": {"workload": "cpu", "model": "threads", "workers": 2, "rate_hz": 10,
           "duration_s": $seconds}
}
EOF

ticks=$(getconf CLK_TCK)

# utime + stime of PID in clock ticks (fields 14 and 15, counted after the ')')
cpu_ticks() {
    sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

measure() {
    size=$1
    w=${size%x*}
    h=${size#*x}
    # a home of its own: the window's settings (last experiment, geometry) stay out of
    # the user's, and the runs it saves go to a folder that is removed afterwards
    home="$work/home-$size"
    mkdir -p "$home"
    # the window quits by itself after taking a screenshot, 3 s after the run's end
    after=$(( (seconds + 3) * 1000 ))
    HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
        xvfb-run -a -s "-screen 0 ${w}x${h}x24" \
        sh -c 'echo $$ >"$0"; exec "$@"' "$work/pid-$size" \
        "$corelab" --size "$size" --experiment "$work/experiment.json" --start \
        --screenshot "$work/window-$size.png" --after "$after" >"$work/log-$size" 2>&1 &
    runner=$!
    i=0
    while [ ! -s "$work/pid-$size" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    pid=$(cat "$work/pid-$size")
    # from 3 s in (the run starts 0.3 s after the window shows) to 2 s before its end
    sleep 3
    span=$((seconds - 5))
    c0=$(cpu_ticks "$pid")
    t0=$(date +%s.%N)
    sleep "$span"
    c1=$(cpu_ticks "$pid")
    t1=$(date +%s.%N)
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    wait "$runner" || true
    echo "$c0 $c1 $t0 $t1 $ticks $size $load" | awk '{
        pct = 100 * ($2 - $1) / $5 / ($4 - $3)
        printf "window at %s, 2 cpu workers at 10 Hz: %.1f %% of a core over %.1f s (load %s %s %s)\n",
               $6, pct, $4 - $3, $7, $8, $9 }'
    if [ -n "${BENCH_WINDOW_SHOTS:-}" ]; then cp "$work/window-$size.png" "$BENCH_WINDOW_SHOTS/"; fi
}

for size in ${BENCH_SIZES:-1280x800 1920x1080}; do measure "$size"; done
