#include "engine/Totals.h"

#include <algorithm>

#include "catalogue/Catalogue.h"
#include "runtime/WorkerContext.h"

namespace corelab {

WorkTotals collectTotals(const ControlBlock& block, const ExperimentSpec& spec,
                         std::int64_t leaderEndNs, bool stoppedEarly)
{
    WorkTotals totals;
    totals.workers = spec.totalWorkers();
    totals.processes =
        spec.model == Model::Threads || spec.model == Model::Async ? 1 : spec.workers;
    totals.stoppedEarly = stoppedEarly;
    if (!block.header()) return totals; // the run never got its control block
    std::int64_t first = 0, last = 0;
    for (int i = 0; i < block.workerCount(); ++i) {
        const WorkerSlot& s = *block.slot(i);
        totals.opsTotal += s.ops.load();
        // a restarted worker crashed once per restart, whatever its state now
        totals.workersCrashed += static_cast<int>(s.restarts.load());
        if (s.state.load() == static_cast<std::uint32_t>(WorkerState::Crashed))
            ++totals.workersCrashed;
        if (s.state.load() == static_cast<std::uint32_t>(WorkerState::Killed))
            ++totals.workersKilled;
        totals.cpuBeforeStartS += static_cast<double>(s.startCpuNs.load()) / 1e9;
        const auto start = s.startNs.load(), end = s.endNs.load();
        if (start && (!first || start < first)) first = start;
        last = std::max(last, end ? end : (start ? leaderEndNs : 0));
    }
    totals.wallS = first && last > first ? (last - first) / 1e9 : 0;
    return totals;
}

namespace {

void addLockFigures(const ControlBlock& block, double wallS, std::map<std::string, double>& out)
{
    std::uint64_t waitNs = 0, takes = 0;
    for (int i = 0; i < block.workerCount(); ++i) {
        waitNs += block.slot(i)->lockWaitNs.load();
        takes += block.slot(i)->lockTakes.load();
    }
    out["lock_wait_s"] = waitNs / 1e9;
    out["lock_handovers_per_s"] = wallS > 0 ? takes / wallS : 0;
}

} // namespace

std::map<std::string, double> workloadFigures(const ControlBlock& block, const ExperimentSpec& spec,
                                              const std::vector<Sample>& samples, double wallS)
{
    std::map<std::string, double> out;
    if (!block.header()) return out;
    if (spec.interpreterLock) addLockFigures(block, wallS, out);
    const WorkloadInfo* w = findWorkload(spec.workload);
    if (!w || !w->summarize) return out;
    WorkloadResult result{spec, {}, {}, wallS, samples};
    if (block.sharedAreaBytes()) result.sharedArea = block.sharedArea();
    for (int i = 0; i < block.workerCount(); ++i) {
        const WorkerSlot& s = *block.slot(i);
        auto& figures = result.figures.emplace_back();
        for (int k = 0; k < kMaxFigures; ++k)
            figures[static_cast<std::size_t>(k)] = s.figures[k].load();
        result.ops.push_back(s.ops.load());
    }
    w->summarize(result, out);
    return out;
}

} // namespace corelab
