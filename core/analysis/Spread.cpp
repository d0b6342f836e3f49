#include "analysis/Spread.h"

#include <algorithm>
#include <cmath>

#include "catalogue/Catalogue.h"
#include "record/SummaryFigures.h"

namespace corelab {

namespace {

std::vector<double> finiteOnly(const std::vector<double>& values)
{
    std::vector<double> out;
    out.reserve(values.size());
    for (double v : values)
        if (std::isfinite(v)) out.push_back(v);
    return out;
}

// The smallest of 1, 2, 5 × 10^k that is ≥ target (target > 0).
double niceAtLeast(double target)
{
    double base = std::pow(10.0, std::floor(std::log10(target)));
    // log10 can land one decade off next to an exact power of ten
    while (base > target)
        base /= 10;
    while (base * 10 <= target)
        base *= 10;
    for (double m : {1.0, 2.0, 5.0})
        if (m * base >= target) return m * base;
    return 10 * base;
}

// The nice width after w (1 → 2 → 5 → 10 …).
double nextNice(double w)
{
    return niceAtLeast(w * 1.01);
}

int binIndex(double v, double lo, double w, int bins)
{
    const int i = static_cast<int>(std::floor((v - lo) / w));
    return std::clamp(i, 0, bins - 1);
}

// Widens nice steps until the bins, aligned to multiples of the width, fit maxBins
// (≥ 2: with wide enough bins any data fits two aligned ones).
std::pair<double, int> alignedBins(double min, double max, double w, int maxBins)
{
    for (;;) {
        const double lo = std::floor(min / w) * w;
        const int bins = static_cast<int>(std::floor((max - lo) / w)) + 1;
        if (bins <= maxBins) return {w, bins};
        w = nextNice(w);
    }
}

} // namespace

Spread spreadOf(const std::vector<double>& input)
{
    std::vector<double> v = finiteOnly(input);
    Spread s;
    s.n = static_cast<int>(v.size());
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v)
        sum += x;
    s.mean = sum / s.n;
    s.min = v.front();
    s.max = v.back();
    const std::size_t mid = v.size() / 2;
    s.median = v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    if (s.n < 2) return s;
    double squares = 0;
    for (double x : v)
        squares += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(squares / (s.n - 1));
    return s;
}

Histogram histogramOf(const std::vector<double>& input, int maxBins)
{
    const std::vector<double> v = finiteOnly(input);
    Histogram h;
    if (v.empty()) return h;
    const auto [minIt, maxIt] = std::minmax_element(v.begin(), v.end());
    const double min = *minIt, max = *maxIt;
    const bool integers =
        std::all_of(v.begin(), v.end(), [](double x) { return x == std::floor(x); });
    const int n = static_cast<int>(v.size());
    int bins = 1;
    if (min == max) {
        h.binWidth = integers ? 1 : niceAtLeast(std::fabs(min) / 100);
        h.lo = integers ? min : std::floor(min / h.binWidth) * h.binWidth;
    } else if (maxBins < 2) {
        // one bin wider than the range; no edge alignment could promise that
        h.binWidth = std::max(integers ? 1.0 : 0.0, niceAtLeast((max - min) * 1.01));
        h.lo = min;
    } else {
        const int sturges = static_cast<int>(std::ceil(std::log2(n))) + 1;
        double w = niceAtLeast((max - min) / std::min(maxBins, sturges));
        if (integers) w = std::max(1.0, w); // nice widths ≥ 1 are whole numbers
        const auto [width, count] = alignedBins(min, max, w, maxBins);
        h.binWidth = width;
        h.lo = std::floor(min / width) * width;
        bins = count;
    }
    h.counts.assign(static_cast<std::size_t>(bins), 0);
    for (double x : v)
        ++h.counts[static_cast<std::size_t>(binIndex(x, h.lo, h.binWidth, bins))];
    return h;
}

Histogram histogramUpTo(const std::vector<double>& values, double limit, int maxBins)
{
    // bins aligned on multiples of the width below zero, then moved back up
    const double shift = limit + 1;
    std::vector<double> below;
    below.reserve(values.size());
    for (double v : values)
        below.push_back(v - shift);
    Histogram h = histogramOf(below, maxBins);
    h.lo += shift;
    return h;
}

namespace {

// Keys every run has, in the workload's FigureInfo order, then the others by name.
std::vector<std::string> commonFigureKeys(const std::vector<RunRecord>& runs,
                                          const WorkloadInfo* workload)
{
    auto everyRunHas = [&](const std::string& key) {
        return std::all_of(runs.begin(), runs.end(),
                           [&](const RunRecord& r) { return r.summary.figures.count(key) > 0; });
    };
    std::vector<std::string> keys;
    if (workload)
        for (const FigureInfo& f : workload->figures)
            if (everyRunHas(f.key)) keys.push_back(f.key);
    for (const auto& [key, value] : runs.front().summary.figures)
        if (everyRunHas(key) && std::find(keys.begin(), keys.end(), key) == keys.end())
            keys.push_back(key);
    return keys;
}

} // namespace

std::vector<FigureSpread> spreadFigures(const std::vector<RunRecord>& runs)
{
    std::vector<FigureSpread> out;
    if (runs.empty()) return out;
    for (const SummaryFigure& f : summaryFigures()) {
        if (!(f.shownIn & kInSpread)) continue;
        FigureSpread fs{f.key, f.unit, f.source, {}, {}};
        for (const RunRecord& r : runs)
            fs.values.push_back(f.value(r.summary));
        fs.spread = spreadOf(fs.values);
        out.push_back(std::move(fs));
    }
    const WorkloadInfo* workload = findWorkload(runs.front().spec.workload);
    for (const std::string& key : commonFigureKeys(runs, workload)) {
        const FigureInfo info = describeFigure(key, workload);
        FigureSpread fs{key, info.unit, info.help, {}, {}};
        for (const RunRecord& r : runs)
            fs.values.push_back(r.summary.figures.at(key));
        fs.spread = spreadOf(fs.values);
        out.push_back(std::move(fs));
    }
    return out;
}

} // namespace corelab
