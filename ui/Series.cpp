#include "Series.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "record/RunRecord.h"

namespace corelab::ui {

namespace {

// A lane share's unit: 1/65535 of the interval.
constexpr float kShareUnit = 65535.0f;

} // namespace

double Series::valueCovering(double time, double maxGap) const
{
    const auto it = std::lower_bound(t.begin(), t.end(), time);
    if (it == t.end() || *it - time > maxGap * thinning)
        return std::numeric_limits<double>::quiet_NaN();
    return v[it - t.begin()];
}

double Series::maxValue() const
{
    double m = 0;
    for (double x : v)
        if (!std::isnan(x)) m = std::max(m, x);
    return m;
}

// Merges neighbouring intervals in pairs: the merged point ends where the second did and
// holds the mean of both values weighted by how long each interval was, so a rate keeps
// its integral (the work done) and a one-sample spike is halved, not lost. (Keeping every
// other point dropped the other half of the run's values: a spike there vanished.)
void Series::thin()
{
    std::size_t kept = 0;
    for (std::size_t i = 0; i < t.size(); i += 2, ++kept) {
        if (i + 1 == t.size()) { // the last, unpaired: kept as it is
            t[kept] = t[i];
            v[kept] = v[i];
            continue;
        }
        const double start = i > 0 ? t[i - 1] : t[i] - (t[i + 1] - t[i]);
        const double first = t[i] - start, second = t[i + 1] - t[i];
        double value = v[i + 1];
        if (std::isnan(v[i + 1]))
            value = v[i];
        else if (!std::isnan(v[i]) && first + second > 0)
            value = (v[i] * first + v[i + 1] * second) / (first + second);
        t[kept] = t[i + 1];
        v[kept] = value;
    }
    t.resize(kept);
    v.resize(kept);
    thinning *= 2;
}

ShareSeries::Packed ShareSeries::pack(const LaneShares& shares)
{
    Packed out{};
    for (std::size_t k = 0; k < shares.size(); ++k)
        out[k] =
            static_cast<std::uint16_t>(std::lround(std::clamp(shares[k], 0.0f, 1.0f) * kShareUnit));
    return out;
}

LaneShares ShareSeries::at(std::size_t i) const
{
    LaneShares out{};
    for (std::size_t k = 0; k < out.size(); ++k)
        out[k] = static_cast<float>(packed_[i][k]) / kShareUnit;
    return out;
}

void ShareSeries::addTo(std::size_t i, LaneShares& sum) const
{
    for (std::size_t k = 0; k < sum.size(); ++k)
        sum[k] += static_cast<float>(packed_[i][k]) / kShareUnit;
}

void ShareSeries::reserve(std::size_t n)
{
    t.reserve(n);
    packed_.reserve(n);
    cpu_.reserve(n);
}

void ShareSeries::push(double time, const LaneShares& shares, int cpu)
{
    if (t.size() == t.capacity()) reserve(grownCapacity(t.size(), maxPoints));
    t.push_back(time);
    packed_.push_back(pack(shares));
    cpu_.push_back(static_cast<std::int16_t>(cpu >= 0 && cpu < kMaxCpus ? cpu : -1));
    if (t.size() <= maxPoints) return;
    // two neighbouring intervals become one, at the later end, with the mean shares
    std::size_t kept = 0;
    for (std::size_t i = 0; i < t.size(); i += 2, ++kept) {
        const std::size_t last = std::min(i + 1, t.size() - 1);
        LaneShares merged = at(i);
        const LaneShares later = at(last);
        for (std::size_t k = 0; k < merged.size() && last != i; ++k)
            merged[k] = (merged[k] + later[k]) / 2;
        t[kept] = t[last];
        packed_[kept] = pack(merged);
        cpu_[kept] = cpu_[last];
    }
    t.resize(kept);
    packed_.resize(kept);
    cpu_.resize(kept);
    thinning *= 2;
}

std::ptrdiff_t ShareSeries::covering(double time, double maxGap) const
{
    const auto it = std::lower_bound(t.begin(), t.end(), time);
    if (it == t.end() || *it - time > maxGap * thinning) return -1;
    return it - t.begin();
}

} // namespace corelab::ui
