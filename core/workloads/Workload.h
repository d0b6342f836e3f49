#pragma once

#include <string>
#include <vector>

namespace corelab {

struct WorkerSlot;
struct ControlHeader;

// One tunable of a workload, with unit and range, so the CLI, the window and
// validation all read the same list.
struct ParamInfo {
    std::string name;
    std::string unit;
    double defaultValue;
    double min;
    double max;
    std::string help;
};

// What a kernel sees while it runs inside a worker thread.
struct WorkerContext {
    ControlHeader* header;
    WorkerSlot* slot;
    int index;                       // worker index, 0 … totalWorkers-1
    const std::vector<double>* args; // parameter values in ParamInfo order
    bool stopRequested() const;
    // Adds a finished batch to this worker's counters and refreshes its CPU.
    void addBatch(unsigned long long ops, unsigned long long bytes = 0) const;
};

struct WorkloadInfo {
    std::string name;
    std::string description; // one line, shown by --help and the window
    std::string opUnit;      // what one op is, e.g. "hash round"
    std::vector<ParamInfo> params;
    void (*run)(const WorkerContext&); // runs batches until stopRequested()
};

const std::vector<WorkloadInfo>& workloads();
const WorkloadInfo* findWorkload(const std::string& name);

} // namespace corelab
