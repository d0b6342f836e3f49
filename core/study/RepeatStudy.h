#pragma once

#include <cstddef>
#include <vector>

#include "analysis/Spread.h"
#include "study/Study.h"

namespace corelab {

// What repeated runs of one experiment answer: how much each figure varied and, for
// the racy counter, how far its final counts fell short of the count no lost update
// would reach.
struct RepeatResult {
    std::vector<FigureSpread> figures;
    // workers × increments when every run was the counter with the same count, else 0.
    double expected = 0;
    int workers = 0;
    double increments = 0;

    const FigureSpread* find(const std::string& name) const;
    // The figure a repeat is about: the counter's final count, else throughput.
    const FigureSpread* answer() const;
    // The counter's counts, which the expected count bounds.
    bool boundedByExpected(const FigureSpread& f) const;
    // Runs whose value of f reached the expected count.
    std::ptrdiff_t reached(const FigureSpread& f) const;
    // The histogram of f's values divided by `unit` (1 MiB for bytes). For a count that
    // can reach but never pass the expected count, only the runs that fell short (some
    // updates lost): its last bin ends just below the expected count, and the runs that
    // reached it (none lost) are reached(f), a bin of their own.
    Histogram histogram(const FigureSpread& f, double unit = 1) const;
};

RepeatResult repeatResult(const std::vector<RunRecord>& runs);

// The same experiment N times, one run after another.
class RepeatStudy : public Study {
public:
    RepeatStudy(const ExperimentSpec& spec, int times);

    std::string stepLabel(int step) const override;
    void add(int step, const RunRecord& run) override;
    std::string kind() const override { return "repeat"; }

    // The whole runs so far, without samples.
    const std::vector<RunRecord>& runs() const { return runs_; }
    RepeatResult result() const { return repeatResult(runs_); }

private:
    std::vector<RunRecord> runs_;
};

} // namespace corelab
