#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ipc/ControlBlock.h"
#include "record/Sample.h"
#include "spec/ExperimentSpec.h"

namespace corelab {

class InterpreterLock;

// One tunable of a workload, with unit and range, so the CLI, the window and
// validation all read the same list.
struct ParamInfo {
    std::string name;
    std::string unit;
    double defaultValue;
    double min;
    double max;
    std::string help;
    // A choice parameter: the value is an index into these names (min 0, max n-1),
    // and the command line and the window show the names.
    std::vector<std::string> choices = {};
};

// The index of `name` in p.choices, or nullopt.
std::optional<double> choiceIndex(const ParamInfo& p, const std::string& name);

// A figure a workload adds to the summary (Summary::figures[key]).
struct FigureInfo {
    std::string key;
    std::string unit;
    std::string help;
};

// What a kernel sees while it runs inside a worker thread.
class WorkerContext {
public:
    WorkerContext(ControlBlock& block, int index, const ExperimentSpec& spec,
                  const std::vector<double>& args, void* leaderState, InterpreterLock* lock);

    // Call once per batch; false when the worker should end. It is also where an
    // injected crash fires and where the emulated interpreter lock changes hands.
    bool keepGoing();
    // Adds a finished batch to this worker's counters and refreshes its CPU.
    void addBatch(std::uint64_t ops, std::uint64_t bytes = 0);
    void addFigure(int k, std::uint64_t v);
    void setFigure(int k, std::uint64_t v);

    double arg(std::size_t i) const { return args_[i]; } // ParamInfo order
    const ExperimentSpec& spec() const { return spec_; }
    int index() const { return index_; }
    int totalWorkers() const { return block_.workerCount(); }
    std::byte* sharedArea() const { return block_.sharedArea(); }
    void* leaderState() const { return leaderState_; }
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
    std::int64_t crashAtNs_ = 0; // CLOCK_MONOTONIC, 0 when this worker never crashes
    std::int64_t deadlineNs_ = 0;
};

// Everything a workload's summarize() may read at the end of a run.
struct WorkloadResult {
    const ExperimentSpec& spec;
    std::vector<std::array<std::uint64_t, kMaxFigures>> figures; // by worker index
    std::vector<std::uint64_t> ops;                              // by worker index
    double wallS;
    const std::vector<Sample>& samples;
    const std::byte* sharedArea = nullptr; // what sharedAreaBytes asked for, after the run
};

struct WorkloadInfo {
    std::string name;
    std::string description; // one line, shown by --help and the window
    std::string opUnit;      // what one op is, e.g. "hash chain"
    std::vector<ParamInfo> params;
    void (*run)(WorkerContext&); // runs batches while keepGoing()

    // Optional hooks; nullptr when the workload does not need them.
    // Bytes of memory shared by every worker of every model (in the control block).
    std::size_t (*sharedAreaBytes)(const ExperimentSpec&) = nullptr;
    // Runs in the leader before any worker exists; its result is inherited by
    // forked workers (copy-on-write) and shared by threads. Not seen after exec.
    void* (*prepare)(const ExperimentSpec&, const std::vector<double>& args) = nullptr;
    // Why this spec makes no sense for the workload, or "" when it does.
    std::string (*unsupported)(const ExperimentSpec&) = nullptr;
    // Adds the workload's own figures (keys from `figures`) to the summary.
    void (*summarize)(const WorkloadResult&, std::map<std::string, double>& out) = nullptr;
    std::vector<FigureInfo> figures;
    // Runs under --model async (run() then drives an event loop; see worker/AsyncLoop.h).
    bool supportsAsync = false;
};

const std::vector<WorkloadInfo>& workloads();
const WorkloadInfo* findWorkload(const std::string& name);

// Unit and meaning of a Summary::figures key: the workload's own FigureInfo, or one
// of the interpreter lock's figures, which any workload can have. Unknown keys get
// an empty unit and "workload figure".
FigureInfo describeFigure(const std::string& key, const WorkloadInfo* workload);

} // namespace corelab
