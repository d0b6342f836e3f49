#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/Better.h"

namespace corelab {

// The catalogue knows the kernels' runtime only by name: what a workload is (its
// parameters and figures) is read by the form, the spec and the analysis, none of
// which should see the control block.
struct ExperimentSpec;
class WorkerContext;
struct WorkloadResult;

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
    // How a run that differs from another only in this choice is named, per choice
    // ("threads (pthread_create)" for spawn's "thread"); empty: "name=choice".
    std::vector<std::string> choiceWords = {};
};

// The index of `name` in p.choices, or nullopt.
std::optional<double> choiceIndex(const ParamInfo& p, const std::string& name);

// What a workload's setUp made in one worker before the start, or the errno of why not.
struct WorkerSetUp {
    void* state = nullptr;
    int error = 0;
};

// A figure a workload adds to the summary (Summary::figures[key]). Its direction
// is declared from what it means, never guessed from its key: fewer µs per switch
// is better, though "us_per_switch" reads like a rate.
struct FigureInfo {
    std::string key;
    std::string unit;
    Better better;
    std::string help;
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
    // Runs in each worker before the start barrier, so preparing what the work needs
    // (memory a worker touches, the pages a forked worker copies) takes none of the
    // measured window, and the window does not catch it half done. The state reaches run()
    // as WorkerContext::workerState(); an error stops the run with that errno. tearDown
    // releases the state after run(), or instead of it when the run stopped first.
    WorkerSetUp (*setUp)(const ExperimentSpec&, const std::vector<double>& args, int index,
                         const void* leaderState) = nullptr;
    void (*tearDown)(void* state, const std::vector<double>& args) = nullptr;
    // Bytes the run will allocate and touch (all workers, the leader's set-up included),
    // so a run the machine cannot hold is refused before it starts.
    std::uint64_t (*plannedBytes)(const ExperimentSpec&) = nullptr;
    // Why this spec makes no sense for the workload, or "" when it does.
    std::string (*unsupported)(const ExperimentSpec&) = nullptr;
    // Adds the workload's own figures (keys from `figures`) to the summary.
    void (*summarize)(const WorkloadResult&, std::map<std::string, double>& out) = nullptr;
    std::vector<FigureInfo> figures;
    // Runs under --model async (run() then drives an event loop; see runtime/AsyncLoop.h).
    bool supportsAsync = false;
};

const std::vector<WorkloadInfo>& workloads();
const WorkloadInfo* findWorkload(const std::string& name);

// Unit, direction and meaning of a Summary::figures key: the workload's own
// FigureInfo, or one of the interpreter lock's figures, which any workload can have.
// Unknown keys get an empty unit, Better::Neither and "workload figure".
FigureInfo describeFigure(const std::string& key, const WorkloadInfo* workload);

} // namespace corelab
