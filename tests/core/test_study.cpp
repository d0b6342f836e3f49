// Studies plan and fold runs without a window and without running anything: the runs
// here are records made by hand, so every expected value follows from the inputs.
#include <gtest/gtest.h>

#include "spec/Rules.h"
#include "study/CompareStudy.h"
#include "study/RepeatStudy.h"
#include "study/SweepStudy.h"
#include "study/TableStudy.h"

namespace corelab {
namespace {

RunRecord runOf(ExperimentSpec spec, double opsPerS)
{
    EXPECT_FALSE(validate(spec)) << "test spec must be valid";
    RunRecord r;
    r.spec = spec;
    r.summary.wallS = 1;
    r.summary.opsPerS = opsPerS;
    r.summary.opsTotal = static_cast<std::uint64_t>(opsPerS);
    r.summary.workers = spec.totalWorkers();
    r.samples.resize(3); // a job of many runs must not keep these
    return r;
}

ExperimentSpec counterSpec(int workers, double increments)
{
    ExperimentSpec s;
    s.workload = "counter";
    s.workers = workers;
    s.params["increments"] = increments;
    return s;
}

RunRecord counterRun(const ExperimentSpec& spec, double finalCount)
{
    RunRecord r = runOf(spec, 1000);
    r.summary.figures["actual_count"] = finalCount;
    return r;
}

TEST(SpecRules, UnderAnotherModelAHybridGetsARealMixAndTheOthersOneThread)
{
    ExperimentSpec form;
    form.threadsPerProcess = 1;
    EXPECT_EQ(specUnderModel(form, Model::Hybrid).threadsPerProcess, 2);
    form.threadsPerProcess = 4;
    EXPECT_EQ(specUnderModel(form, Model::Hybrid).threadsPerProcess, 4);
    const ExperimentSpec p = specUnderModel(form, Model::Processes);
    EXPECT_EQ(p.model, Model::Processes);
    EXPECT_EQ(p.threadsPerProcess, 1);
}

TEST(CompareStudy, PlansTheFormUnderTwoModelsAndJudgesOnlyWhenBothRan)
{
    ExperimentSpec form;
    form.workers = 3;
    CompareStudy study = CompareStudy::ofModels(form, Model::Threads, Model::Hybrid);
    ASSERT_FALSE(study.error());
    ASSERT_EQ(study.steps(), 2);
    EXPECT_EQ(study.plan()[0].model, Model::Threads);
    EXPECT_EQ(study.plan()[1].model, Model::Hybrid);
    EXPECT_EQ(study.plan()[1].threadsPerProcess, 2);
    EXPECT_EQ(study.stepLabel(0), "A");
    EXPECT_EQ(study.stepLabel(1), "B");

    study.add(0, runOf(study.plan()[0], 1000));
    EXPECT_FALSE(study.comparison());
    study.add(1, runOf(study.plan()[1], 3000));
    ASSERT_TRUE(study.comparison());
    const Comparison& c = *study.comparison();
    EXPECT_EQ(c.a.summary.opsPerS, 1000);
    EXPECT_EQ(c.b.summary.opsPerS, 3000);
    EXPECT_EQ(c.a.samples.size(), 3u) << "a comparison file keeps both runs whole";
    ASSERT_FALSE(c.verdict.empty());
    EXPECT_EQ(c.verdict.front().aspect, "throughput");
    EXPECT_DOUBLE_EQ(c.verdict.front().ratio, 3.0);

    study.add(0, runOf(study.plan()[0], 2000)); // a new A does not pair with the old B
    EXPECT_FALSE(study.comparison());
}

TEST(CompareStudy, AnInvalidSideIsNamedAndNothingIsPlanned)
{
    ExperimentSpec bad;
    bad.workers = 0;
    const CompareStudy study(ExperimentSpec{}, bad);
    ASSERT_TRUE(study.error());
    EXPECT_EQ(study.error()->rfind("B (threads): workers", 0), 0u) << *study.error();
    EXPECT_EQ(study.steps(), 0);
}

TEST(SweepStudy, PlansEveryModelAtEveryCountAndFoldsEachModelApart)
{
    ExperimentSpec form;
    SweepStudy study(form, {Model::Threads, Model::Processes}, {1, 2}, 2);
    ASSERT_FALSE(study.error());
    ASSERT_EQ(study.steps(), 4);
    EXPECT_EQ(study.stepLabel(0), "threads ×1");
    EXPECT_EQ(study.stepLabel(3), "processes ×2");
    EXPECT_TRUE(study.series().empty());

    const double ops[] = {100, 150, 100, 200};
    for (int i = 0; i < study.steps(); ++i)
        study.add(i, runOf(study.plan()[static_cast<std::size_t>(i)], ops[i]));
    const auto series = study.series();
    ASSERT_EQ(series.size(), 2u);
    EXPECT_EQ(series[0].model, Model::Threads);
    EXPECT_EQ(series[1].model, Model::Processes);
    ASSERT_EQ(series[0].analysis.points.size(), 2u);
    EXPECT_DOUBLE_EQ(series[0].analysis.points[1].speedup, 1.5);
    EXPECT_DOUBLE_EQ(series[1].analysis.points[1].speedup, 2.0);
}

TEST(SweepStudy, LeavesOutWhatTheWorkloadRefusesAndSaysSo)
{
    ExperimentSpec pairs;
    pairs.workload = "pingpong";
    const SweepStudy study(pairs, {Model::Threads}, {1, 2, 3, 4}, 2);
    ASSERT_FALSE(study.error());
    ASSERT_EQ(study.steps(), 2);
    EXPECT_EQ(study.plan()[0].workers, 2);
    EXPECT_EQ(study.plan()[1].workers, 4);
    ASSERT_EQ(study.notes().size(), 1u);
    EXPECT_NE(study.notes()[0].find("left out 1, 3"), std::string::npos) << study.notes()[0];
}

TEST(SweepStudy, DefaultCountsGoToTwiceTheUsableCpus)
{
    EXPECT_EQ(defaultSweepCounts(3), (std::vector<int>{1, 2, 3, 4, 5, 6}));
}

TEST(RepeatStudy, KeepsFiguresNotSamplesAndBoundsTheCounterByWorkersTimesIncrements)
{
    const ExperimentSpec spec = counterSpec(2, 1000);
    RepeatStudy study(spec, 3);
    ASSERT_FALSE(study.error());
    ASSERT_EQ(study.steps(), 3);
    EXPECT_EQ(study.stepLabel(1), "run 2/3");
    const double counts[] = {2000, 1500, 1999};
    for (int i = 0; i < 3; ++i)
        study.add(i, counterRun(study.plan()[0], counts[i]));
    ASSERT_EQ(study.runs().size(), 3u);
    EXPECT_TRUE(study.runs()[0].samples.empty());

    const RepeatResult r = study.result();
    EXPECT_EQ(r.expected, 2 * 1000);
    EXPECT_EQ(r.workers, 2);
    EXPECT_EQ(r.increments, 1000);
    const FigureSpread* count = r.answer();
    ASSERT_NE(count, nullptr);
    EXPECT_EQ(count->name, "actual_count");
    EXPECT_TRUE(r.boundedByExpected(*count));
    EXPECT_EQ(r.reached(*count), 1);
    const Histogram h = r.histogram(*count);
    // only the runs that lost updates, in bins that end below the expected count; the
    // one that reached it is counted apart (reached), never in the same bar
    EXPECT_DOUBLE_EQ(h.lo + static_cast<double>(h.counts.size()) * h.binWidth, 2000);
    int total = 0;
    for (int c : h.counts)
        total += c;
    EXPECT_EQ(total, 2);
}

TEST(RepeatStudy, RunsOfDifferentCountsHaveNoExpectedCount)
{
    const RepeatResult r = repeatResult(
        {counterRun(counterSpec(2, 1000), 2000), counterRun(counterSpec(2, 500), 1000)});
    EXPECT_EQ(r.expected, 0);
    EXPECT_EQ(r.answer()->name, "ops_per_s");
}

TEST(RepeatStudy, AnyOtherWorkloadIsAboutThroughput)
{
    ExperimentSpec cpu;
    const RepeatResult r = repeatResult({runOf(cpu, 10), runOf(cpu, 30)});
    EXPECT_EQ(r.expected, 0);
    ASSERT_NE(r.answer(), nullptr);
    EXPECT_EQ(r.answer()->name, "ops_per_s");
    EXPECT_DOUBLE_EQ(r.answer()->spread.mean, 20);
}

Preset presetOf(const std::string& aspect, Model a, Model b)
{
    Preset p;
    p.aspect = aspect;
    p.figure = "throughput";
    p.a.model = a;
    p.b.model = b;
    p.a.durationS = p.b.durationS = 5;
    return p;
}

TEST(TableStudy, AlternatesAAndBInEveryRepeatAndMakesARowOnceBothSidesRan)
{
    TableStudy study({presetOf("CPU utilization", Model::Threads, Model::Processes),
                      presetOf("Memory usage", Model::Processes, Model::Threads)},
                     TableOptions{3, 0.3});
    ASSERT_FALSE(study.error());
    ASSERT_EQ(study.steps(), 12);
    for (int i = 0; i < 6; ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(study.step(i).row, 0);
        EXPECT_EQ(study.step(i).side, i % 2);
        EXPECT_EQ(study.step(i).repeat, i / 2);
        EXPECT_EQ(study.plan()[static_cast<std::size_t>(i)].model,
                  i % 2 ? Model::Processes : Model::Threads);
    }
    EXPECT_DOUBLE_EQ(study.plan()[0].durationS, 0.3);
    EXPECT_EQ(study.step(6).row, 1);
    EXPECT_EQ(study.stepLabel(3), "1/2 CPU utilization: processes, run 2/3");

    study.add(0, runOf(study.plan()[0], 100));
    EXPECT_TRUE(study.rows().empty()) << "one side alone makes no row";
    study.add(1, runOf(study.plan()[1], 200));
    study.add(2, runOf(study.plan()[2], 110));
    ASSERT_EQ(study.rows().size(), 1u);
    const TableRow& row = study.rows()[0];
    EXPECT_EQ(row.preset.aspect, "CPU utilization");
    EXPECT_EQ(row.a.runs, 2);
    EXPECT_DOUBLE_EQ(row.a.answer, 105);
    EXPECT_EQ(row.winner, "processes");
    ASSERT_TRUE(row.aRun && row.bRun);
    EXPECT_EQ(row.aRun->samples.size(), 3u) << "the row keeps one run of each side whole";
    EXPECT_DOUBLE_EQ(row.aRun->summary.opsPerS, 110);
}

// The row's picture shows the run nearest the median, not whichever came last, and once
// the plan moves to the next row only that run of each side keeps its samples.
TEST(TableStudy, EachSideKeepsItsMedianRunWholeAndTheOthersWithoutSamples)
{
    TableStudy study({presetOf("CPU utilization", Model::Threads, Model::Processes),
                      presetOf("Memory usage", Model::Processes, Model::Threads)},
                     TableOptions{3, 0.3});
    const double a[] = {105, 90, 130}, b[] = {200, 260, 180};
    for (int i = 0; i < 6; ++i)
        study.add(i, runOf(study.plan()[static_cast<std::size_t>(i)], i % 2 ? b[i / 2] : a[i / 2]));
    ASSERT_EQ(study.rows().size(), 1u);
    const TableRow& row = study.rows()[0];
    ASSERT_TRUE(row.aRun && row.bRun);
    EXPECT_DOUBLE_EQ(row.aRun->summary.opsPerS, 105);
    EXPECT_EQ(row.aRepeat, 1);
    EXPECT_DOUBLE_EQ(row.bRun->summary.opsPerS, 200);
    EXPECT_EQ(row.bRepeat, 1);
    EXPECT_EQ(row.aRun->samples.size(), 3u);

    study.add(6, runOf(study.plan()[6], 50));
    study.add(7, runOf(study.plan()[7], 60));
    ASSERT_EQ(study.rows().size(), 2u);
    EXPECT_DOUBLE_EQ(study.rows()[0].aRun->summary.opsPerS, 105) << "settled on the same run";
    EXPECT_EQ(study.rows()[0].aRun->samples.size(), 3u);
    EXPECT_EQ(study.rows()[1].bRepeat, 1);
}

// A speed-up row pictures a run at its most workers.
TEST(TableStudy, ASpeedUpRowsRepresentativeRunHasTheMostWorkers)
{
    Preset sweep = presetOf("Scalability", Model::Threads, Model::Processes);
    sweep.table.answer = TableAnswer::SpeedUp;
    sweep.table.workers = {1, 4};
    std::vector<RunRecord> runs;
    for (auto [workers, ops] :
         {std::pair{1, 100.0}, {4, 380.0}, {1, 101.0}, {4, 300.0}, {1, 99.0}, {4, 350.0}}) {
        ExperimentSpec s = sweep.a;
        s.workers = workers;
        runs.push_back(runOf(s, ops));
    }
    const std::size_t i = representativeRun(sweep, runs);
    EXPECT_EQ(runs[i].spec.workers, 4);
    EXPECT_DOUBLE_EQ(runs[i].summary.opsPerS, 350);
}

TEST(TableStudy, ASpeedUpRowRunsBothSidesAtEachCountInEveryRepeat)
{
    Preset sweep = presetOf("Scalability", Model::Threads, Model::Processes);
    sweep.table.answer = TableAnswer::SpeedUp;
    sweep.table.workers = {1, 2, 4};
    Preset apart = presetOf("Deadlock", Model::Threads, Model::Processes);
    apart.table.inTable = false;
    const TableStudy study({sweep, apart}, TableOptions{2, 0.3});
    ASSERT_EQ(study.presets().size(), 1u);
    ASSERT_EQ(study.notes().size(), 1u);
    EXPECT_NE(study.notes()[0].find("not a row of the table"), std::string::npos);
    ASSERT_EQ(study.steps(), 12);
    const int workers[] = {1, 1, 2, 2, 4, 4};
    for (int i = 0; i < 12; ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(study.plan()[static_cast<std::size_t>(i)].workers, workers[i % 6]);
        EXPECT_EQ(study.step(i).side, i % 2);
        EXPECT_EQ(study.step(i).repeat, i / 6);
    }
    EXPECT_EQ(study.stepLabel(5), "1/1 Scalability: processes \u00d74, run 1/2");
}

TEST(TableStudy, WithoutPresetsThereIsNothingToMeasure)
{
    const TableStudy study({}, tableOptions(false));
    ASSERT_TRUE(study.error());
    EXPECT_EQ(study.steps(), 0);
}

TEST(SingleRun, AnInvalidSpecIsRefusedWithItsField)
{
    ExperimentSpec bad;
    bad.durationS = -1;
    const SingleRun run(bad);
    ASSERT_TRUE(run.error());
    EXPECT_EQ(run.error()->rfind("duration", 0), 0u) << *run.error();
    EXPECT_EQ(run.steps(), 0);
}

} // namespace
} // namespace corelab
