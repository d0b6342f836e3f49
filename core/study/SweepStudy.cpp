#include "study/SweepStudy.h"

#include <algorithm>

#include "analysis/Format.h"
#include "analysis/OtherLoad.h"
#include "record/Summarize.h"
#include "spec/Rules.h"

namespace corelab {

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
            ExperimentSpec s = specUnderModel(form, model); // hybrid: n processes of T
            s.workers = n;
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

SweepStudy::SweepStudy(const ExperimentSpec& form, const std::vector<Model>& models,
                       const std::vector<int>& counts, int usableCpus)
    : usableCpus_(usableCpus)
{
    SweepPlan plan = planSweep(form, models, counts);
    error_ = plan.error;
    notes_ = std::move(plan.notes);
    if (!error_) plan_ = std::move(plan.specs);
}

std::string SweepStudy::stepLabel(int step) const
{
    const ExperimentSpec& s = plan_.at(static_cast<std::size_t>(step));
    return std::string(toString(s.model)) + " ×" + std::to_string(s.workers);
}

void SweepStudy::add(int, const RunRecord& run)
{
    const SweepLoad load{run.spec.workers, otherBusyCores(run.summary), crowdedByOthers(run)};
    measured_.push_back({run.spec.model, run.spec.workers, run.summary.opsPerS, load});
}

std::vector<SweepSeries> SweepStudy::series() const
{
    std::vector<Model> models;
    for (const Point& p : measured_)
        if (std::find(models.begin(), models.end(), p.model) == models.end())
            models.push_back(p.model);
    std::vector<SweepSeries> out;
    for (Model m : models) {
        std::vector<std::pair<int, double>> points;
        std::vector<SweepLoad> load;
        for (const Point& p : measured_)
            if (p.model == m) {
                points.emplace_back(p.workers, p.opsPerS);
                load.push_back(p.load);
            }
        out.push_back({m, analyseSweep(points, usableCpus_), std::move(load)});
    }
    return out;
}

std::string sweepLoadWarning(const std::vector<SweepSeries>& series)
{
    std::string where;
    double most = 0;
    for (const SweepSeries& s : series) {
        std::string counts;
        for (const SweepLoad& l : s.load)
            if (l.crowded) {
                counts += (counts.empty() ? " ×" : ", ×") + std::to_string(l.workers);
                most = std::max(most, l.otherCores);
            }
        if (!counts.empty())
            where += (where.empty() ? "" : "; ") + std::string(toString(s.model)) + counts;
    }
    if (where.empty()) return {};
    return "Other programs took cores the workers needed (up to " +
           formatValue(most, "cores (/proc/stat)") + ") at " + where +
           ": those points' throughput, speedup and the Amdahl fit are lower than this "
           "machine gives. Run again when it is quiet.";
}

std::vector<int> defaultSweepCounts(int usableCpus)
{
    std::vector<int> counts;
    for (int n = 1; n <= 2 * usableCpus; ++n)
        counts.push_back(n);
    return counts;
}

} // namespace corelab
