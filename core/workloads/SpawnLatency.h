#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace corelab {

// Latencies in ns on a log-linear scale: 16 buckets per power of two, so a
// percentile is within ~6 % of the true value whatever the range (a thread starts in
// tens of µs, a fork from a large parent takes milliseconds). Fixed size: a run of
// any length costs the same memory. Not named LatencyHistogram: io's (IoLatency.h)
// has that name in this namespace, and two classes of one name break the
// one-definition rule (a Debug build could call io's bucketOf from here).
class SpawnLatencyHistogram {
public:
    void add(std::uint64_t ns)
    {
        ++counts_[static_cast<std::size_t>(bucketOf(ns))];
        ++total_;
    }
    std::uint64_t count() const { return total_; }

    // The value below which a share q (0 … 1) of the samples fall: the middle of the
    // bucket holding that rank. 0 when empty.
    std::uint64_t percentile(double q) const
    {
        if (total_ == 0) return 0;
        auto rank = static_cast<std::uint64_t>(q * static_cast<double>(total_));
        if (rank >= total_) rank = total_ - 1;
        std::uint64_t seen = 0;
        for (int i = 0; i < kBuckets; ++i) {
            seen += counts_[static_cast<std::size_t>(i)];
            if (seen > rank) return middleOf(i);
        }
        return middleOf(kBuckets - 1);
    }

    static int bucketOf(std::uint64_t ns)
    {
        if (ns < static_cast<std::uint64_t>(kSub)) return static_cast<int>(ns);
        const int e = std::bit_width(ns) - 1; // ≥ 4
        return (e - 3) * kSub + static_cast<int>((ns >> (e - 4)) & (kSub - 1U));
    }
    static std::uint64_t middleOf(int bucket)
    {
        if (bucket < kSub) return static_cast<std::uint64_t>(bucket);
        const int e = bucket / kSub + 3;
        const auto low = static_cast<std::uint64_t>(kSub + bucket % kSub) << (e - 4);
        return low + ((std::uint64_t{1} << (e - 4)) >> 1);
    }

private:
    static constexpr int kSub = 16;
    static constexpr int kBuckets = 61 * kSub;
    std::array<std::uint32_t, kBuckets> counts_{};
    std::uint64_t total_ = 0;
};

} // namespace corelab
