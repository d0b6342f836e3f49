#include "workloads/Workload.h"

namespace corelab {

// One factory per workload file; the list here is the catalogue, in the order the
// window and --help show it.
WorkloadInfo cpuWorkload();

const std::vector<WorkloadInfo>& workloads()
{
    static const std::vector<WorkloadInfo> all = {
        cpuWorkload(),
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

} // namespace corelab
