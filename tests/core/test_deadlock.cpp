#include <gtest/gtest.h>

#include <algorithm>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;

namespace {

ExperimentSpec deadlockSpec(Model model)
{
    ExperimentSpec s;
    s.workload = "deadlock";
    s.model = model;
    s.workers = 2;
    s.durationS = 60; // far longer than the test may take: only the stall may end it
    s.params = {{"safe", 0.2}, {"hold-ms", 1}};
    return s;
}

int leaderPid(const RunRecord& r)
{
    for (const auto& e : r.events)
        if (e.kind == EventKind::LeaderSpawned) return std::atoi(e.detail.c_str() + 4); // "pid N"
    return 0;
}

void expectStallEndsTheRun(Model model)
{
    const auto start = std::chrono::steady_clock::now();
    const RunRecord r = runToEnd(deadlockSpec(model));
    // 0.2 s safe phase + 2 s without progress + 2 s grace, with room for a busy machine
    EXPECT_LT(elapsedS(start), 15);
    const bool stalled = std::any_of(r.events.begin(), r.events.end(),
                                     [](const Event& e) { return e.kind == EventKind::Stalled; });
    EXPECT_TRUE(stalled);
    EXPECT_GT(r.summary.opsTotal, 0u) << "progress before the stall";
    EXPECT_GE(r.summary.figures.at("workers_stuck"), 1);
    EXPECT_GT(r.summary.figures.at("no_progress_s"), 1.5);
    ASSERT_GT(leaderPid(r), 0);
    EXPECT_TRUE(processesInGroup(leaderPid(r)).empty());
    // the engine killed them: stopped by CoreLab, not crashed, and no bare "error"
    EXPECT_EQ(r.summary.workersCrashed, 0);
    EXPECT_EQ(static_cast<double>(r.summary.workersKilled), r.summary.figures.at("workers_stuck"));
    for (const auto& e : r.events) {
        EXPECT_NE(e.kind, EventKind::WorkerCrashed) << "w" << e.worker << " " << e.detail;
        EXPECT_NE(e.kind, EventKind::Error) << e.detail;
    }
    EXPECT_TRUE(std::any_of(r.events.begin(), r.events.end(), [](const Event& e) {
        return e.kind == EventKind::Stalled && e.detail.starts_with("stopped by CoreLab after");
    }));
    EXPECT_EQ(r.samples.back().workers.front().state, '#');
}

} // namespace

TEST(Deadlock, ThreadsStallAndTheEngineEndsTheRun)
{
    expectStallEndsTheRun(Model::Threads);
}

TEST(Deadlock, ProcessesStallAndNoProcessRemains)
{
    expectStallEndsTheRun(Model::Processes);
}

TEST(Deadlock, OneWorkerCannotDeadlock)
{
    ExperimentSpec s = deadlockSpec(Model::Threads);
    s.workers = 1;
    EXPECT_TRUE(validate(s).has_value());
}
