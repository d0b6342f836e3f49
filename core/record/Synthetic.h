#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "record/RunRecord.h"
#include "record/Summarize.h"

namespace corelab {

// A made-up run on a made-up machine, produced without running anything: for views,
// file formats and benchmarks at sizes the development machine cannot run (256 CPUs ×
// 512 workers). Deterministic: the same shape gives the same samples, byte for byte.
struct SyntheticShape {
    int cpus = 256;
    int workers = 512; // worker threads
    double seconds = 60;
    int rateHz = 10;
    // threads per worker process (hybrid); 1 when it does not divide `workers`
    int threadsPerProcess = 8;
    std::uint64_t seed = 1;
};

// "CPUSxWORKERS" or "CPUSxWORKERSxSECONDS" ("256x512", "256x512x600"); nullopt on bad
// text or a size out of range (1 … kMaxCpus CPUs, SpecLimits workers and duration).
std::optional<SyntheticShape> parseSyntheticShape(std::string_view text);

// What happens in the run, so tests and captions can check what the views must show:
// - the machine: 2 packages (from 64 CPUs), dies of 16 cores, 2 SMT siblings per core
//   (even CPU counts), numbered as Linux does (cpuN and cpuN+cpus/2 are siblings);
// - package 0 (the first half of the cores) busy, package 1 idle, except the second
//   quarter of the busy half (`idleCpus`; at 256 CPUs die 1 of package 0), which no
//   worker uses;
// - workers start over the first 10 % of the run (a ramp), run on a plateau, and exit
//   over the last 5 %; CPU-bound processes first, about 1.25 per busy CPU (so some wait
//   for a CPU), then sleepers (≈ 2 % busy each);
// - one CPU-bound process stalls (state D, no progress) from 55 % to 70 % of the run;
// - `crashedWorker` crashes at `crashAtS`: its lane ends with a worker_crashed event.
struct SyntheticPlan {
    std::vector<int> busyCpus; // CPUs the CPU-bound workers keep busy
    std::vector<int> idleCpus; // the idle group inside the busy half
    int cpuBoundWorkers = 0;   // workers 0 … cpuBoundWorkers-1; the rest sleep
    int stalledProcess = -1;   // process index; its threads are its workers
    double stallFromS = 0, stallToS = 0;
    int crashedWorker = -1;
    double crashAtS = 0;
};

// The stream, one sample at a time, as a live run delivers it.
class SyntheticSource {
public:
    explicit SyntheticSource(const SyntheticShape& shape);

    const ExperimentSpec& spec() const { return spec_; }
    const MachineInfo& machine() const { return machine_; }
    const SyntheticPlan& plan() const { return plan_; }
    double intervalS() const { return 1.0 / spec_.rateHz; }
    // seconds × rate + 1 samples, the first at t = 0 (no CPU readings yet, as the engine's)
    int sampleCount() const { return count_; }
    bool done() const { return next_ >= count_; }
    // The next sample; `events` gets what happened since the previous one, in order.
    Sample next(std::vector<Event>& events);
    // The run's summary from the samples the source produced (the whole record's).
    Summary summarize(const std::vector<Sample>& samples) const;
    // What the engine would know at the end of the run (summarize's second half).
    WorkTotals totals() const;

private:
    void addEvents(double from, double to, std::vector<Event>& events) const;
    WorkerSample worker(int w, double t, double dt);
    std::vector<CoreSample> cores(const std::vector<WorkerSample>& workers, double dt) const;

    SyntheticShape shape_;
    ExperimentSpec spec_;
    MachineInfo machine_;
    SyntheticPlan plan_;
    std::vector<int> homeCpu_;    // by worker
    std::vector<int> sharers_;    // by CPU id: CPU-bound workers whose home it is
    std::vector<WorkerSample> w_; // cumulative counters so far, by worker
    int count_ = 0;
    int next_ = 0;
};

// The whole record (spec, machine, samples, events, summary) of one synthetic run.
RunRecord syntheticRecord(const SyntheticShape& shape);

} // namespace corelab
