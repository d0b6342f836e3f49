#include "record/Summarize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace corelab {

namespace {

void addCoreFigures(const std::vector<Sample>& samples, Summary& s)
{
    std::map<int, std::pair<double, int>> perCore; // id → (Σ busy, samples)
    double busySum = 0;
    int ticks = 0;
    for (const Sample& sample : samples) {
        if (sample.cores.empty()) continue;
        double total = 0;
        for (const CoreSample& c : sample.cores) {
            auto& [sum, n] = perCore[c.cpu];
            sum += c.busy;
            ++n;
            total += c.busy;
        }
        busySum += total;
        ++ticks;
    }
    // no /proc/stat interval at all (the workers ended before a second reading): not
    // measured, which 0 cores would hide
    s.machineBusyCoresMean = ticks ? busySum / ticks : std::numeric_limits<double>::quiet_NaN();
    for (const auto& [cpu, acc] : perCore)
        s.perCoreBusy[cpu] = acc.first / acc.second;
}

void addWorkerFigures(const std::vector<Sample>& samples, const WorkTotals& totals, Summary& s)
{
    std::map<int, WorkerSample> last; // latest reading of each worker
    for (const Sample& sample : samples)
        for (const WorkerSample& w : sample.workers)
            last[w.index] = w;
    std::uint64_t runNs = 0, waitNs = 0;
    double windowCpuS = 0;
    for (const auto& [index, w] : last) {
        runNs += w.runNs;
        waitNs += w.waitNs;
        s.ctxVoluntary += w.ctxVoluntary;
        s.ctxInvoluntary += w.ctxInvoluntary;
        // the worker's own two clock readings lie inside its start → end span, so its
        // CPU time over that span cannot exceed the span; a sampled reading may be taken
        // after the end (the thread's exit), so it stands in only where nothing else is
        const auto i = static_cast<std::size_t>(index);
        const WorkTotals::WorkerCpu cpu =
            i < totals.workerCpu.size() ? totals.workerCpu[i] : WorkTotals::WorkerCpu{};
        const double endCpuS = cpu.endCpuS ? *cpu.endCpuS : w.runNs / 1e9;
        windowCpuS += std::max(0.0, endCpuS - cpu.startCpuS);
    }
    s.cpuTimeS = runNs / 1e9;
    s.runqueueWaitS = waitNs / 1e9;
    s.busyCoresMean = totals.wallS > 0 ? windowCpuS / totals.wallS : 0;
}

// Σ run-queue wait up to the stop signal: each worker's last reading before it. Threads
// that exit together queue behind each other, and schedstat adds that wait lazily in
// the last milliseconds; it says nothing about the work.
double runqueueWaitUntil(const std::vector<Sample>& samples, double stopT)
{
    std::map<int, std::uint64_t> waitNs;
    for (const Sample& sample : samples) {
        if (sample.t > stopT) break;
        for (const WorkerSample& w : sample.workers)
            waitNs[w.index] = w.waitNs;
    }
    double total = 0;
    for (const auto& [index, ns] : waitNs)
        total += static_cast<double>(ns);
    return total / 1e9;
}

// Only readings taken while every worker was running: before the barrier the leader
// alone holds what it set up (a data set it will share after the fork), and after the
// first worker ended its memory is gone from the sum.
void addMemoryFigures(const std::vector<Sample>& samples, const WorkTotals& totals, Summary& s)
{
    auto raise = [](std::optional<std::uint64_t>& peak, std::uint64_t v) {
        peak = std::max(peak.value_or(0), v);
    };
    for (const Sample& sample : samples) {
        if (!sample.memory || sample.t < totals.windowStartS || sample.t > totals.windowEndS)
            continue;
        raise(s.peakRssBytes, sample.memory->rssBytes);
        raise(s.peakPssBytes, sample.memory->pssBytes);
        raise(s.peakUssBytes, sample.memory->ussBytes);
    }
}

} // namespace

Summary summarize(const std::vector<Sample>& samples, const WorkTotals& totals)
{
    Summary s;
    s.opsTotal = totals.opsTotal;
    s.wallS = totals.wallS;
    s.opsPerS = totals.wallS > 0 ? static_cast<double>(totals.opsTotal) / totals.wallS : 0;
    s.workers = totals.workers;
    s.processes = totals.processes;
    s.workersCrashed = totals.workersCrashed;
    s.workersKilled = totals.workersKilled;
    s.stoppedEarly = totals.stoppedEarly;
    addCoreFigures(samples, s);
    addWorkerFigures(samples, totals, s);
    s.runqueueWaitS = runqueueWaitUntil(samples, totals.workEndT);
    addMemoryFigures(samples, totals, s);
    return s;
}

double otherBusyCores(const Summary& s)
{
    if (std::isnan(s.machineBusyCoresMean)) return s.machineBusyCoresMean;
    return std::max(0.0, s.machineBusyCoresMean - s.busyCoresMean);
}

} // namespace corelab
