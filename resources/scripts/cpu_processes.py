#!/usr/bin/env python3
"""CPU work in N CPython processes (multiprocessing), reported to CoreLab.

Usage: cpu_processes.py [workers] [seconds]   (defaults: 2 workers, run until stopped)

The same task as cpu_threads.py. Each process has its own interpreter and its own
global interpreter lock, so the processes compute at the same time, one per core.
Every ~100 ms the main process prints `corelab-ops N`: the hash chains all workers
finished since its previous line.
"""
import multiprocessing
import sys
import time

MASK = (1 << 64) - 1


def hash_rounds(x, rounds=64):
    # a serial chain: each round needs the previous result
    for _ in range(rounds):
        x ^= x >> 31
        x = (x * 0x9E3779B97F4A7C15) & MASK
        x ^= x >> 29
    return x


def work(counter, seed):
    x = seed
    while True:
        for i in range(50):  # a batch of a few ms, counted once
            x = hash_rounds(x + i)
        with counter.get_lock():
            counter.value += 50


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else float("inf")
    counter = multiprocessing.Value("Q", 0)
    for seed in range(workers):
        # daemon: they end with the main process when it returns
        multiprocessing.Process(target=work, args=(counter, seed), daemon=True).start()
    reported, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.1)
        total = counter.value
        print(f"corelab-ops {total - reported}", flush=True)
        reported = total


if __name__ == "__main__":
    main()
