#pragma once

#include <limits>
#include <vector>

#include "record/RunRecord.h"

namespace corelab {

// Figures only the engine knows at the end of a run (from the control block).
struct WorkTotals {
    std::uint64_t opsTotal = 0;
    double wallS = 0;
    int workers = 0;
    int processes = 0;
    int workersCrashed = 0;
    int workersKilled = 0; // stopped by the engine after ignoring the stop request
    bool stoppedEarly = false;
    double cpuBeforeStartS = 0; // Σ worker CPU time spent before passing the start barrier
    // Sample time (s) at which the workers were told to stop: their own deadline or the
    // engine's stop signal, whichever came first. The run-queue wait counts up to here,
    // not the teardown after it. Infinity when unknown.
    double workEndT = std::numeric_limits<double>::infinity();
};

// Boils a run's samples down to its Summary. Cumulative per-worker figures are
// taken from each worker's last sample (the engine's final sample holds the exact
// values each worker wrote before it ended).
Summary summarize(const std::vector<Sample>& samples, const WorkTotals& totals);

// Cores that other programs kept busy during the run: the whole machine's busy cores
// (/proc/stat) less the workers' own (schedstat). CoreLab's leader and window count
// as others; they take little.
double otherBusyCores(const Summary& s);

} // namespace corelab
