#include "workloads/IoLatency.h"

#include <bit>
#include <vector>

namespace corelab {

int LatencyHistogram::bucketOf(std::uint64_t ns)
{
    if (ns < (1u << kSubBits)) return static_cast<int>(ns);
    const int octave = std::bit_width(ns) - 1;
    const auto sub = static_cast<int>((ns >> (octave - kSubBits)) & ((1u << kSubBits) - 1));
    return ((octave - kSubBits + 1) << kSubBits) + sub;
}

double LatencyHistogram::bucketMidNs(int bucket)
{
    constexpr int perOctave = 1 << kSubBits;
    if (bucket < perOctave) return bucket;
    const int octave = bucket / perOctave + kSubBits - 1;
    const int sub = bucket % perOctave;
    const double width = static_cast<double>(1ULL << (octave - kSubBits));
    return (perOctave + sub) * width + width / 2;
}

std::size_t latencyAreaBytes(int workers)
{
    return sizeof(LatencyHistogram) * static_cast<std::size_t>(workers);
}

LatencyHistogram& workerHistogram(std::byte* sharedArea, int worker)
{
    return reinterpret_cast<LatencyHistogram*>(sharedArea)[worker];
}

namespace {

double percentileMs(const std::vector<std::uint64_t>& merged, std::uint64_t total, double q)
{
    const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(total - 1));
    std::uint64_t seen = 0;
    for (std::size_t b = 0; b < merged.size(); ++b) {
        seen += merged[b];
        if (seen > rank) return LatencyHistogram::bucketMidNs(static_cast<int>(b)) / 1e6;
    }
    return 0;
}

} // namespace

void addLatencyFigures(const std::byte* sharedArea, int workers, std::map<std::string, double>& out)
{
    if (!sharedArea) return;
    std::vector<std::uint64_t> merged(LatencyHistogram::kBuckets, 0);
    std::uint64_t total = 0;
    const auto* all = reinterpret_cast<const LatencyHistogram*>(sharedArea);
    for (int w = 0; w < workers; ++w)
        for (std::size_t b = 0; b < merged.size(); ++b) {
            merged[b] += all[w].counts[b];
            total += all[w].counts[b];
        }
    if (total == 0) return;
    out["latency_p50_ms"] = percentileMs(merged, total, 0.50);
    out["latency_p99_ms"] = percentileMs(merged, total, 0.99);
}

} // namespace corelab
