#include <gtest/gtest.h>

#include "RunHelpers.h"
#include "probe/MachineInfo.h"

using namespace corelab;
using namespace corelab::test;

namespace {

// Best of two alternating attempts, so a burst of load elsewhere hurts one attempt.
std::pair<Summary, Summary> oneAndTwoWorkers(ExperimentSpec spec)
{
    Summary one, two;
    for (int attempt = 0; attempt < 2; ++attempt) {
        spec.workers = 1;
        const Summary a = runToEnd(spec).summary;
        spec.workers = 2;
        const Summary b = runToEnd(spec).summary;
        if (a.opsPerS > one.opsPerS) one = a;
        if (b.opsPerS > two.opsPerS) two = b;
    }
    return {one, two};
}

} // namespace

// With one emulated interpreter lock per process, threads take turns on one core,
// while processes each have their own lock and use both cores.
TEST(InterpreterLock, ThreadsShareOneLockProcessesDoNot)
{
    if (readMachineInfo().usableCpus < 2) GTEST_SKIP() << "needs two usable CPUs";
    ExperimentSpec spec = cpuSpec(Model::Threads, 1, 1.0);
    spec.interpreterLock = true;
    const auto [threads1, threads2] = oneAndTwoWorkers(spec);
    spec.model = Model::Processes;
    const auto [procs1, procs2] = oneAndTwoWorkers(spec);

    for (const Summary* x : {&threads1, &threads2, &procs1, &procs2})
        if (otherBusyCores(*x) > kBusyMachineCores)
            GTEST_SKIP() << "other processes kept " << otherBusyCores(*x)
                         << " cores busy: no room to scale";
    EXPECT_LT(threads2.opsPerS / threads1.opsPerS, 1.2)
        << threads1.opsPerS << " → " << threads2.opsPerS;
    EXPECT_GT(procs2.opsPerS / procs1.opsPerS, 1.5) << procs1.opsPerS << " → " << procs2.opsPerS;
    // the threads really waited for the lock and it really changed hands
    EXPECT_GT(threads2.figures.at("lock_wait_s"), 0.3 * threads2.wallS);
    EXPECT_GT(threads2.figures.at("lock_handovers_per_s"), 20);
    EXPECT_LT(procs2.figures.at("lock_wait_s"), 0.1 * procs2.wallS);
}

TEST(InterpreterLock, HandsOverAboutOncePerSwitchInterval)
{
    ExperimentSpec spec = cpuSpec(Model::Threads, 2, 1.0);
    spec.interpreterLock = true;
    spec.switchIntervalMs = 20;
    const Summary s = runToEnd(spec).summary;
    // one hand-over per 20 ms interval at most: ~50/s, fewer when the machine is busy
    EXPECT_LT(s.figures.at("lock_handovers_per_s"), 50 * 1.5);
    EXPECT_GT(s.figures.at("lock_handovers_per_s"), 50 * 0.3);
}

namespace {

struct LockShares {
    double held = 0;
    double waited = 0;
};

// Each worker's share of [from, to] holding and waiting for the lock, from the
// cumulative times in the samples.
LockShares lockShares(const Sample& from, const Sample& to, int worker)
{
    const WorkerSample& a = from.workers.at(static_cast<std::size_t>(worker));
    const WorkerSample& b = to.workers.at(static_cast<std::size_t>(worker));
    const double ns = (to.t - from.t) * 1e9;
    return {static_cast<double>(*b.lockHeldNs - *a.lockHeldNs) / ns,
            static_cast<double>(*b.lockWaitNs - *a.lockWaitNs) / ns};
}

// Index of the first sample at least `afterS` after the workers were released.
std::size_t firstSampleAfterStart(const RunRecord& r, double afterS)
{
    double released = 0;
    for (const Event& e : r.events)
        if (e.kind == EventKind::AllRunning) released = e.t;
    std::size_t i = 0;
    while (i < r.samples.size() && r.samples[i].t < released + afterS)
        ++i;
    return i;
}

// Index of the last sample at least `beforeS` before the workers' planned end.
std::size_t lastSampleBeforeEnd(const RunRecord& r, double beforeS)
{
    double released = 0;
    for (const Event& e : r.events)
        if (e.kind == EventKind::AllRunning) released = e.t;
    std::size_t i = r.samples.size();
    while (i > 0 && r.samples[i - 1].t > released + r.spec.durationS - beforeS)
        --i;
    return i == 0 ? 0 : i - 1;
}

} // namespace

// Two threads under one lock take turns: every sample says how long each held it
// and waited for it, each about half the time, and never more than one held it at
// once. Fast enough turns show within one 100 ms sample interval.
TEST(InterpreterLock, SamplesShowEachThreadHoldingAndWaiting)
{
    ExperimentSpec spec = cpuSpec(Model::Threads, 2, 1.5);
    spec.interpreterLock = true;
    spec.rateHz = 10;
    const RunRecord r = runToEnd(spec);
    const std::size_t start = firstSampleAfterStart(r, 0.1);
    ASSERT_GE(r.samples.size(), start + 8);
    for (const Sample& s : r.samples)
        for (const WorkerSample& w : s.workers) {
            ASSERT_TRUE(w.lockHeldNs) << "t " << s.t << " w" << w.index;
            ASSERT_TRUE(w.lockWaitNs) << "t " << s.t << " w" << w.index;
        }
    // the working window: leave out the start-up and the end
    const Sample& first = r.samples[start];
    const std::size_t end = lastSampleBeforeEnd(r, 0.1);
    const Sample& last = r.samples[end];
    ASSERT_GT(last.t - first.t, 0.5);
    double heldSum = 0;
    for (int w = 0; w < 2; ++w) {
        const LockShares share = lockShares(first, last, w);
        EXPECT_GT(share.held, 0.2) << "w" << w;
        EXPECT_GT(share.waited, 0.2) << "w" << w;
        EXPECT_LE(share.held + share.waited, 1.02) << "w" << w;
        heldSum += share.held;
    }
    // one lock: held by at most one thread at a time
    EXPECT_LE(heldSum, 1.02);
    EXPECT_GT(heldSum, 0.5);
    // the turns show at 10 Hz: most intervals have both workers both holding and waiting
    int intervals = 0, alternating = 0;
    for (std::size_t i = start + 1; i <= end; ++i) {
        ++intervals;
        bool both = true;
        for (int w = 0; w < 2; ++w) {
            const LockShares share = lockShares(r.samples[i - 1], r.samples[i], w);
            both = both && share.held > 0.1 && share.waited > 0.1;
        }
        alternating += both;
    }
    EXPECT_GE(alternating, intervals / 2) << alternating << " of " << intervals;
}

// Processes each have their own lock: nobody waits, and a run without the lock
// measures no lock times at all (absent, not 0).
TEST(InterpreterLock, OwnLockIsNeverWaitedForAndNoLockIsNotMeasured)
{
    ExperimentSpec spec = cpuSpec(Model::Processes, 2, 0.6);
    spec.interpreterLock = true;
    const RunRecord r = runToEnd(spec);
    const std::size_t start = firstSampleAfterStart(r, 0.05);
    const std::size_t end = lastSampleBeforeEnd(r, 0.05);
    ASSERT_GE(end, start + 2);
    const Sample& first = r.samples[start];
    const Sample& last = r.samples[end];
    for (int w = 0; w < 2; ++w) {
        const LockShares share = lockShares(first, last, w);
        EXPECT_GT(share.held, 0.8) << "w" << w;
        EXPECT_LT(share.waited, 0.02) << "w" << w;
    }
    spec.interpreterLock = false;
    for (const Sample& s : runToEnd(spec).samples)
        for (const WorkerSample& w : s.workers) {
            EXPECT_FALSE(w.lockHeldNs);
            EXPECT_FALSE(w.lockWaitNs);
        }
}
