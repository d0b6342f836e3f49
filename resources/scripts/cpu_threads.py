#!/usr/bin/env python3
"""CPU work on N threads of one CPython process, reported to CoreLab.

Usage: cpu_threads.py [workers] [seconds]   (defaults: 2 workers, run until stopped)

The same task as cpu_processes.py. With CPython's global interpreter lock only one
thread computes at a time, so more threads do not do more work; run both scripts
under `corelab run --workload external` and compare. Every ~100 ms the main thread
prints `corelab-ops N`: the hash chains finished since its previous line.
"""
import sys
import threading
import time

MASK = (1 << 64) - 1


def hash_rounds(x, rounds=64):
    # a serial chain: each round needs the previous result
    for _ in range(rounds):
        x ^= x >> 31
        x = (x * 0x9E3779B97F4A7C15) & MASK
        x ^= x >> 29
    return x


def work(counter, lock):
    x = threading.get_ident() & MASK
    while True:
        for i in range(50):  # a batch of a few ms, counted once
            x = hash_rounds(x + i)
        with lock:
            counter[0] += 50


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else float("inf")
    counter, lock = [0], threading.Lock()
    for _ in range(workers):
        threading.Thread(target=work, args=(counter, lock), daemon=True).start()
    reported, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.1)
        with lock:
            total = counter[0]
        print(f"corelab-ops {total - reported}", flush=True)
        reported = total


if __name__ == "__main__":
    main()
