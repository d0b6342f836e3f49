#include "engine/Totals.h"

#include <algorithm>

#include "catalogue/Catalogue.h"
#include "runtime/WorkerContext.h"

namespace corelab {

namespace {

// From the engine's first reading with every worker at the barrier (arrived, set up and
// alive; the leader opens it only after that reading) to the first worker's end, the stop
// or the leader's end, whichever came first. A reading taken after the barrier opened
// (a command has none; a leader waits for the engine a second at most) starts nothing:
// the window then starts at the opening.
void setWindow(const ControlBlock& block, std::int64_t firstEndNs, const EngineTimes& times,
               WorkTotals& totals)
{
    const std::int64_t released = block.header()->releasedNs.load();
    if (!released) { // the workers never all ran: no sample lies inside
        totals.windowStartS = 0;
        totals.windowEndS = -1;
        return;
    }
    const std::int64_t start =
        times.windowReadNs ? std::min(times.windowReadNs, released) : released;
    std::int64_t end = times.leaderEndNs ? times.leaderEndNs : released;
    for (std::int64_t ns : {firstEndNs, times.stopNs})
        if (ns) end = std::min(end, ns);
    totals.windowStartS = (start - times.t0Ns) / 1e9;
    totals.windowEndS = (std::max(end, released) - times.t0Ns) / 1e9;
}

} // namespace

WorkTotals collectTotals(const ControlBlock& block, const ExperimentSpec& spec,
                         const EngineTimes& times)
{
    const std::int64_t leaderEndNs = times.leaderEndNs;
    WorkTotals totals;
    totals.workers = spec.totalWorkers();
    totals.processes =
        spec.model == Model::Threads || spec.model == Model::Async ? 1 : spec.workers;
    totals.stoppedEarly = times.stoppedEarly;
    if (!block.header()) return totals; // the run never got its control block
    std::int64_t first = 0, last = 0, firstEnd = 0;
    for (int i = 0; i < block.workerCount(); ++i) {
        const WorkerSlot& s = *block.slot(i);
        totals.opsTotal += s.ops.load();
        // a restarted worker crashed once per restart, whatever its state now
        totals.workersCrashed += static_cast<int>(s.restarts.load());
        if (s.state.load() == static_cast<std::uint32_t>(WorkerState::Crashed))
            ++totals.workersCrashed;
        if (s.state.load() == static_cast<std::uint32_t>(WorkerState::Killed))
            ++totals.workersKilled;
        auto& cpu = totals.workerCpu.emplace_back();
        cpu.startCpuS = static_cast<double>(s.startCpuNs.load()) / 1e9;
        if (s.finalsWritten.load(std::memory_order_acquire))
            cpu.endCpuS = static_cast<double>(s.cpuNs.load()) / 1e9;
        const auto start = s.startNs.load(), end = s.endNs.load();
        if (start && (!first || start < first)) first = start;
        if (end && (!firstEnd || end < firstEnd)) firstEnd = end;
        last = std::max(last, end ? end : (start ? leaderEndNs : 0));
    }
    totals.wallS = first && last > first ? (last - first) / 1e9 : 0;
    setWindow(block, firstEnd, times, totals);
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
                                              const SampleDigest& samples, double wallS)
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
