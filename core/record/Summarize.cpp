#include "record/Summarize.h"

#include <algorithm>
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
    if (ticks) s.machineBusyCoresMean = busySum / ticks;
    for (const auto& [cpu, acc] : perCore)
        s.perCoreBusy[cpu] = acc.first / acc.second;
}

void addWorkerFigures(const std::vector<Sample>& samples, Summary& s)
{
    std::map<int, WorkerSample> last; // latest reading of each worker
    for (const Sample& sample : samples)
        for (const WorkerSample& w : sample.workers)
            last[w.index] = w;
    std::uint64_t runNs = 0, waitNs = 0;
    for (const auto& [index, w] : last) {
        runNs += w.runNs;
        waitNs += w.waitNs;
        s.ctxVoluntary += w.ctxVoluntary;
        s.ctxInvoluntary += w.ctxInvoluntary;
    }
    s.cpuTimeS = runNs / 1e9;
    s.runqueueWaitS = waitNs / 1e9;
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

void addMemoryFigures(const std::vector<Sample>& samples, Summary& s)
{
    for (const Sample& sample : samples) {
        if (!sample.memory) continue;
        s.peakRssBytes = std::max(s.peakRssBytes, sample.memory->rssBytes);
        s.peakPssBytes = std::max(s.peakPssBytes, sample.memory->pssBytes);
        s.peakUssBytes = std::max(s.peakUssBytes, sample.memory->ussBytes);
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
    addWorkerFigures(samples, s);
    s.runqueueWaitS = runqueueWaitUntil(samples, totals.workEndT);
    addMemoryFigures(samples, s);
    // the CPU time of the working window over that window: start-up would otherwise
    // make a run of a few milliseconds look like more cores than the machine has
    const double workingCpuS = std::max(0.0, s.cpuTimeS - totals.cpuBeforeStartS);
    s.busyCoresMean = totals.wallS > 0 ? workingCpuS / totals.wallS : 0;
    return s;
}

double otherBusyCores(const Summary& s)
{
    return std::max(0.0, s.machineBusyCoresMean - s.busyCoresMean);
}

} // namespace corelab
