#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

namespace corelab {

// Message latencies in log2 buckets split in four, from 1 ns to centuries, in 2 KiB.
// Each consumer keeps one in the run's shared area, so that after the run the pairs'
// histograms can be added bucket by bucket, whatever the model.
// Not named LatencyHistogram: io has a different class of that name in this
// namespace, and the linker keeps one copy of an inline function for both (ODR).
class MessageLatencyHistogram {
public:
    void record(std::uint64_t ns) { ++counts_[index(ns)]; }
    void add(const MessageLatencyHistogram& other)
    {
        for (std::size_t i = 0; i < kBuckets; ++i)
            counts_[i] += other.counts_[i];
    }
    void clear() { counts_.fill(0); }

    std::uint64_t total() const
    {
        std::uint64_t n = 0;
        for (std::uint64_t c : counts_)
            n += c;
        return n;
    }

    // Nearest rank: the ⌈n·percent/100⌉-th smallest latency, as the middle of its
    // bucket; 0 when nothing was recorded. With this rank, a percentile of several
    // histograms added up never lies outside the range of theirs.
    std::uint64_t percentile(unsigned percent) const
    {
        const std::uint64_t n = total();
        if (n == 0) return 0;
        const std::uint64_t rank = std::max<std::uint64_t>(1, (n * percent + 99) / 100);
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < kBuckets; ++i) {
            seen += counts_[i];
            if (seen >= rank) return middle(i);
        }
        return middle(kBuckets - 1);
    }

    // 0 … 3 ns have a bucket each; above, [2^e, 2^(e+1)) is split into four buckets
    // 2^(e-2) wide, so a bucket's middle is within 12.5 % of every latency in it.
    static std::size_t index(std::uint64_t ns)
    {
        if (ns < 4) return static_cast<std::size_t>(ns);
        const int e = std::bit_width(ns) - 1; // ≥ 2
        const auto sub = static_cast<std::size_t>((ns >> (e - 2)) & 3);
        return static_cast<std::size_t>(e) * 4 + sub - 4;
    }
    static std::uint64_t middle(std::size_t i)
    {
        if (i < 4) return i;
        const std::size_t e = (i + 4) / 4, sub = (i + 4) % 4;
        const std::uint64_t low = (4 + sub) << (e - 2), width = std::uint64_t{1} << (e - 2);
        return low + width / 2;
    }

private:
    static constexpr std::size_t kBuckets = 64 * 4;
    std::array<std::uint64_t, kBuckets> counts_{};
};

// Whole cache lines, so consumers side by side in the shared area never share one.
static_assert(sizeof(MessageLatencyHistogram) % 64 == 0);

// Every pair's histogram added bucket by bucket: the histogram one consumer would have
// made had it received every message of every pair.
inline MessageLatencyHistogram merged(std::span<const MessageLatencyHistogram> pairs)
{
    MessageLatencyHistogram all;
    for (const MessageLatencyHistogram& h : pairs)
        all.add(h);
    return all;
}

// The messaging shared area begins with one histogram per pair (zero-filled memory is
// an empty histogram); the shm channel's rings follow.
inline std::size_t pairHistogramsBytes(int pairs)
{
    return sizeof(MessageLatencyHistogram) * static_cast<std::size_t>(pairs);
}
inline std::span<MessageLatencyHistogram> pairHistograms(std::byte* sharedArea, int pairs)
{
    return {reinterpret_cast<MessageLatencyHistogram*>(sharedArea),
            static_cast<std::size_t>(pairs)};
}
inline std::span<const MessageLatencyHistogram> pairHistograms(const std::byte* sharedArea,
                                                               int pairs)
{
    return {reinterpret_cast<const MessageLatencyHistogram*>(sharedArea),
            static_cast<std::size_t>(pairs)};
}

} // namespace corelab
