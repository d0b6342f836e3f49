#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "record/RunRecord.h"
#include "record/SampleDigest.h"

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
    // Sample time (s) at which the workers were told to stop: their own deadline or the
    // engine's stop signal, whichever came first. The run-queue wait counts up to here,
    // not the teardown after it. Infinity when unknown.
    double workEndT = std::numeric_limits<double>::infinity();
    // Each worker's thread CPU clock (CLOCK_THREAD_CPUTIME_ID, ns) just after it passed
    // the barrier and just before it took its end time, both read by the worker itself
    // inside its own start → end span. endCpuS is absent for a worker that never wrote it
    // (killed, crashed): its last sampled schedstat run time stands in.
    struct WorkerCpu {
        double startCpuS = 0;
        std::optional<double> endCpuS;
    };
    std::vector<WorkerCpu> workerCpu; // by worker index
    // The workers' window on the samples' clock (s since the run began): from the start
    // barrier's opening to the first worker's end or the stop, whichever came first.
    // Peaks are taken only from samples inside it; unset, every sample counts.
    double windowStartS = -std::numeric_limits<double>::infinity();
    double windowEndS = std::numeric_limits<double>::infinity();
};

// Boils a run's samples down to its Summary, a sample at a time, so a live run need not
// keep them: what it holds grows with the workers and CPUs, and by 16 bytes per sample
// and 32 per memory reading (the run-queue and memory windows are known only at the
// end). Cumulative per-worker figures are taken from each worker's last sample (the
// engine's final sample holds the exact values each worker wrote before it ended).
class SummaryBuilder {
public:
    void add(const Sample& sample);
    Summary finish(const WorkTotals& totals) const;
    const SampleDigest& digest() const { return digest_; }

private:
    struct MemoryReading {
        double t;
        std::uint64_t rss, pss, uss;
    };
    std::map<int, std::pair<double, int>> perCore_; // id → (Σ busy, samples)
    double busySum_ = 0;
    int coreTicks_ = 0;
    std::map<int, WorkerSample> last_; // latest reading of each worker
    // after each sample, Σ of every worker's latest run-queue wait so far (ns); the sum
    // wraps as unsigned arithmetic does, and comes out exact
    std::uint64_t waitSumNs_ = 0;
    std::vector<std::pair<double, std::uint64_t>> waitTrail_;
    std::vector<MemoryReading> memory_;
    SampleDigest digest_;
    std::vector<int> alivePids_; // scratch
};

// The same for samples in memory (a loaded or made-up run).
Summary summarize(const std::vector<Sample>& samples, const WorkTotals& totals);

// Cores that other programs kept busy during the run: the whole machine's busy cores
// (/proc/stat) less the workers' own (schedstat) and less CoreLab's own process
// (observerBusyCores: engine, sampler, window) where it was measured. The leader's own
// threads and the kernel's work for the workers count as others. NaN when the
// machine's figure was not measured.
double otherBusyCores(const Summary& s);

} // namespace corelab
