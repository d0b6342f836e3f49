#include "record/Rates.h"

#include <algorithm>

namespace corelab {

namespace {

double delta(std::uint64_t now, std::uint64_t before)
{
    // counters of a replaced thread can go backwards: treat that as no progress
    return now >= before ? static_cast<double>(now - before) : 0.0;
}

} // namespace

RateOptions rateOptionsFor(int rateHz)
{
    const double period = 1.0 / std::max(1, rateHz);
    return RateOptions{0.5 * period, 2.5 * period};
}

RateDeriver::Step RateDeriver::add(const Sample& s)
{
    if (!baseT_) {
        rebase(s);
        return Step::First;
    }
    const double dt = s.t - *baseT_;
    if (dt < options_.minIntervalS) {
        // a worker first seen now still needs a base for the next interval
        for (const WorkerSample& w : s.workers)
            base_.try_emplace(w.index, w);
        return Step::Merged;
    }
    if (dt > options_.maxGapS) {
        rebase(s);
        return Step::Gap;
    }
    point_ = RatePoint{s.t, dt, 0, 0, {}};
    double waitNs = 0;
    for (const WorkerSample& w : s.workers) {
        const auto before = base_.find(w.index);
        if (before == base_.end()) continue;
        const double ops = delta(w.ops, before->second.ops);
        point_.opsPerS += ops / dt;
        point_.workerOpsPerS[w.index] = ops / dt;
        waitNs += std::min(delta(w.waitNs, before->second.waitNs), dt * 1e9);
    }
    point_.waitMsPerS = waitNs / 1e6 / dt;
    rebase(s);
    return Step::Point;
}

void RateDeriver::rebase(const Sample& s)
{
    baseT_ = s.t;
    for (const WorkerSample& w : s.workers)
        base_[w.index] = w;
}

} // namespace corelab
