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
            if (Base* b = baseOf(w.index); b && !b->seen) *b = Base{true, w.ops, w.waitNs};
        return Step::Merged;
    }
    if (dt > options_.maxGapS) {
        rebase(s);
        return Step::Gap;
    }
    point_ = RatePoint{s.t, dt, 0, 0, {}};
    double waitNs = 0;
    for (const WorkerSample& w : s.workers) {
        const Base* before = baseOf(w.index);
        if (!before || !before->seen) continue;
        const double ops = delta(w.ops, before->ops);
        point_.opsPerS += ops / dt;
        point_.workerOpsPerS[w.index] = ops / dt;
        waitNs += std::min(delta(w.waitNs, before->waitNs), dt * 1e9);
    }
    point_.waitMsPerS = waitNs / 1e6 / dt;
    rebase(s);
    return Step::Point;
}

void RateDeriver::rebase(const Sample& s)
{
    baseT_ = s.t;
    for (const WorkerSample& w : s.workers)
        if (Base* b = baseOf(w.index)) *b = Base{true, w.ops, w.waitNs};
}

// nullptr for an index no run has (samples are checked: 0 … workers - 1)
RateDeriver::Base* RateDeriver::baseOf(int index)
{
    if (index < 0 || index >= (1 << 20)) return nullptr;
    const auto i = static_cast<std::size_t>(index);
    if (i >= base_.size()) base_.resize(i + 1);
    return &base_[i];
}

} // namespace corelab
