#include "timeline/ColumnReducer.h"

#include <algorithm>
#include <cmath>

namespace corelab::ui {

namespace {

ColumnExtent extentOf(double t, double v)
{
    return ColumnExtent{t, v, v, 1, v};
}

} // namespace

std::vector<ColumnExtent> reduceToColumns(const std::vector<double>& t,
                                          const std::vector<double>& v, const TimeMapping& map)
{
    std::vector<ColumnExtent> out;
    const std::size_t n = std::min(t.size(), v.size());
    if (n == 0 || !map.valid()) return out;
    // binary search for the view, keeping one neighbour outside on each side
    auto first = std::lower_bound(t.begin(), t.begin() + n, map.t0) - t.begin();
    auto last = std::upper_bound(t.begin(), t.begin() + n, map.t1) - t.begin();
    if (first > 0) --first;
    if (last < static_cast<long>(n)) ++last;
    int currentCol = -2;
    for (long i = first; i < last; ++i) {
        if (std::isnan(v[i])) {
            // kept once, so the plot breaks its line there instead of bridging a hole
            if (!out.empty() && !std::isnan(out.back().min)) out.push_back(extentOf(t[i], v[i]));
            currentCol = -2;
            continue;
        }
        const int col = map.column(t[i]);
        if (col < 0 || col != currentCol) {
            out.push_back(extentOf(t[i], v[i]));
            currentCol = col < 0 ? -2 : col;
            continue;
        }
        auto& e = out.back();
        e.min = std::min(e.min, v[i]);
        e.max = std::max(e.max, v[i]);
        e.sum += v[i];
        ++e.count;
    }
    return out;
}

} // namespace corelab::ui
