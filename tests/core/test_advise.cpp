#include <gtest/gtest.h>

#include "study/AdviseStudy.h"

using namespace corelab;

namespace {

RunRecord run(Model model, double tasksPerS, double otherCores = 0)
{
    RunRecord r;
    r.spec.workload = "mixed";
    r.spec.model = model;
    r.summary.figures["tasks_per_s"] = tasksPerS;
    r.summary.opsTotal = static_cast<std::uint64_t>(tasksPerS);
    r.summary.wallS = 1;
    r.summary.cpuTimeS = tasksPerS * 0.002; // 2 ms of CPU per task
    r.summary.peakPssBytes = 8u << 20;
    r.summary.workers = 8;
    r.machine.usableCpus = 2;
    // other programs' busy cores = machine busy − the workers' own
    r.summary.busyCoresMean = 0.5;
    r.summary.machineBusyCoresMean = 0.5 + otherCores;
    return r;
}

} // namespace

TEST(Advise, PlansEveryModelInterleaved)
{
    AdviseQuestion q;
    q.repeats = 2;
    AdviseStudy study(q);
    ASSERT_FALSE(study.error());
    ASSERT_EQ(study.steps(), 8);
    const Model order[] = {Model::Threads, Model::Processes, Model::Hybrid, Model::Async};
    for (int i = 0; i < 8; ++i)
        EXPECT_EQ(study.plan()[static_cast<std::size_t>(i)].model, order[i % 4]) << i;
    EXPECT_EQ(study.plan()[2].totalWorkers(), q.tasks) << "hybrid keeps the task count";
    EXPECT_TRUE(study.plan()[0].interpreterLock);
    EXPECT_EQ(study.plan()[0].params.at("compute-ms"), q.computeMs);
}

TEST(Advise, NamesAWinnerOnlyWhenItsSlowestRunBeatsEveryOtherFastest)
{
    AdviseQuestion q;
    std::vector<RunRecord> runs = {run(Model::Threads, 100), run(Model::Processes, 300),
                                   run(Model::Hybrid, 200),  run(Model::Async, 90),
                                   run(Model::Threads, 110), run(Model::Processes, 320),
                                   run(Model::Hybrid, 210),  run(Model::Async, 95)};
    AdviseAnswer a = adviseAnswer(q, runs);
    ASSERT_TRUE(a.best);
    EXPECT_EQ(a.models[*a.best].model, Model::Processes);
    EXPECT_NE(a.sentence.find("processes"), std::string::npos) << a.sentence;
    EXPECT_NEAR(a.models[0].cpuMsPerTask.median, 2.0, 1e-9);
    EXPECT_NEAR(a.models[0].pssPerTaskBytes.median, (8 << 20) / 8.0, 1e-6);

    runs.push_back(run(Model::Hybrid, 305)); // hybrid's best run reaches processes' slowest
    a = adviseAnswer(q, runs);
    EXPECT_FALSE(a.best);
    ASSERT_EQ(a.tied.size(), 2u);
    EXPECT_EQ(a.models[a.tied[0]].model, Model::Processes);
    EXPECT_EQ(a.models[a.tied[1]].model, Model::Hybrid);
    EXPECT_NE(a.sentence.find("No single winner"), std::string::npos) << a.sentence;
}

TEST(Advise, SaysWhenOtherProgramsTookTheCores)
{
    AdviseQuestion q;
    const AdviseAnswer quiet =
        adviseAnswer(q, {run(Model::Threads, 100), run(Model::Processes, 300)});
    EXPECT_EQ(quiet.sentence.find("Other programs"), std::string::npos) << quiet.sentence;
    const AdviseAnswer busy =
        adviseAnswer(q, {run(Model::Threads, 100, 1.2), run(Model::Processes, 300)});
    EXPECT_NE(busy.sentence.find("Other programs"), std::string::npos) << busy.sentence;
    EXPECT_FALSE(adviseAnswer(q, {}).best);
}
