#include "catalogue/Catalogue.h"

namespace corelab {

// One factory per workload file; the list here is the catalogue, in the order the
// window and --help show it.
WorkloadInfo cpuWorkload();
WorkloadInfo counterWorkload();
WorkloadInfo deadlockWorkload();
WorkloadInfo messagingWorkload();
WorkloadInfo pingpongWorkload();
WorkloadInfo spawnWorkload();
WorkloadInfo externalWorkload();
WorkloadInfo ioWorkload();
WorkloadInfo mixedWorkload();
WorkloadInfo memoryWorkload();

const std::vector<WorkloadInfo>& workloads()
{
    static const std::vector<WorkloadInfo> all = {
        cpuWorkload(),      counterWorkload(), deadlockWorkload(), messagingWorkload(),
        pingpongWorkload(), spawnWorkload(),   externalWorkload(), ioWorkload(),
        mixedWorkload(),    memoryWorkload(),
    };
    return all;
}

std::optional<double> choiceIndex(const ParamInfo& p, const std::string& name)
{
    for (std::size_t i = 0; i < p.choices.size(); ++i)
        if (p.choices[i] == name) return static_cast<double>(i);
    return std::nullopt;
}

const WorkloadInfo* findWorkload(const std::string& name)
{
    for (const auto& w : workloads())
        if (w.name == name) return &w;
    return nullptr;
}

FigureInfo describeFigure(const std::string& key, const WorkloadInfo* workload)
{
    if (workload)
        for (const FigureInfo& f : workload->figures)
            if (f.key == key)
                return {key, f.unit, f.better, workload->name + " workload: " + f.help};
    if (key == "lock_wait_s")
        return {key, "s", Better::Lower,
                "Σ time worker threads waited for the interpreter lock, CLOCK_MONOTONIC"};
    // how often the lock changed hands says how the threads took turns, not how well
    if (key == "lock_handovers_per_s")
        return {key, "per s", Better::Neither,
                "interpreter lock handovers per second of wall time"};
    return {key, "", Better::Neither, "workload figure"};
}

} // namespace corelab
