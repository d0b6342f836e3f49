// The measured table's rows from hand-made runs: every expected value follows from the
// figures given here, not from a run.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "analysis/FigureWords.h"
#include "analysis/Table.h"
#include "spec/Preset.h"
#include "spec/Rules.h"

namespace corelab {
namespace {

Preset pairPreset(const std::string& aspect, const std::string& figure, const std::string& workload)
{
    Preset p;
    p.title = aspect;
    p.aspect = aspect;
    p.figure = figure;
    p.a.workload = p.b.workload = workload;
    p.a.model = Model::Threads;
    p.b.model = Model::Processes;
    return p;
}

// A quiet run: the machine was as busy as the workers.
RunRecord runOf(const ExperimentSpec& spec, double opsPerS)
{
    RunRecord r;
    r.spec = spec;
    r.machine.usableCpus = 2;
    r.summary.wallS = 1;
    r.summary.opsPerS = opsPerS;
    r.summary.workers = spec.totalWorkers();
    r.summary.busyCoresMean = std::min(2.0, static_cast<double>(spec.totalWorkers()));
    r.summary.machineBusyCoresMean = r.summary.busyCoresMean;
    return r;
}

std::vector<RunRecord> runsOf(const ExperimentSpec& spec, std::initializer_list<double> ops)
{
    std::vector<RunRecord> runs;
    for (double v : ops)
        runs.push_back(runOf(spec, v));
    return runs;
}

TEST(TableRow, RangesThatDoNotOverlapCallAWinnerAndItsAgreement)
{
    const Preset p = pairPreset("CPU utilization", "throughput", "cpu");
    const TableRow row = tableRow(p, runsOf(p.a, {100, 110, 105}), runsOf(p.b, {190, 200, 210}));
    EXPECT_EQ(row.a.label, "threads");
    EXPECT_DOUBLE_EQ(row.a.answer, 105);
    EXPECT_DOUBLE_EQ(row.a.lo, 100);
    EXPECT_DOUBLE_EQ(row.a.hi, 110);
    EXPECT_DOUBLE_EQ(row.b.answer, 200);
    EXPECT_EQ(row.winner, "processes");
    ASSERT_TRUE(row.claim);
    EXPECT_EQ(row.claim->whenItWins, "Processes for computation");
    EXPECT_EQ(row.agreement, Agreement::Agrees);
    EXPECT_EQ(row.reason, "") << "an agreeing row on a quiet machine needs no excuse";
    EXPECT_EQ(sideText(row, row.b), "200 ops/s (190 ops/s \u2013 210 ops/s, 3 runs)");
}

TEST(TableRow, ADifferenceBelowThePrintedDigitsIsATie)
{
    // 289.1 and 289.3 MiB both print as "289 MiB": no winner can be read off them
    const Preset p = pairPreset("Memory usage", "peak PSS", "memory");
    std::vector<RunRecord> a = runsOf(p.a, {1, 1}), b = runsOf(p.b, {1, 1});
    for (RunRecord& r : a)
        r.summary.peakPssBytes = static_cast<std::uint64_t>(289.1 * 1048576);
    for (RunRecord& r : b)
        r.summary.peakPssBytes = static_cast<std::uint64_t>(289.3 * 1048576);
    const TableRow row = tableRow(p, a, b);
    EXPECT_EQ(row.winner, "");
    EXPECT_EQ(row.agreement, Agreement::Tie);
}

TEST(TableRow, OverlappingRangesAreATieWhateverTheMedians)
{
    // medians 1.5× apart, but one slow B run reaches into A's range
    const Preset p = pairPreset("CPU utilization", "throughput", "cpu");
    const TableRow row = tableRow(p, runsOf(p.a, {100, 100, 104}), runsOf(p.b, {102, 150, 160}));
    EXPECT_EQ(row.winner, "");
    EXPECT_EQ(row.agreement, Agreement::Tie);
    EXPECT_NE(row.reason.find("the ranges overlap"), std::string::npos) << row.reason;
    EXPECT_NE(row.reason.find("within run-to-run spread"), std::string::npos) << row.reason;
}

TEST(TableRow, AWinnerAgainstTheArticleDiffersAndSaysTheRangesArePart)
{
    const Preset p = pairPreset("Context switching", "throughput", "cpu");
    const TableRow row = tableRow(p, runsOf(p.a, {100, 101}), runsOf(p.b, {300, 310}));
    EXPECT_EQ(row.winner, "processes");
    EXPECT_EQ(row.agreement, Agreement::Differs);
    EXPECT_NE(row.reason.find("do not overlap"), std::string::npos) << row.reason;
    EXPECT_NE(row.reason.find("no other load"), std::string::npos) << row.reason;
}

TEST(TableRow, OtherLoadThatTookTheWorkersCoresIsSaidOnEveryRow)
{
    const Preset p = pairPreset("CPU utilization", "throughput", "cpu");
    std::vector<RunRecord> a = runsOf(p.a, {100, 100, 100});
    std::vector<RunRecord> b = runsOf(p.b, {90, 95, 99});
    b[1].summary.machineBusyCoresMean = b[1].summary.busyCoresMean + 1.2; // another program
    const TableRow row = tableRow(p, a, b);
    EXPECT_EQ(row.agreement, Agreement::Differs);
    EXPECT_EQ(row.b.crowdedRuns, 1);
    EXPECT_NEAR(row.b.otherLoad, 1.2, 1e-9);
    EXPECT_EQ(row.a.crowdedRuns, 0);
    EXPECT_NE(row.reason.find("1.2 cores busy during 1 of 3 runs of processes"), std::string::npos)
        << row.reason;
    EXPECT_NE(row.reason.find("measured under load"), std::string::npos) << row.reason;
    EXPECT_EQ(row.reason.find("no other load"), std::string::npos) << row.reason;
}

TEST(TableRow, ARunWithoutAMemoryReadingIsNamedAndNotJudged)
{
    const Preset p = pairPreset("Memory usage", "peak PSS", "memory");
    std::vector<RunRecord> a = runsOf(p.a, {1, 1}), b = runsOf(p.b, {1, 1});
    a[0].summary.peakPssBytes = a[1].summary.peakPssBytes = 100u << 20;
    b[0].summary.peakPssBytes = 400u << 20; // b[1] had no reading in its window
    TableRow row = tableRow(p, a, b);
    EXPECT_EQ(row.winner, "threads");
    EXPECT_EQ(row.b.unmeasured, 1);
    EXPECT_NE(row.reason.find("1 of 2 processes runs were too short for a memory sample"),
              std::string::npos)
        << row.reason;
    b[0].summary.peakPssBytes.reset();
    row = tableRow(p, a, b);
    EXPECT_EQ(row.agreement, Agreement::NotMeasured);
    EXPECT_EQ(sideText(row, row.b), "not measured in 2 runs");
    EXPECT_NE(row.reason.find("2 of 2 processes runs were too short"), std::string::npos)
        << row.reason;
}

TEST(TableRow, AMemoryFigureKeepsTheRunLongEnoughForAReading)
{
    Preset p = pairPreset("Memory usage", "peak PSS", "memory");
    p.a.durationS = 4;
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, 0.3).durationS, kMemoryReadingS);
    p.figure = "throughput";
    EXPECT_DOUBLE_EQ(tableSpec(p, p.a, 0.3).durationS, 0.3);
}

RunRecord counterRun(const ExperimentSpec& spec, double total, bool complete = true)
{
    RunRecord r = runOf(spec, 1000);
    r.summary.figures["actual_count"] = total;
    r.summary.figures["expected_count"] = 2000;
    r.summary.figures["complete"] = complete ? 1 : 0;
    return r;
}

TEST(TableRow, DebuggingCountsDistinctOutcomesOfFinishedRuns)
{
    Preset p = pairPreset("Debugging", "actual_count", "counter");
    p.table.answer = TableAnswer::Distinct;
    const std::vector<RunRecord> threads = {counterRun(p.a, 1500), counterRun(p.a, 1720),
                                            counterRun(p.a, 1500), counterRun(p.a, 1890)};
    std::vector<RunRecord> processes = {counterRun(p.b, 2000), counterRun(p.b, 2000),
                                        counterRun(p.b, 2000), counterRun(p.b, 1200, false)};
    TableRow row = tableRow(p, threads, processes);
    EXPECT_DOUBLE_EQ(row.a.answer, 3);
    EXPECT_DOUBLE_EQ(row.b.answer, 1) << "an unfinished run stopped anywhere: not an outcome";
    EXPECT_EQ(row.b.unmeasured, 1);
    EXPECT_EQ(row.winner, "processes");
    EXPECT_EQ(row.agreement, Agreement::Agrees);
    EXPECT_EQ(row.unit, "outcomes");
    EXPECT_NE(row.reason.find("ended before their workers finished counting"), std::string::npos)
        << row.reason;
    // threads that never overlapped give one total too: a tie, and the reason says so
    const std::vector<RunRecord> lucky = {counterRun(p.a, 2000), counterRun(p.a, 2000)};
    row = tableRow(p, lucky, {processes[0], processes[1]});
    EXPECT_EQ(row.agreement, Agreement::Tie);
    EXPECT_NE(row.reason.find("every threads run reached all 2,000 increments"), std::string::npos)
        << row.reason;
    // threads that lost the same updates every time tie as well, and are not called lossless
    const std::vector<RunRecord> same = {counterRun(p.a, 1000), counterRun(p.a, 1000)};
    row = tableRow(p, same, {processes[0], processes[1]});
    EXPECT_EQ(row.agreement, Agreement::Tie);
    EXPECT_NE(row.reason.find("every threads run ended on 1,000 increments of 2,000"),
              std::string::npos)
        << row.reason;
    EXPECT_EQ(row.reason.find("every threads run reached"), std::string::npos) << row.reason;
}

TEST(TableRow, ScalabilityIsTheSpeedUpFromTheFewestToTheMostWorkers)
{
    Preset p = pairPreset("Scalability", "throughput", "cpu");
    p.table.answer = TableAnswer::SpeedUp;
    p.table.workers = {1, 2, 4};
    auto at = [](ExperimentSpec s, int n, double ops) {
        s.workers = n;
        return runOf(s, ops);
    };
    // two repeats: threads flat under the lock, processes rising to the two cores
    const std::vector<RunRecord> threads = {at(p.a, 1, 100), at(p.a, 2, 100), at(p.a, 4, 90),
                                            at(p.a, 1, 100), at(p.a, 2, 98),  at(p.a, 4, 110)};
    const std::vector<RunRecord> processes = {at(p.b, 1, 100), at(p.b, 2, 190), at(p.b, 4, 196),
                                              at(p.b, 1, 100), at(p.b, 2, 200), at(p.b, 4, 180)};
    const TableRow row = tableRow(p, threads, processes);
    ASSERT_EQ(row.a.values.size(), 2u);
    EXPECT_DOUBLE_EQ(row.a.lo, 0.9);
    EXPECT_DOUBLE_EQ(row.a.hi, 1.1);
    EXPECT_DOUBLE_EQ(row.b.lo, 1.8);
    EXPECT_DOUBLE_EQ(row.b.hi, 1.96);
    ASSERT_EQ(row.b.sweep.size(), 3u);
    EXPECT_EQ(row.b.sweep[1].first, 2);
    EXPECT_DOUBLE_EQ(row.b.sweep[1].second, 195);
    EXPECT_EQ(row.winner, "processes");
    EXPECT_EQ(row.agreement, Agreement::Agrees);
    EXPECT_EQ(row.figure, "speed-up of throughput from 1 to 4 workers");
    EXPECT_EQ(sideText(row, row.a), "1.0\u00d7 (0.90\u00d7 \u2013 1.1\u00d7, 2 repeats)");
}

TEST(TableRow, StartupClaimsThreadsForTheThreadMethodAndSameModelRowsFindTheirSide)
{
    Preset p = pairPreset("Startup cost", "create_p50_us", "spawn");
    p.a.model = p.b.model = Model::Threads;
    p.a.params["method"] = 0; // thread
    p.b.params["method"] = 1; // fork
    std::vector<RunRecord> a = runsOf(p.a, {1, 1}), b = runsOf(p.b, {1, 1});
    for (RunRecord& r : a)
        r.summary.figures["create_p50_us"] = 15;
    for (RunRecord& r : b)
        r.summary.figures["create_p50_us"] = 900;
    const TableRow row = tableRow(p, a, b);
    EXPECT_EQ(row.figure, "median time to create");
    EXPECT_EQ(row.winner, "threads (pthread_create)");
    EXPECT_EQ(row.agreement, Agreement::Agrees);
    EXPECT_EQ(row.headline.rfind("threads (pthread_create) ", 0), 0u) << row.headline;
    EXPECT_NE(row.headline.find(": 60\u00d7"), std::string::npos) << row.headline;

    Preset many = pairPreset("Too many workers", "throughput", "cpu");
    many.a.model = many.b.model = Model::Threads;
    many.a.workers = 2;
    many.b.workers = 16;
    const TableRow fewer = tableRow(many, runsOf(many.a, {200, 210}), runsOf(many.b, {150, 160}));
    EXPECT_EQ(fewer.winner, "2 workers");
    EXPECT_EQ(fewer.agreement, Agreement::Agrees);
}

TEST(TableRow, JsonHasTheQuotedClaimBothSidesWithSpreadWinnerAgreementAndReason)
{
    const Preset p = pairPreset("CPU utilization", "throughput", "cpu");
    const TableRow row = tableRow(p, runsOf(p.a, {100, 104}), runsOf(p.b, {102, 150}));
    const nlohmann::json j = tableJson({row});
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0]["claim"]["multithreading"], "Limited (GIL in some languages)");
    EXPECT_EQ(j[0]["claim"]["quoted_from"], "the article's table");
    EXPECT_EQ(j[0]["a"]["min"], 100);
    EXPECT_EQ(j[0]["a"]["max"], 104);
    EXPECT_EQ(j[0]["b"]["values"].size(), 2u);
    EXPECT_TRUE(j[0]["winner"].is_null());
    EXPECT_EQ(j[0]["agreement"], "tie");
    EXPECT_FALSE(j[0]["reason"].get<std::string>().empty());
}

// The CLI's text and JSON, the Table tab and the report all print TableRow::figure: every
// row of the presets names its figure as analysis/FigureWords does (as the Compare tab
// and the answer do), never by its key.
TEST(TableRow, EveryPresetRowNamesItsFigureInFigureWords)
{
    int rows = 0;
    for (const std::string& file : presetFiles(CORELAB_PRESETS_DIR)) {
        const Preset p = loadPreset(file);
        if (!p.table.inTable) continue;
        ++rows;
        const std::string key = answeringFigure(p.a.workload, p.figure);
        const std::string words = figureWords(key);
        const TableRow row = tableRow(p, {}, {});
        if (p.table.answer == TableAnswer::Median)
            EXPECT_EQ(row.figure, words) << file;
        else // "distinct actual counts over the repeats", "speed-up of throughput from …"
            EXPECT_NE(row.figure.find(" " + words), std::string::npos)
                << file << ": " << row.figure << " lacks " << words;
        EXPECT_EQ(row.figure.find(key), std::string::npos) << file << ": " << row.figure;
        EXPECT_EQ(row.figure.find('_'), std::string::npos) << file << ": " << row.figure;
        EXPECT_EQ(tableJson({row})[0]["figure"], row.figure) << file;
    }
    EXPECT_GE(rows, 10);
}

TEST(ArticleClaims, TenTableRowsQuotedAndFoundIgnoringCase)
{
    int rows = 0;
    for (const ArticleClaim& c : articleClaims())
        rows += !c.row.empty();
    EXPECT_EQ(rows, 10);
    ASSERT_TRUE(findClaim("i/o PERFORMANCE"));
    EXPECT_EQ(findClaim("I/O performance")->winner, "threads");
    EXPECT_FALSE(findClaim("Deadlock"));
}

} // namespace
} // namespace corelab
