#include "record/Summarize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace corelab {

void SummaryBuilder::add(const Sample& sample)
{
    if (!sample.cores.empty()) {
        double total = 0;
        for (const CoreSample& c : sample.cores) {
            auto& [sum, n] = perCore_[c.cpu];
            sum += c.busy;
            ++n;
            total += c.busy;
        }
        busySum_ += total;
        ++coreTicks_;
    }
    std::uint64_t ops = 0;
    std::size_t alive = 0;
    alivePids_.clear();
    for (const WorkerSample& w : sample.workers) {
        auto [it, fresh] = last_.try_emplace(w.index, w);
        waitSumNs_ += w.waitNs - (fresh ? 0 : it->second.waitNs);
        if (!fresh) it->second = w;
        ops += w.ops;
        if (w.state == '-' || w.state == '?' || w.state == 'Z') continue;
        ++alive;
        alivePids_.push_back(w.pid);
    }
    waitTrail_.emplace_back(sample.t, waitSumNs_);
    if (sample.memory)
        memory_.push_back(
            {sample.t, sample.memory->rssBytes, sample.memory->pssBytes, sample.memory->ussBytes});
    std::sort(alivePids_.begin(), alivePids_.end());
    const auto pids = static_cast<std::size_t>(std::unique(alivePids_.begin(), alivePids_.end()) -
                                               alivePids_.begin());
    SampleDigest& d = digest_;
    ++d.samples;
    d.lastT = sample.t;
    if (ops > d.mostOps) d.lastProgressT = sample.t, d.mostOps = ops;
    d.peakAliveThreads = std::max(d.peakAliveThreads, alive);
    d.peakAliveProcesses = std::max(d.peakAliveProcesses, pids);
}

Summary SummaryBuilder::finish(const WorkTotals& totals) const
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

    // no /proc/stat interval at all (the workers ended before a second reading): not
    // measured, which 0 cores would hide
    s.machineBusyCoresMean =
        coreTicks_ ? busySum_ / coreTicks_ : std::numeric_limits<double>::quiet_NaN();
    for (const auto& [cpu, acc] : perCore_)
        s.perCoreBusy[cpu] = acc.first / acc.second;

    std::uint64_t runNs = 0;
    double windowCpuS = 0;
    for (const auto& [index, w] : last_) {
        runNs += w.runNs;
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
    s.busyCoresMean = totals.wallS > 0 ? windowCpuS / totals.wallS : 0;

    // Σ run-queue wait up to the stop signal: each worker's last reading before it.
    // Threads that exit together queue behind each other, and schedstat adds that wait
    // lazily in the last milliseconds; it says nothing about the work.
    std::uint64_t waitNs = 0;
    for (const auto& [t, sum] : waitTrail_) {
        if (t > totals.workEndT) break;
        waitNs = sum;
    }
    s.runqueueWaitS = static_cast<double>(waitNs) / 1e9;

    // Only readings taken while every worker was running: before the barrier the leader
    // alone holds what it set up (a data set it will share after the fork), and after
    // the first worker ended its memory is gone from the sum.
    auto raise = [](std::optional<std::uint64_t>& peak, std::uint64_t v) {
        peak = std::max(peak.value_or(0), v);
    };
    for (const MemoryReading& m : memory_) {
        if (m.t < totals.windowStartS || m.t > totals.windowEndS) continue;
        raise(s.peakRssBytes, m.rss);
        raise(s.peakPssBytes, m.pss);
        raise(s.peakUssBytes, m.uss);
    }
    return s;
}

Summary summarize(const std::vector<Sample>& samples, const WorkTotals& totals)
{
    SummaryBuilder builder;
    for (const Sample& sample : samples)
        builder.add(sample);
    return builder.finish(totals);
}

double otherBusyCores(const Summary& s)
{
    if (std::isnan(s.machineBusyCoresMean)) return s.machineBusyCoresMean;
    return std::max(0.0,
                    s.machineBusyCoresMean - s.busyCoresMean - s.observerBusyCores.value_or(0));
}

} // namespace corelab
