#include "record/CoreShare.h"

#include <algorithm>

namespace corelab {

namespace {

// Run time (ns) of one worker in the interval. A worker first seen now, or whose slot now
// holds another thread (a restarted process), ran only inside the interval: all of its
// run time counts.
double runNsIn(const Sample& before, const WorkerSample& w, std::size_t position)
{
    // the sampler lists workers in the same order every tick: look there first, so
    // thousands of workers cost no more than a pass
    auto it = before.workers.begin() +
              static_cast<std::ptrdiff_t>(std::min(position, before.workers.size()));
    if (it == before.workers.end() || it->index != w.index)
        it = std::find_if(before.workers.begin(), before.workers.end(),
                          [&](const WorkerSample& b) { return b.index == w.index; });
    if (it == before.workers.end() || it->tid != w.tid) return static_cast<double>(w.runNs);
    // a counter that goes backwards is no progress
    return w.runNs >= it->runNs ? static_cast<double>(w.runNs - it->runNs) : 0.0;
}

} // namespace

double CoreShare::busyCores() const
{
    double sum = unplaced;
    for (const auto& [cpu, share] : cpus)
        sum += share;
    return sum;
}

std::optional<CoreShare> workerCoreShare(const Sample& before, const Sample& now, double maxGapS)
{
    const double dt = now.t - before.t;
    if (!(dt > 0) || dt > maxGapS) return std::nullopt;
    CoreShare share{now.t, dt, {}, 0, 0};
    const double intervalNs = dt * 1e9;
    for (std::size_t i = 0; i < now.workers.size(); ++i) {
        const WorkerSample& w = now.workers[i];
        const double ran = runNsIn(before, w, i);
        // a thread cannot run longer than the interval: the rest is the reading's lag
        const double kept = std::min(ran, intervalNs);
        share.skew += (ran - kept) / intervalNs;
        if (w.lastCpu < 0)
            share.unplaced += kept / intervalNs;
        else
            share.cpus[w.lastCpu] += kept / intervalNs;
    }
    // two workers seen last on one CPU cannot both have run there the whole interval:
    // one of them moved; its time is real but its place is not known
    for (auto& [cpu, s] : share.cpus)
        if (s > 1) {
            share.unplaced += s - 1;
            s = 1;
        }
    return share;
}

std::map<int, double> meanWorkerCoreShare(const std::vector<Sample>& samples, double maxGapS)
{
    std::map<int, double> busyS;
    double coveredS = 0;
    for (std::size_t i = 1; i < samples.size(); ++i) {
        const auto share = workerCoreShare(samples[i - 1], samples[i], maxGapS);
        if (!share) continue;
        coveredS += share->dt;
        for (const auto& [cpu, s] : share->cpus)
            busyS[cpu] += s * share->dt;
    }
    for (auto& [cpu, s] : busyS)
        s /= coveredS;
    return busyS;
}

} // namespace corelab
