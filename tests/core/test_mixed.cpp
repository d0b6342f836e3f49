#include <gtest/gtest.h>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;

namespace {

ExperimentSpec mixedSpec(Model model, int workers, double computeMs, double waitMs)
{
    ExperimentSpec s;
    s.workload = "mixed";
    s.model = model;
    s.workers = workers;
    s.durationS = 1.0;
    s.params = {{"compute-ms", computeMs}, {"wait-ms", waitMs}};
    return s;
}

} // namespace

// When a task mostly waits, four threads overlap their waits: on two cores they
// finish clearly more tasks than one (ideal 4×, the margin is for a busy machine).
TEST(Mixed, WaitDominatedTasksScaleWithThreads)
{
    const Summary one = runToEnd(mixedSpec(Model::Threads, 1, 1, 10)).summary;
    const Summary four = runToEnd(mixedSpec(Model::Threads, 4, 1, 10)).summary;
    ASSERT_GT(one.figures.at("tasks_per_s"), 0);
    EXPECT_GT(four.figures.at("tasks_per_s"), 1.5 * one.figures.at("tasks_per_s"));
    EXPECT_GT(one.figures.at("rounds_per_ms"), 0);
}

// In the event loop a task's compute holds up every other stream: 20 tasks in
// flight of 5 ms compute each cannot finish more than 200 tasks/s, however short
// the wait.
TEST(Mixed, AsyncComputeRunsOnTheLoopThread)
{
    const Summary s = runToEnd(mixedSpec(Model::Async, 20, 5, 1)).summary;
    EXPECT_EQ(s.workers, 1);
    EXPECT_EQ(s.figures.at("in_flight"), 20);
    EXPECT_LT(s.figures.at("tasks_per_s"), 1000.0 / 5 * 1.2);
    EXPECT_GT(s.figures.at("tasks_per_s"), 0);
}

// compute-ms is CPU time, not a count of rounds from a calibration that a busy
// machine can throw off: the loop thread's CPU time after the start covers 5 ms
// for every task it finished (one task may have begun before the start; 2 % for
// the schedstat reading).
TEST(Mixed, EveryTaskSpendsItsComputeMsOfCpuTime)
{
    const Summary s = runToEnd(mixedSpec(Model::Async, 20, 5, 1)).summary;
    ASSERT_GT(s.opsTotal, 10u);
    const double cpuAfterStartS = s.busyCoresMean * s.wallS;
    EXPECT_LE(static_cast<double>(s.opsTotal - 1) * 0.005, cpuAfterStartS * 1.02);
}
