#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "TestHelpers.h"
#include "analysis/Compare.h"
#include "record/Summarize.h"
#include "record/SummaryFigures.h"

using namespace corelab;
using corelab::test::kMiB;

namespace {

constexpr int kWorkers = 64;

Sample sampleAt(double t, std::uint64_t waitNs)
{
    Sample s;
    s.t = t;
    for (int i = 0; i < kWorkers; ++i) {
        WorkerSample w;
        w.index = i;
        w.tid = 100 + i;
        w.waitNs = waitNs;
        w.runNs = static_cast<std::uint64_t>(t * 1e8);
        s.workers.push_back(w);
    }
    return s;
}

WorkerSample worker(int index, std::uint64_t runNs)
{
    WorkerSample w;
    w.index = index;
    w.runNs = runNs;
    return w;
}

Sample memorySample(double t, std::uint64_t rss, std::uint64_t pss, std::uint64_t uss)
{
    Sample s;
    s.t = t;
    s.memory = MemorySample{rss, pss, uss, 0, 1};
    return s;
}

// Two workers that each computed for the whole 5 ms of a run, as a short counter run
// on two cores has them.
WorkTotals shortRunTotals()
{
    WorkTotals t;
    t.wallS = 0.005;
    t.workers = 2;
    t.processes = 2;
    // 1 ms of start-up before the barrier, then 5 ms of work between the worker's own
    // start and end readings
    t.workerCpu = {{0.001, 0.006}, {0.001, 0.006}};
    return t;
}

} // namespace

TEST(Summarize, RunqueueWaitEndsWhenTheWorkersAreToldToStop)
{
    // 10 ms of wait per worker per tick for 3 s, then a teardown that adds 70 ms to
    // every worker in the last 6 ms
    std::vector<Sample> samples;
    for (int k = 0; k <= 30; ++k)
        samples.push_back(sampleAt(0.1 * k, 10'000'000ULL * k));
    samples.push_back(sampleAt(3.006, 10'000'000ULL * 30 + 70'000'000ULL));
    WorkTotals totals;
    totals.workers = kWorkers;
    totals.wallS = 3.0;
    totals.workEndT = 3.0;
    const Summary s = summarize(samples, totals);
    EXPECT_NEAR(s.runqueueWaitS, kWorkers * 0.3, 1e-9);
}

TEST(Summarize, RunqueueWaitWithoutAKnownEndIsTheLastReading)
{
    std::vector<Sample> samples{sampleAt(0, 0), sampleAt(0.1, 5'000'000), sampleAt(0.2, 9'000'000)};
    WorkTotals totals;
    totals.workers = kWorkers;
    totals.wallS = 0.2;
    EXPECT_NEAR(summarize(samples, totals).runqueueWaitS, kWorkers * 0.009, 1e-9);
}

// The final sample's schedstat reading was taken after the worker's end time: its
// exit (freeing a forked process's pages) is CPU time outside the wall time. Counted,
// it made 2.29 busy cores of two workers on a two-core machine.
TEST(Summarize, BusyCoresCountOnlyTheCpuTimeInsideEachWorkersOwnWindow)
{
    Sample last;
    last.t = 0.05;
    last.workers = {worker(0, 6'800'000), worker(1, 6'700'000)};
    const Summary s = summarize({last}, shortRunTotals());
    EXPECT_NEAR(s.busyCoresMean, 2.0, 1e-12);
    EXPECT_LE(s.busyCoresMean, s.workers);
    EXPECT_NEAR(s.cpuTimeS, 0.0135, 1e-12) << "worker CPU time keeps the whole lifetime";
}

// A worker killed mid-run wrote no end reading: its last sampled run time stands in.
TEST(Summarize, AWorkerWithoutItsOwnEndReadingFallsBackToItsSample)
{
    WorkTotals t = shortRunTotals();
    t.workerCpu[1].endCpuS.reset();
    Sample last;
    last.workers = {worker(0, 6'000'000), worker(1, 3'500'000)};
    const Summary s = summarize({last}, t);
    EXPECT_NEAR(s.busyCoresMean, (0.005 + 0.0025) / 0.005, 1e-12);
}

// The memory preset's processes once showed the leader's set-up moment (the whole data
// set private to it, before the fork shared it) as their peak USS.
TEST(Summarize, PeaksComeOnlyFromReadingsWhileAllWorkersRan)
{
    WorkTotals t = shortRunTotals();
    t.windowStartS = 0.10;
    t.windowEndS = 0.80;
    const std::vector<Sample> samples = {
        memorySample(0.05, 260 * kMiB, 260 * kMiB, 256 * kMiB), // leader before the fork
        memorySample(0.10, 700 * kMiB, 300 * kMiB, 40 * kMiB),  // as the barrier opens
        memorySample(0.60, 800 * kMiB, 310 * kMiB, 48 * kMiB),
        memorySample(0.90, 900 * kMiB, 320 * kMiB, 300 * kMiB), // after the first end
    };
    const Summary s = summarize(samples, t);
    EXPECT_EQ(s.peakRssBytes, 800 * kMiB);
    EXPECT_EQ(s.peakPssBytes, 310 * kMiB);
    EXPECT_EQ(s.peakUssBytes, 48 * kMiB);
}

TEST(Summarize, MemoryWithNoReadingInTheWindowIsNotMeasured)
{
    WorkTotals t = shortRunTotals();
    t.windowStartS = 0.02;
    t.windowEndS = 0.07;
    const Summary none = summarize({memorySample(0.01, kMiB, kMiB, kMiB), Sample{}}, t);
    EXPECT_FALSE(none.peakRssBytes);
    EXPECT_FALSE(none.peakPssBytes);
    EXPECT_FALSE(none.peakUssBytes);
    for (const char* key : {"peak_rss_bytes", "peak_pss_bytes", "peak_uss_bytes"})
        EXPECT_TRUE(std::isnan(findSummaryFigure(key)->value(none))) << key;

    const Summary one = summarize({memorySample(0.05, 3 * kMiB, 2 * kMiB, kMiB)}, t);
    EXPECT_EQ(one.peakRssBytes, 3 * kMiB);
    EXPECT_EQ(findSummaryFigure("peak_uss_bytes")->value(one), static_cast<double>(kMiB));
}

// "About the same peak RSS (0 B, 0 B)" judged two figures nobody measured.
TEST(Summarize, ACompareDoesNotJudgeAFigureOneRunDidNotMeasure)
{
    RunRecord a, b;
    a.spec.model = Model::Threads;
    b.spec.model = Model::Processes;
    for (RunRecord* r : {&a, &b}) {
        r->summary.wallS = 0.05;
        r->summary.workers = 2;
        r->summary.opsPerS = 1e6;
    }
    b.summary.peakRssBytes = 64 * kMiB;
    int judged = 0;
    for (const VerdictRow& row : compareRuns(a, b)) {
        if (row.aspect.rfind("peak ", 0) != 0) continue;
        ++judged;
        EXPECT_EQ(row.winner, "") << row.aspect;
        EXPECT_EQ(ratioText(row), "–") << row.aspect;
        const char* who = row.aspect == "peak RSS" ? "not measured in threads (processes 64.0 MiB)"
                                                   : "not measured in either run";
        EXPECT_NE(row.sentence.find(who), std::string::npos) << row.sentence;
        EXPECT_EQ(row.sentence.find("0 B"), std::string::npos) << row.sentence;
    }
    EXPECT_EQ(judged, 3);
    a.summary.peakRssBytes = 16 * kMiB;
    for (const VerdictRow& row : compareRuns(a, b)) {
        if (row.aspect == "peak RSS") {
            EXPECT_EQ(row.winner, "threads") << row.sentence;
        }
    }
}

// "busy cores (machine) 0.0" was as unmeasured as the 0 B beside it: a run that ended
// before a second /proc/stat reading has no interval to take the share over.
TEST(Summarize, MachineLoadWithoutAnIntervalIsNotMeasured)
{
    Sample only;
    only.workers = {worker(0, 6'000'000), worker(1, 6'000'000)};
    const Summary s = summarize({only}, shortRunTotals());
    EXPECT_TRUE(std::isnan(s.machineBusyCoresMean));
    EXPECT_TRUE(std::isnan(otherBusyCores(s)));
    EXPECT_TRUE(std::isnan(findSummaryFigure("machine_busy_cores_mean")->value(s)));

    Sample second = only;
    second.t = 0.1;
    second.cores = {{0, 0.75, 0, 0, 0.75}, {1, 1.0, 0, 0, 1.0}};
    const Summary measured = summarize({only, second}, shortRunTotals());
    EXPECT_DOUBLE_EQ(measured.machineBusyCoresMean, 1.75);

    RunRecord a, b;
    a.summary = s;
    b.summary = measured;
    b.spec.model = Model::Processes;
    for (const VerdictRow& row : compareRuns(a, b))
        if (row.aspect == "other load") {
            EXPECT_EQ(row.winner, "");
            EXPECT_NE(row.sentence.find("not measured in threads"), std::string::npos)
                << row.sentence;
        }
}
