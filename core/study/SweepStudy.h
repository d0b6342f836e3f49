#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/Sweep.h"
#include "spec/ExperimentSpec.h"
#include "study/Study.h"

namespace corelab {

// The runs of a sweep: `form` under each model at each count, in run order, each
// validated. A count the workload refuses (an odd count for a workload of pairs)
// is left out and said in `notes`; a model it refuses at every count is an error.
struct SweepPlan {
    std::vector<ExperimentSpec> specs;
    std::vector<std::string> notes;
    std::optional<std::string> error;
};
SweepPlan planSweep(const ExperimentSpec& form, const std::vector<Model>& models,
                    const std::vector<int>& counts);

// Other programs' load while one point was measured (analysis/OtherLoad.h).
struct SweepLoad {
    int workers = 0;
    double otherCores = 0; // otherBusyCores of the run; NaN when not measured
    bool crowded = false;  // crowdedByOthers: the others took cores the workers needed
};

// One model's sweep: throughput at each worker count, and what it says.
struct SweepSeries {
    Model model;
    SweepAnalysis analysis;
    std::vector<SweepLoad> load = {}; // one per measured point, in run order
};

// One line naming the points measured while other programs took cores the workers
// needed ("threads ×2, ×4"), and what that does to the speedups; empty when none was.
std::string sweepLoadWarning(const std::vector<SweepSeries>& series);

// The form's experiment at several worker counts under each model, and speedup,
// efficiency and an Amdahl fit per model over the runs so far.
class SweepStudy : public Study {
public:
    // Counts the workload refuses are left out (notes()); a model it refuses at every
    // count is an error(). usableCpus bounds the Amdahl fit.
    SweepStudy(const ExperimentSpec& form, const std::vector<Model>& models,
               const std::vector<int>& counts, int usableCpus);

    std::string stepLabel(int step) const override;
    void add(int step, const RunRecord& run) override;
    std::string kind() const override { return "sweep"; }

    // One series per model that has a run, in run order.
    std::vector<SweepSeries> series() const;
    int usableCpus() const { return usableCpus_; }

private:
    struct Point {
        Model model;
        int workers;
        double opsPerS;
        SweepLoad load;
    };
    std::vector<Point> measured_;
    int usableCpus_;
};

// 1 … 2 × usable CPUs: past the cores, where more workers stop helping.
std::vector<int> defaultSweepCounts(int usableCpus);

} // namespace corelab
