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

// The window and the command line read the numbers through the same table.
TEST(Advise, FieldsTakeTheCommandLinesRanges)
{
    AdviseQuestion q;
    for (const AdviseFieldInfo& f : adviseFields()) {
        ASSERT_NE(findAdviseField(f.flag), nullptr) << f.flag;
        EXPECT_EQ(findAdviseField(f.flag)->field, f.field) << f.flag;
        EXPECT_TRUE(setAdviseField(q, f.field, "")) << f.flag << ": empty is not a number";
        EXPECT_TRUE(setAdviseField(q, f.field, "lots")) << f.flag;
    }
    EXPECT_EQ(findAdviseField("--frobnicate"), nullptr);

    const auto tooFew = setAdviseField(q, AdviseField::Tasks, "0");
    ASSERT_TRUE(tooFew);
    EXPECT_NE(tooFew->find("'0' is not a task count (1 … 512)"), std::string::npos) << *tooFew;
    EXPECT_FALSE(setAdviseField(q, AdviseField::Tasks, "512"));
    EXPECT_EQ(q.tasks, 512);
    EXPECT_TRUE(setAdviseField(q, AdviseField::Tasks, "513"));
    EXPECT_EQ(q.tasks, 512) << "a refused value leaves the question as it was";
    EXPECT_TRUE(setAdviseField(q, AdviseField::Repeats, "2.5")) << "a count is whole";
    EXPECT_FALSE(setAdviseField(q, AdviseField::Duration, "0.5s"));
    EXPECT_EQ(q.runS, 0.5);
    EXPECT_TRUE(setAdviseField(q, AdviseField::Duration, "0.1"));
    EXPECT_TRUE(setAdviseField(q, AdviseField::ComputeMs, "-1"));
    EXPECT_TRUE(setAdviseField(q, AdviseField::WaitMs, "1001"));
    EXPECT_TRUE(setAdviseField(q, AdviseField::WaitMs, "nan"));

    EXPECT_FALSE(checkAdviseQuestion(q));
    EXPECT_FALSE(setAdviseField(q, AdviseField::ComputeMs, "0"));
    EXPECT_FALSE(setAdviseField(q, AdviseField::WaitMs, "0"));
    ASSERT_TRUE(checkAdviseQuestion(q));
    EXPECT_NE(checkAdviseQuestion(q)->find("no work"), std::string::npos);
}

TEST(Advise, ArticleQuestionsSayWhichKindAndWhetherTheMeasurementAgrees)
{
    const std::vector<RunRecord> processesWin = {run(Model::Threads, 100),
                                                 run(Model::Processes, 300)};
    AdviseQuestion cpu;
    cpu.computeMs = 8;
    cpu.waitMs = 2;
    auto lines = articleQuestions(cpu, adviseAnswer(cpu, processesWin));
    ASSERT_EQ(lines.size(), 4u) << "the article's four questions";
    EXPECT_EQ(lines[0].rfind("Is the task CPU-bound? Yes: it computes 80 %", 0), 0u) << lines[0];
    EXPECT_NE(lines[0].find("interpreter lock"), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find("agrees"), std::string::npos) << lines[0];
    EXPECT_EQ(lines[1].rfind("Is the task I/O-bound? No", 0), 0u) << lines[1];
    EXPECT_NE(lines[2].find("isolation"), std::string::npos);
    EXPECT_NE(lines[3].find("communication"), std::string::npos);

    AdviseQuestion io;
    io.computeMs = 1;
    io.waitMs = 9;
    lines = articleQuestions(io, adviseAnswer(io, processesWin));
    EXPECT_EQ(lines[0].rfind("Is the task CPU-bound? No", 0), 0u) << lines[0];
    EXPECT_EQ(lines[1].rfind("Is the task I/O-bound? Yes: it waits 90 %", 0), 0u) << lines[1];
    EXPECT_NE(lines[1].find("differs"), std::string::npos) << "threads were measured slower";

    // overlapping ranges: a tie, which says whether the article's model is in it
    const std::vector<RunRecord> close = {run(Model::Threads, 300), run(Model::Threads, 310),
                                          run(Model::Processes, 305)};
    lines = articleQuestions(io, adviseAnswer(io, close));
    EXPECT_NE(lines[1].find("a tie that includes threads"), std::string::npos) << lines[1];
}
