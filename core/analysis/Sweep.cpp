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

namespace {

// What a sweep left out: the counts and the reason, and the models it happened to.
struct LeftOut {
    std::string models;
    std::string what; // "left out 1, 3 (…)"
};

// Models with the same counts left out for the same reason share a line.
void noteLeftOut(std::vector<LeftOut>& left, Model model, const std::vector<int>& refused,
                 const std::string& reason)
{
    std::string what = "left out";
    for (std::size_t i = 0; i < refused.size(); ++i)
        what += (i ? ", " : " ") + std::to_string(refused[i]);
    what += " (" + reason + ")";
    for (LeftOut& l : left)
        if (l.what == what) {
            l.models += std::string(", ") + toString(model);
            return;
        }
    left.push_back({toString(model), what});
}

} // namespace

SweepPlan planSweep(const ExperimentSpec& form, const std::vector<Model>& models,
                    const std::vector<int>& counts)
{
    SweepPlan plan;
    std::vector<LeftOut> left;
    for (Model model : models) {
        std::vector<int> refused;
        std::string reason;
        const std::size_t before = plan.specs.size();
        for (int n : counts) {
            ExperimentSpec s = form;
            s.model = model;
            s.workers = n;
            if (model != Model::Hybrid) s.threadsPerProcess = 1; // hybrid: n processes of T
            if (const auto error = validate(s)) {
                refused.push_back(n);
                if (reason.empty()) reason = error->message;
                continue;
            }
            plan.specs.push_back(s);
        }
        if (plan.specs.size() == before) {
            plan.error = std::string(toString(model)) + ": " + reason;
            return plan;
        }
        if (!refused.empty()) noteLeftOut(left, model, refused, reason);
    }
    for (const LeftOut& l : left)
        plan.notes.push_back(l.models + ": " + l.what);
    return plan;
}

} // namespace corelab
