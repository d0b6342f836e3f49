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

// binary searches for the view, keeping one neighbour outside on each side
long reductionFirst(const std::vector<double>& t, long n, const TimeMapping& map)
{
    const long first = std::lower_bound(t.begin(), t.begin() + n, map.t0) - t.begin();
    return first > 0 ? first - 1 : first;
}

long reductionEnd(const std::vector<double>& t, long n, const TimeMapping& map)
{
    const long last = std::upper_bound(t.begin(), t.begin() + n, map.t1) - t.begin();
    return last < n ? last + 1 : last;
}

void continueReduction(const std::vector<double>& t, const std::vector<double>& v,
                       const TimeMapping& map, long end, ColumnPass& pass)
{
    auto& out = pass.out;
    for (long i = pass.next; i < end; ++i) {
        if (std::isnan(v[i])) {
            // kept once, so the plot breaks its line there instead of bridging a hole
            if (!out.empty() && !std::isnan(out.back().min)) out.push_back(extentOf(t[i], v[i]));
            pass.currentCol = -2;
            continue;
        }
        const int col = map.column(t[i]);
        if (col < 0 || col != pass.currentCol) {
            out.push_back(extentOf(t[i], v[i]));
            pass.currentCol = col < 0 ? -2 : col;
            continue;
        }
        auto& e = out.back();
        e.min = std::min(e.min, v[i]);
        e.max = std::max(e.max, v[i]);
        e.sum += v[i];
        ++e.count;
    }
    pass.next = std::max(pass.next, end);
}

std::vector<ColumnExtent> reduceToColumns(const std::vector<double>& t,
                                          const std::vector<double>& v, const TimeMapping& map)
{
    const long n = static_cast<long>(std::min(t.size(), v.size()));
    if (n == 0 || !map.valid()) return {};
    ColumnPass pass;
    pass.first = pass.next = reductionFirst(t, n, map);
    continueReduction(t, v, map, reductionEnd(t, n, map), pass);
    return std::move(pass.out);
}

} // namespace corelab::ui
