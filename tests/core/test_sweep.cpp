#include <gtest/gtest.h>

#include <cmath>

#include "RunHelpers.h"
#include "analysis/Sweep.h"
#include "probe/MachineInfo.h"
#include "study/SweepStudy.h"

using namespace corelab;
using namespace corelab::test;

TEST(Sweep, AmdahlFitRecoversAKnownSerialFraction)
{
    std::vector<std::pair<int, double>> points;
    for (int n : {1, 2, 4, 8})
        points.emplace_back(n, 1.0 / (0.2 + 0.8 / n));
    EXPECT_NEAR(fitAmdahl(points), 0.2, 1e-4);
    EXPECT_NEAR(fitAmdahl({{1, 1.0}, {2, 2.0}, {4, 4.0}}), 0.0, 1e-4);
    EXPECT_NEAR(fitAmdahl({{1, 1.0}, {2, 1.0}, {4, 1.0}}), 1.0, 1e-4);
}

TEST(Sweep, FindsWhereMoreWorkersStopHelpingAndStartHurting)
{
    const SweepAnalysis a = analyseSweep({{3, 190}, {1, 100}, {2, 195}, {4, 150}}, 2);
    ASSERT_EQ(a.points.size(), 4u);
    EXPECT_EQ(a.points[0].workers, 1);
    EXPECT_DOUBLE_EQ(a.points[1].speedup, 1.95);
    EXPECT_DOUBLE_EQ(a.points[1].efficiency, 0.975);
    EXPECT_EQ(a.stopsHelpingAt, 3);
    EXPECT_EQ(a.startsHurtingAt, 4);
    EXPECT_EQ(a.fittedPoints, 2) << "only counts up to the usable CPUs";
}

// On two cores, CPU-bound workers past two share the cores: efficiency falls.
TEST(Sweep, EfficiencyFallsPastTheCoreCount)
{
    if (readMachineInfo().usableCpus != 2) GTEST_SKIP() << "written for a two-core machine";
    std::vector<std::pair<int, double>> measured;
    for (int n = 1; n <= 4; ++n) {
        const RunRecord r = runToEnd(cpuSpec(Model::Processes, n, 0.7));
        // efficiency compares the counts with each other: another program that takes a
        // core during one of them (the one-worker run most of all) bends the curve
        if (otherBusyCores(r.summary) > kBusyMachineCores)
            GTEST_SKIP() << "other programs kept " << otherBusyCores(r.summary)
                         << " cores busy during the " << n << "-worker run";
        measured.emplace_back(n, r.summary.opsPerS);
    }
    const SweepAnalysis a = analyseSweep(measured, 2);
    EXPECT_LT(a.points[3].efficiency, 0.75) << "4 workers on 2 cores";
    EXPECT_LT(a.points[3].efficiency, a.points[1].efficiency * 0.8);
    EXPECT_TRUE(a.stopsHelpingAt.has_value());
    EXPECT_LE(*a.stopsHelpingAt, 4);
}

TEST(Sweep, OnlyASweepFromOneWorkerIsFittedToAmdahl)
{
    const SweepAnalysis from2 = analyseSweep({{2, 100}, {3, 140}, {4, 170}}, 4);
    EXPECT_EQ(from2.fittedPoints, 0);
    EXPECT_DOUBLE_EQ(from2.points[1].speedup, 1.4);
    EXPECT_DOUBLE_EQ(from2.points[1].efficiency, 1.4 / 1.5);
    const SweepAnalysis from1 = analyseSweep({{1, 100}, {2, 180}, {3, 240}}, 4);
    EXPECT_EQ(from1.fittedPoints, 3);
}

// A sweep runs only what the workload takes: odd counts of a workload of pairs are
// left out and named, a model it never runs is refused, and a hybrid sweep keeps
// its threads per process.
TEST(Sweep, PlanLeavesOutCountsTheWorkloadRefuses)
{
    ExperimentSpec pairs;
    pairs.workload = "pingpong";
    const SweepPlan plan = planSweep(pairs, {Model::Threads, Model::Processes}, {1, 2, 3, 4});
    ASSERT_FALSE(plan.error) << *plan.error;
    std::vector<std::pair<Model, int>> runs;
    for (const ExperimentSpec& s : plan.specs)
        runs.emplace_back(s.model, s.workers);
    const std::vector<std::pair<Model, int>> expected = {
        {Model::Threads, 2}, {Model::Threads, 4}, {Model::Processes, 2}, {Model::Processes, 4}};
    EXPECT_EQ(runs, expected);
    ASSERT_EQ(plan.notes.size(), 1u); // the same reason for both models: one line
    EXPECT_EQ(plan.notes[0].rfind("threads, processes: left out 1, 3 (", 0), 0u) << plan.notes[0];
    EXPECT_NE(plan.notes[0].find("even"), std::string::npos) << plan.notes[0];

    ExperimentSpec memory;
    memory.workload = "memory";
    const SweepPlan refused = planSweep(memory, {Model::Threads, Model::Async}, {1, 2});
    ASSERT_TRUE(refused.error);
    EXPECT_EQ(refused.error->rfind("async: ", 0), 0u) << *refused.error;

    ExperimentSpec hybrid;
    hybrid.workload = "cpu";
    hybrid.model = Model::Hybrid;
    hybrid.threadsPerProcess = 2;
    const SweepPlan h = planSweep(hybrid, {Model::Hybrid}, {1, 2});
    ASSERT_EQ(h.specs.size(), 2u);
    EXPECT_EQ(h.specs[1].threadsPerProcess, 2);
    EXPECT_EQ(h.specs[1].totalWorkers(), 4);
}
