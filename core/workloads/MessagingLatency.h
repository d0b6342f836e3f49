#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace corelab {

// Latencies in log2 buckets split in four (±12.5 % resolution), from 1 ns to
// centuries, in 2 KiB: small enough to live on a consumer's stack, fine enough for
// p50/p99 on a log axis.
class LatencyHistogram {
public:
    void record(std::uint64_t ns)
    {
        ++counts_[index(ns)];
        ++total_;
    }
    std::uint64_t total() const { return total_; }

    // The value at fraction q (0 … 1) of the recorded latencies, as the middle of
    // its bucket; 0 when nothing was recorded.
    std::uint64_t percentile(double q) const
    {
        if (total_ == 0) return 0;
        const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(total_ - 1));
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < kBuckets; ++i) {
            seen += counts_[i];
            if (seen > rank) return middle(i);
        }
        return middle(kBuckets - 1);
    }

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
    std::uint64_t total_ = 0;
};

} // namespace corelab
