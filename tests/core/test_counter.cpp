#include <gtest/gtest.h>

#include <algorithm>

#include "RunHelpers.h"
#include "probe/MachineInfo.h"

using namespace corelab;
using namespace corelab::test;

namespace {

enum Sync { None = 0, Atomic = 1, Mutex = 2, Sharded = 3 };

ExperimentSpec counterSpec(Model model, Sync sync, double increments, bool shared = false)
{
    ExperimentSpec s;
    s.workload = "counter";
    s.model = model;
    s.workers = 2;
    s.durationS = 10; // the run ends when the increments are done
    s.params = {{"increments", increments}, {"sync", sync}, {"shared", shared ? 1 : 0}};
    return s;
}

// A race needs both workers on a CPU at once: on a busy machine one may finish a
// fixed count before the other is scheduled, so race for a fixed time instead.
ExperimentSpec racingFor(Model model, double seconds, bool shared = false)
{
    ExperimentSpec s = counterSpec(model, None, 1e10, shared);
    s.durationS = seconds;
    return s;
}

double fig(const RunRecord& r, const char* key)
{
    const auto it = r.summary.figures.find(key);
    EXPECT_NE(it, r.summary.figures.end()) << key;
    return it == r.summary.figures.end() ? -1 : it->second;
}

} // namespace

TEST(Counter, UnsynchronisedThreadsLoseUpdates)
{
    const RunRecord r = runToEnd(racingFor(Model::Threads, 0.4));
    EXPECT_GT(fig(r, "expected_count"), 0);
    EXPECT_GT(fig(r, "lost_updates"), 0);
    EXPECT_LT(fig(r, "actual_count"), fig(r, "expected_count"));
    EXPECT_EQ(fig(r, "counters"), 1);
}

TEST(Counter, AtomicAndMutexLoseNone)
{
    for (Sync sync : {Atomic, Mutex}) {
        const RunRecord r = runToEnd(counterSpec(Model::Threads, sync, 1e6));
        EXPECT_EQ(fig(r, "expected_count"), 2e6) << sync;
        EXPECT_EQ(fig(r, "actual_count"), 2e6) << sync;
        EXPECT_EQ(fig(r, "lost_updates"), 0) << sync;
        EXPECT_EQ(fig(r, "complete"), 1) << sync;
    }
}

TEST(Counter, ShardsAddUpExactly)
{
    const RunRecord r = runToEnd(counterSpec(Model::Threads, Sharded, 1e6));
    EXPECT_EQ(fig(r, "actual_count"), 2e6);
    EXPECT_EQ(fig(r, "counters"), 2);
}

TEST(Counter, ProcessesWithoutSharedEachCountAlone)
{
    const RunRecord r = runToEnd(counterSpec(Model::Processes, None, 2e6));
    EXPECT_EQ(fig(r, "counters"), 2) << "one private counter per process";
    EXPECT_EQ(fig(r, "largest_counter"), 2e6) << "each process saw only its own increments";
    EXPECT_EQ(fig(r, "actual_count"), 4e6);
    EXPECT_EQ(fig(r, "lost_updates"), 0) << "nothing is lost when nothing is shared";
    for (const auto& w : r.samples.back().workers)
        EXPECT_EQ(w.ops, 2'000'000u);
}

TEST(Counter, SharedProcessesNeedTheLockToo)
{
    const RunRecord racy = runToEnd(racingFor(Model::Processes, 0.4, true));
    EXPECT_GT(fig(racy, "lost_updates"), 0);
    const RunRecord locked = runToEnd(counterSpec(Model::Processes, Mutex, 5e5, true));
    EXPECT_EQ(fig(locked, "counters"), 1);
    EXPECT_EQ(fig(locked, "actual_count"), 1e6);
    EXPECT_EQ(fig(locked, "lost_updates"), 0);
}

// The debugging row: the same racy program gives a different answer each time.
TEST(Counter, RepeatedRacyRunsDisagree)
{
    const RunRecord a = runToEnd(racingFor(Model::Threads, 0.3));
    const RunRecord b = runToEnd(racingFor(Model::Threads, 0.3));
    const bool differ = fig(a, "actual_count") != fig(b, "actual_count");
    const bool bothShort = fig(a, "lost_updates") > 0 && fig(b, "lost_updates") > 0;
    EXPECT_TRUE(differ || bothShort);
}

// A run of a few milliseconds: the workers' start-up (a fork's page faults), and then
// their exit, once counted as work done in that window and showed more busy cores than
// the machine has (2.29 of 2). Each worker now reads its CPU clock inside its own start
// → end span, so the bound holds by construction. The one tolerance is the clocks':
// CLOCK_MONOTONIC may be slewed by NTP against the scheduler's clock by at most
// 500 ppm, i.e. 0.0005 of a core per worker; no tick enters either figure.
TEST(Counter, ShortRunsNeverShowMoreBusyCoresThanTheMachineHas)
{
    const int usable = readMachineInfo().usableCpus;
    for (Model model : {Model::Threads, Model::Processes})
        for (int i = 0; i < 5; ++i) {
            SCOPED_TRACE(toString(model));
            const RunRecord r = runToEnd(counterSpec(model, Atomic, 2e5, true));
            ASSERT_GT(r.summary.wallS, 0);
            const double bound = std::min(r.summary.workers, usable) * (1 + 5e-4);
            EXPECT_LE(r.summary.busyCoresMean, bound) << r.summary.wallS << " s";
            EXPECT_LE(r.summary.busyCoresMean, r.summary.cpuTimeS / r.summary.wallS);
        }
}

// The classroom's racy counter (tens of ms, ended before the engine's first tick at
// 100 ms, let alone a 2 Hz memory reading) reported "peak RSS 0 B". The engine reads
// memory with every worker at the barrier, before the leader opens it, so even a run
// this short has its figure.
TEST(Counter, ARunShorterThanOneMemoryReadingStillMeasuresMemory)
{
    for (Model model : {Model::Threads, Model::Processes}) {
        SCOPED_TRACE(toString(model));
        const RunRecord r = runToEnd(counterSpec(model, None, 2e6));
        ASSERT_TRUE(r.summary.peakRssBytes) << r.summary.wallS << " s";
        EXPECT_GT(*r.summary.peakRssBytes, 100'000u) << "the leader alone holds more";
        ASSERT_TRUE(r.summary.peakUssBytes);
        EXPECT_LE(*r.summary.peakUssBytes, *r.summary.peakRssBytes);
    }
}

// That reading is taken before the barrier opens, of every worker process. Read after the
// opening, it could come after the first worker had ended: with two busy workers on two
// cores the engine's thread may not get a CPU for their few ms of work (1 run in 40 had no
// peak RSS, more on a busy machine).
TEST(Counter, TheWindowsFirstMemoryReadingIsTakenBeforeTheBarrierOpens)
{
    for (Model model : {Model::Threads, Model::Processes}) {
        SCOPED_TRACE(toString(model));
        const RunRecord r = runToEnd(counterSpec(model, None, 2e6));
        const auto released = std::find_if(r.events.begin(), r.events.end(), [](const Event& e) {
            return e.kind == EventKind::AllRunning;
        });
        ASSERT_NE(released, r.events.end());
        const int processes = model == Model::Threads ? 1 : 3; // the leader and its children
        const bool readAtTheBarrier =
            std::any_of(r.samples.begin(), r.samples.end(), [&](const Sample& s) {
                return s.memory && s.t <= released->t && s.memory->processes == processes;
            });
        EXPECT_TRUE(readAtTheBarrier) << "barrier opened at " << released->t << " s";
        EXPECT_TRUE(r.summary.peakRssBytes);
    }
}
