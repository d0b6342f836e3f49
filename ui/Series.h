#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "timeline/LaneState.h"

namespace corelab::ui {

// The room a full vector of `size` points grows to: double, but never past maxPoints + 1,
// so a thinned series does not keep twice the room it uses (Series, ShareSeries).
inline std::size_t grownCapacity(std::size_t size, std::size_t maxPoints)
{
    return std::min(std::max<std::size_t>(2 * size, 64), maxPoints + 1);
}

// A time series sorted by t (seconds). A point at t stands for the interval that ends
// at t, since that is how every counter-based figure is measured.
struct Series {
    std::vector<double> t;
    std::vector<double> v;
    int thinning = 1; // how many original points one kept point stands for
    // Past maxPoints points neighbouring intervals are merged in pairs (a time-weighted
    // mean), so a long run's series stay bounded; a screen is far narrower anyway.
    // kMaxPoints for a few series; RunSeries gives runs of many CPUs and workers less
    // (RunSeries::pointCap), down to kMinPoints: after a thinning still 2 048 points,
    // more than a 1920-pixel chart has columns.
    static constexpr std::size_t kMaxPoints = 16384;
    static constexpr std::size_t kMinPoints = 4096;
    std::size_t maxPoints = kMaxPoints;
    void push(double time, double value)
    {
        if (t.size() == t.capacity()) reserve(grownCapacity(t.size(), maxPoints));
        t.push_back(time);
        v.push_back(value);
        if (t.size() > maxPoints) thin();
    }
    void thin();
    void reserve(std::size_t n)
    {
        t.reserve(n);
        v.reserve(n);
    }
    bool empty() const { return t.empty(); }
    // Largest value, ignoring NaN; 0 for an empty series.
    double maxValue() const;
    std::size_t size() const { return t.size(); }
    // Value of the point whose interval covers `time` (the first point at or after it,
    // no further than maxGap seconds away); NaN when none.
    double valueCovering(double time, double maxGap) const;
};

// Per worker: every sample interval's LaneShares, at the interval's end (as Series), and
// the CPU the worker ran on when it was drawn running. The shares are kept in 1/65535ths:
// 26 bytes a point with its time and CPU, where floats and two more series (the dominant
// state, the CPU) took 72. 512 workers × 10 minutes at 10 Hz is 3 M points, and no lane
// is drawn finer than 1/65535.
struct ShareSeries {
    std::vector<double> t;
    int thinning = 1; // as Series: past maxPoints neighbouring intervals are merged
    std::size_t maxPoints = Series::kMaxPoints;
    // `cpu`: where the worker ran, when it ran (running or holding the lock); else -1
    void push(double time, const LaneShares& shares, int cpu = -1);
    // The shares of point i, as pushed to within 1/65535 each.
    LaneShares at(std::size_t i) const;
    // The CPU of point i, or -1.
    int cpuAt(std::size_t i) const { return cpu_[i]; }
    // sum += at(i)
    void addTo(std::size_t i, LaneShares& sum) const;
    bool empty() const { return t.empty(); }
    std::size_t size() const { return t.size(); }
    void reserve(std::size_t n);
    // Index of the point whose interval covers `time` (as Series::valueCovering), or -1.
    std::ptrdiff_t covering(double time, double maxGap) const;

private:
    using Packed = std::array<std::uint16_t, kLaneStateCount>;
    static Packed pack(const LaneShares& shares);
    std::vector<Packed> packed_;
    std::vector<std::int16_t> cpu_;
};

} // namespace corelab::ui
