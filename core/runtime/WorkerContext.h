#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ipc/ControlBlock.h"
#include "record/Sample.h"
#include "record/SampleDigest.h"
#include "spec/ExperimentSpec.h"

namespace corelab {

class InterpreterLock;

// What a kernel sees while it runs inside a worker thread.
class WorkerContext {
public:
    WorkerContext(ControlBlock& block, int index, const ExperimentSpec& spec,
                  const std::vector<double>& args, void* leaderState, InterpreterLock* lock,
                  void* workerState = nullptr);

    // Call once per batch; false when the worker should end. It is also where an
    // injected crash fires and where the emulated interpreter lock changes hands.
    bool keepGoing();
    // Adds a finished batch to this worker's counters and publishes its CPU time and CPU
    // (at most once a millisecond).
    void addBatch(std::uint64_t ops, std::uint64_t bytes = 0);
    void addFigure(int k, std::uint64_t v);
    void setFigure(int k, std::uint64_t v);

    double arg(std::size_t i) const { return args_[i]; } // ParamInfo order
    const ExperimentSpec& spec() const { return spec_; }
    int index() const { return index_; }
    int totalWorkers() const { return block_.workerCount(); }
    std::byte* sharedArea() const { return block_.sharedArea(); }
    void* leaderState() const { return leaderState_; }
    void* workerState() const { return workerState_; } // what the workload's setUp made
    WorkerSlot& slot() const { return slot_; }
    ControlHeader& header() const { return *block_.header(); }
    bool stopRequested() const;

    // Releases the emulated interpreter lock around a blocking call, as CPython does.
    class Blocking {
    public:
        explicit Blocking(WorkerContext& ctx);
        ~Blocking();
        Blocking(const Blocking&) = delete;
        Blocking& operator=(const Blocking&) = delete;

    private:
        WorkerContext& ctx_;
    };

private:
    void crash();

    ControlBlock& block_;
    WorkerSlot& slot_;
    int index_;
    const ExperimentSpec& spec_;
    const std::vector<double>& args_;
    void* leaderState_;
    InterpreterLock* lock_;
    void* workerState_;
    std::int64_t crashAtNs_ = 0; // CLOCK_MONOTONIC, 0 when this worker never crashes
    std::int64_t deadlineNs_ = 0;
    std::int64_t publishedNs_ = 0; // CLOCK_MONOTONIC of the last publishCpu
    static constexpr std::int64_t kPublishEveryNs = 1'000'000;
};

// Everything a workload's summarize() may read at the end of a run.
struct WorkloadResult {
    const ExperimentSpec& spec;
    std::vector<std::array<std::uint64_t, kMaxFigures>> figures; // by worker index
    std::vector<std::uint64_t> ops;                              // by worker index
    double wallS;
    // the run's samples, boiled down as they came (the engine keeps no sample list)
    const SampleDigest& samples;
    const std::byte* sharedArea = nullptr; // what sharedAreaBytes asked for, after the run
};

} // namespace corelab
