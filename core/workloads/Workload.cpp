#include "workloads/Workload.h"

#include <sched.h>

#include "ipc/ControlBlock.h"

namespace corelab {

void runCpu(const WorkerContext& ctx); // workloads/CpuWorkload.cpp

bool WorkerContext::stopRequested() const
{
    return header->stop.load(std::memory_order_relaxed) != 0;
}

void WorkerContext::addBatch(unsigned long long ops, unsigned long long bytes) const
{
    slot->ops.fetch_add(ops, std::memory_order_relaxed);
    if (bytes) slot->bytes.fetch_add(bytes, std::memory_order_relaxed);
    slot->lastCpu.store(sched_getcpu(), std::memory_order_relaxed);
}

const std::vector<WorkloadInfo>& workloads()
{
    static const std::vector<WorkloadInfo> all = {
        {"cpu",
         "Pure computation: each op is a chain of integer hash rounds no compiler can skip.",
         "op",
         {{"rounds", "rounds/op", 64, 1, 1e6, "hash rounds in one op (more rounds, fewer ops/s)"}},
         runCpu},
    };
    return all;
}

const WorkloadInfo* findWorkload(const std::string& name)
{
    for (const auto& w : workloads())
        if (w.name == name) return &w;
    return nullptr;
}

} // namespace corelab
