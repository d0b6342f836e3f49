#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "RunHelpers.h"
#include "record/CoreShare.h"
#include "record/Rates.h"

using namespace corelab;
using namespace corelab::test;

namespace {

constexpr double kMaxGapS = 0.25;
constexpr std::uint64_t kMs = 1'000'000;

WorkerSample worker(int index, int cpu, std::uint64_t runNs, int tid = 0)
{
    WorkerSample w;
    w.index = index;
    w.tid = tid ? tid : 100 + index;
    w.state = 'R';
    w.lastCpu = cpu;
    w.runNs = runNs;
    return w;
}

Sample sampleAt(double t, std::vector<WorkerSample> workers)
{
    Sample s;
    s.t = t;
    s.workers = std::move(workers);
    return s;
}

} // namespace

TEST(CoreShare, EachWorkersRunTimeGoesToItsCpu)
{
    const Sample before = sampleAt(1.0, {worker(0, 0, 500 * kMs), worker(1, 1, 300 * kMs)});
    // w0 ran the whole 100 ms on cpu0, w1 half of it on cpu1
    const Sample now = sampleAt(1.1, {worker(0, 0, 600 * kMs), worker(1, 1, 350 * kMs)});
    const auto share = workerCoreShare(before, now, kMaxGapS);
    ASSERT_TRUE(share);
    EXPECT_DOUBLE_EQ(share->t, 1.1);
    EXPECT_NEAR(share->dt, 0.1, 1e-12);
    ASSERT_EQ(share->cpus.size(), 2u);
    EXPECT_NEAR(share->cpus.at(0), 1.0, 1e-9);
    EXPECT_NEAR(share->cpus.at(1), 0.5, 1e-9);
    EXPECT_DOUBLE_EQ(share->unplaced, 0);
    EXPECT_NEAR(share->busyCores(), 1.5, 1e-9);
}

TEST(CoreShare, WorkersAreMatchedByIndexNotPlace)
{
    const Sample before = sampleAt(0.0, {worker(1, 1, 300 * kMs), worker(0, 0, 500 * kMs)});
    const Sample now = sampleAt(0.1, {worker(0, 0, 560 * kMs), worker(1, 1, 310 * kMs)});
    const auto share = workerCoreShare(before, now, kMaxGapS);
    ASSERT_TRUE(share);
    EXPECT_NEAR(share->cpus.at(0), 0.6, 1e-9);
    EXPECT_NEAR(share->cpus.at(1), 0.1, 1e-9);
}

TEST(CoreShare, AMigratedWorkerCountsWhereLastSeenButNoCpuOverflows)
{
    // both ran 80 of 100 ms and both were last seen on cpu0: one of them must have run
    // elsewhere for most of the interval
    const Sample before = sampleAt(0.0, {worker(0, 0, 0), worker(1, 1, 0)});
    const Sample now = sampleAt(0.1, {worker(0, 0, 80 * kMs), worker(1, 0, 80 * kMs)});
    const auto share = workerCoreShare(before, now, kMaxGapS);
    ASSERT_TRUE(share);
    EXPECT_NEAR(share->cpus.at(0), 1.0, 1e-9);
    EXPECT_EQ(share->cpus.count(1), 0u);
    // the time is real: the total keeps it, unplaced
    EXPECT_NEAR(share->unplaced, 0.6, 1e-9);
    EXPECT_NEAR(share->busyCores(), 1.6, 1e-9);
    EXPECT_DOUBLE_EQ(share->skew, 0);
}

TEST(CoreShare, RunTimeBeyondTheIntervalIsTheReadingsLagAndIsDropped)
{
    // schedstat read 2 ms later in this tick than in the last one
    const Sample before = sampleAt(0.0, {worker(0, 1, 0)});
    const Sample now = sampleAt(0.1, {worker(0, 1, 102 * kMs)});
    const auto share = workerCoreShare(before, now, kMaxGapS);
    ASSERT_TRUE(share);
    EXPECT_NEAR(share->cpus.at(1), 1.0, 1e-9);
    EXPECT_NEAR(share->skew, 0.02, 1e-9);
    EXPECT_DOUBLE_EQ(share->unplaced, 0);
}

TEST(CoreShare, AHoleOrAnEmptyIntervalHasNoShare)
{
    const Sample before = sampleAt(1.0, {worker(0, 0, 0)});
    EXPECT_FALSE(workerCoreShare(before, sampleAt(1.6, {worker(0, 0, 500 * kMs)}), kMaxGapS));
    EXPECT_FALSE(workerCoreShare(before, sampleAt(1.0, {worker(0, 0, 0)}), kMaxGapS));
    EXPECT_FALSE(workerCoreShare(before, sampleAt(0.9, {worker(0, 0, 0)}), kMaxGapS));
}

TEST(CoreShare, UnknownCpusAndReplacedThreadsAreCountedHonestly)
{
    const Sample before = sampleAt(0.0, {worker(0, 0, 900 * kMs), worker(1, 1, 0)});
    // w0's slot now holds a new thread (a restarted process) that ran 30 ms, all in the
    // interval; w1's CPU is unknown
    const Sample now = sampleAt(0.1, {worker(0, 0, 30 * kMs, 777), worker(1, -1, 40 * kMs)});
    const auto share = workerCoreShare(before, now, kMaxGapS);
    ASSERT_TRUE(share);
    EXPECT_NEAR(share->cpus.at(0), 0.3, 1e-9);
    EXPECT_NEAR(share->unplaced, 0.4, 1e-9);
}

TEST(CoreShare, TheRunMeanLeavesHolesOut)
{
    const std::vector<Sample> samples = {
        sampleAt(0.0, {worker(0, 0, 0)}), sampleAt(0.1, {worker(0, 0, 100 * kMs)}), // busy
        sampleAt(0.2, {worker(0, 0, 100 * kMs)}),                                   // idle
        // a 1 s hole in which it ran 1 s: not an interval of the mean
        sampleAt(1.2, {worker(0, 0, 1100 * kMs)}),
        sampleAt(1.3, {worker(0, 0, 1150 * kMs)}), // half
    };
    const auto mean = meanWorkerCoreShare(samples, kMaxGapS);
    ASSERT_EQ(mean.size(), 1u);
    EXPECT_NEAR(mean.at(0), (1.0 + 0.0 + 0.5) / 3, 1e-9);
}

// One CPU-bound worker is at most one core of its own, whatever else the machine runs,
// and its share agrees with its own thread CPU clock (an independent reading).
// How far a thread's reading may trail its sample's time.
constexpr double kReadingLagS = 0.003;

TEST(CoreShare, OneCpuWorkerIsAboutOneCoreOfItsOwn)
{
    const RunRecord r = runToEnd(cpuSpec(Model::Threads, 1, 1.0));
    const double maxGap = rateOptionsFor(r.spec.rateHz).maxGapS;
    double released = 0;
    for (const Event& e : r.events)
        if (e.kind == EventKind::AllRunning) released = e.t;
    double busyS = 0, coveredS = 0, machine = 0;
    int machineTicks = 0;
    for (std::size_t i = 1; i < r.samples.size(); ++i) {
        const auto share = workerCoreShare(r.samples[i - 1], r.samples[i], maxGap);
        if (!share) continue;
        // one thread: more than one core would mean the windows do not match
        EXPECT_LE(share->busyCores(), 1.0 + 1e-9) << "at t = " << share->t;
        // the lag between a sample's time and its reading of each thread is a few ms at most
        // (workers publish their CPU clock at most once a ms; the sampler reads just after
        // the tick): bounded in time, since over the short interval a run's end leaves it is
        // a large share of nothing
        EXPECT_LT(share->skew * share->dt, std::max(0.05 * share->dt, kReadingLagS))
            << "at t = " << share->t << ", interval " << share->dt << " s";
        const bool working =
            r.samples[i - 1].t >= released && share->t <= released + r.spec.durationS - 0.05;
        if (!working) continue;
        busyS += share->busyCores() * share->dt;
        coveredS += share->dt;
        for (const CoreSample& c : r.samples[i].cores) {
            machine += c.busy * share->dt;
            ++machineTicks;
        }
    }
    ASSERT_GT(coveredS, 0.5);
    const double own = busyS / coveredS;
    EXPECT_LE(own, 1.0 + 1e-9);
    // the worker's own thread CPU clock over its span: what it really got
    EXPECT_NEAR(own, r.summary.busyCoresMean, 0.15);
    // a busy shared machine leaves it less than a core; only a quiet one gives it one
    if (otherBusyCores(r.summary) < kBusyMachineCores) {
        EXPECT_GT(own, 0.8) << "a CPU-bound worker on a quiet machine";
    }
    // /proc/stat counts every program: never less than the worker (10 ms ticks aside)
    ASSERT_GT(machineTicks, 0);
    EXPECT_GE(machine / coveredS, own - 0.1);
    std::cout << "workers' own " << own << " cores (thread CPU clock " << r.summary.busyCoresMean
              << "), /proc/stat " << machine / coveredS << " cores\n";
}
