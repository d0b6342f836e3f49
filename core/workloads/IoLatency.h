#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace corelab {

// Per-worker latency histogram kept in the control block's shared area, so the
// leader can merge the workers of every model after the run. Buckets are
// log-linear: 8 per power of two of nanoseconds (≤ 12.5 % wide), 1 ns … ~36 min.
struct LatencyHistogram {
    static constexpr int kSubBits = 3;
    static constexpr int kBuckets = (64 - kSubBits + 1) << kSubBits;
    std::array<std::uint64_t, kBuckets> counts;

    static int bucketOf(std::uint64_t ns);
    static double bucketMidNs(int bucket);
    // Owner-only writer; atomic_ref so a reader of the shared memory never tears.
    void record(std::uint64_t ns)
    {
        std::atomic_ref<std::uint64_t> c(counts[static_cast<std::size_t>(bucketOf(ns))]);
        c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
};

std::size_t latencyAreaBytes(int workers);
LatencyHistogram& workerHistogram(std::byte* sharedArea, int worker);

// Merges the histograms of `workers` workers and writes latency_p50_ms and
// latency_p99_ms (bucket midpoints) into out; nothing when no request finished.
void addLatencyFigures(const std::byte* sharedArea, int workers,
                       std::map<std::string, double>& out);

} // namespace corelab
