#include "ColorMapFill.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "RunModel.h"

namespace corelab::ui {

namespace {

double modeOf(std::vector<double>::const_iterator first, std::vector<double>::const_iterator last)
{
    std::map<double, int> counts;
    for (auto it = first; it != last; ++it)
        if (!std::isnan(*it)) ++counts[*it];
    if (counts.empty()) return std::nan("");
    return std::max_element(counts.begin(), counts.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

double meanOf(std::vector<double>::const_iterator first, std::vector<double>::const_iterator last)
{
    double sum = 0;
    int n = 0;
    for (auto it = first; it != last; ++it)
        if (!std::isnan(*it)) {
            sum += *it;
            ++n;
        }
    return n ? sum / n : std::nan("");
}

} // namespace

std::vector<double> binSeries(const Series& series, const TimeMapping& map, double maxGap,
                              BinMode mode)
{
    std::vector<double> out(static_cast<std::size_t>(std::max(0, map.width)), std::nan(""));
    if (!map.valid() || series.empty()) return out;
    const double step = map.secondsPerPixel();
    for (int col = 0; col < map.width; ++col) {
        const double start = map.columnStart(col);
        const auto lo = std::lower_bound(series.t.begin(), series.t.end(), start);
        const auto hi = std::lower_bound(lo, series.t.end(), start + step);
        if (lo != hi) {
            const auto a = series.v.begin() + (lo - series.t.begin());
            const auto b = series.v.begin() + (hi - series.t.begin());
            out[col] = mode == BinMode::Mean ? meanOf(a, b) : modeOf(a, b);
        } else {
            out[col] = series.valueCovering(start + step / 2, maxGap);
        }
    }
    return out;
}

} // namespace corelab::ui
