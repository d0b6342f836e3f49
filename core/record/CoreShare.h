#pragma once

#include <map>
#include <optional>
#include <vector>

#include "record/Sample.h"

namespace corelab {

// The workers' own share of each CPU over the interval between two samples: each worker
// thread's schedstat run time in the interval, put on the CPU it was last seen on
// (WorkerSample::lastCpu at the later sample). Unlike /proc/stat it counts no other
// program, and it is exact to the nanosecond in time, but not in place: a worker that
// moved to another CPU within the interval is counted where it ended up.
struct CoreShare {
    double t = 0;  // end of the interval: the later sample's time
    double dt = 0; // length of the interval (s)
    // CPU id → fraction of the interval the workers ran on it, 0 … 1
    std::map<int, double> cpus;
    // Cores' worth of the workers' run time that no CPU can hold: put on a CPU already
    // full (a worker that migrated, counted where it was last seen) or of a worker whose
    // CPU is unknown. The workers' busy cores are Σ cpus + unplaced.
    double unplaced = 0;
    // Cores' worth of run time beyond the interval itself, per worker, dropped: the
    // sampler reads each thread's schedstat a little after the sample's time, and that
    // lag moves between ticks. Only that skew should land here (≪ a tenth of a core);
    // more means the run time and the interval do not cover the same window.
    double skew = 0;

    // The workers' busy cores over the interval.
    double busyCores() const;
};

// The share over (before.t, now.t]; none when that interval is empty, reversed or longer
// than maxGapS (a sampling hole, drawn as a hole, as rates are).
std::optional<CoreShare> workerCoreShare(const Sample& before, const Sample& now, double maxGapS);

// Each CPU's workers' share over a whole run: the time-weighted mean of the shares of
// every interval that had one (holes left out), 0 … 1.
std::map<int, double> meanWorkerCoreShare(const std::vector<Sample>& samples, double maxGapS);

} // namespace corelab
