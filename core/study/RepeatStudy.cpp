#include "study/RepeatStudy.h"

#include <algorithm>
#include <iterator>

namespace corelab {

namespace {

double expectedCount(const ExperimentSpec& s)
{
    const auto it = s.params.find("increments");
    return s.workload != "counter" || it == s.params.end() ? 0 : s.totalWorkers() * it->second;
}

} // namespace

const FigureSpread* RepeatResult::find(const std::string& name) const
{
    for (const FigureSpread& f : figures)
        if (f.name == name) return &f;
    return nullptr;
}

const FigureSpread* RepeatResult::answer() const
{
    if (const FigureSpread* counter = expected > 0 ? find("actual_count") : nullptr) return counter;
    return find("ops_per_s");
}

bool RepeatResult::boundedByExpected(const FigureSpread& f) const
{
    return expected > 0 && (f.name == "actual_count" || f.name == "expected_count");
}

std::ptrdiff_t RepeatResult::reached(const FigureSpread& f) const
{
    return std::count(f.values.begin(), f.values.end(), expected);
}

Histogram RepeatResult::histogram(const FigureSpread& f, double unit) const
{
    if (boundedByExpected(f)) {
        // a run that reached the expected count lost nothing: reached() counts it apart,
        // so no bar mixes "no update lost" with "some lost"
        std::vector<double> lost;
        std::copy_if(f.values.begin(), f.values.end(), std::back_inserter(lost),
                     [this](double v) { return v < expected; });
        return histogramUpTo(lost, expected - 1);
    }
    std::vector<double> values = f.values;
    for (double& v : values)
        v /= unit;
    return histogramOf(values);
}

RepeatResult repeatResult(const std::vector<RunRecord>& runs)
{
    RepeatResult r{spreadFigures(runs)};
    if (runs.empty()) return r;
    const ExperimentSpec& first = runs.front().spec;
    const double expected = expectedCount(first);
    for (const RunRecord& run : runs)
        if (expectedCount(run.spec) != expected) return r;
    r.expected = expected;
    if (expected > 0) {
        r.workers = first.totalWorkers();
        r.increments = first.params.at("increments");
    }
    return r;
}

RepeatStudy::RepeatStudy(const ExperimentSpec& spec, int times)
{
    ExperimentSpec checked = spec;
    if (const auto e = validate(checked)) {
        error_ = e->text();
        return;
    }
    plan_.assign(static_cast<std::size_t>(std::max(times, 0)), checked);
}

std::string RepeatStudy::stepLabel(int step) const
{
    return "run " + std::to_string(step + 1) + "/" + std::to_string(steps());
}

void RepeatStudy::add(int, const RunRecord& run)
{
    runs_.push_back(withoutSamples(run));
}

} // namespace corelab
