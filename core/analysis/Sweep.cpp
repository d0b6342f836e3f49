#include "analysis/Sweep.h"

#include <algorithm>

namespace corelab {

namespace {

double amdahl(double s, double n)
{
    return 1.0 / (s + (1.0 - s) / n);
}

double squaredError(double s, const std::vector<std::pair<int, double>>& points)
{
    double sum = 0;
    for (const auto& [n, speedup] : points) {
        const double d = amdahl(s, n) - speedup;
        sum += d * d;
    }
    return sum;
}

} // namespace

double fitAmdahl(const std::vector<std::pair<int, double>>& points)
{
    // the error is smooth in s and the range is small: a fine scan then a local
    // refinement is exact enough and cannot diverge
    double best = 0, bestError = squaredError(0, points);
    for (int i = 1; i <= 1000; ++i) {
        const double s = i / 1000.0;
        if (const double e = squaredError(s, points); e < bestError) best = s, bestError = e;
    }
    for (double step = 0.0005; step > 1e-7; step /= 2) {
        for (double s : {best - step, best + step}) {
            if (s < 0 || s > 1) continue;
            if (const double e = squaredError(s, points); e < bestError) best = s, bestError = e;
        }
    }
    return best;
}

SweepAnalysis analyseSweep(std::vector<std::pair<int, double>> measured, int usableCpus)
{
    SweepAnalysis a;
    std::sort(measured.begin(), measured.end());
    if (measured.empty() || measured.front().second <= 0) return a;
    const auto [baseWorkers, baseOps] = measured.front();
    std::vector<std::pair<int, double>> forFit;
    for (const auto& [n, ops] : measured) {
        const double speedup = ops / baseOps;
        const double scale = static_cast<double>(n) / baseWorkers;
        a.points.push_back({n, ops, speedup, speedup / scale});
        // Amdahl's law is written against one worker: a sweep that starts elsewhere
        // has no honest fit
        if (n <= usableCpus && baseWorkers == 1) forFit.emplace_back(n, speedup);
    }
    for (std::size_t i = 1; i < a.points.size(); ++i) {
        const double gain = a.points[i].speedup / a.points[i - 1].speedup;
        if (!a.stopsHelpingAt && gain < 1.05) a.stopsHelpingAt = a.points[i].workers;
        if (!a.startsHurtingAt && gain < 1 / 1.05) a.startsHurtingAt = a.points[i].workers;
    }
    a.fittedPoints = static_cast<int>(forFit.size());
    if (forFit.size() >= 2) a.serialFraction = fitAmdahl(forFit);
    return a;
}

} // namespace corelab
