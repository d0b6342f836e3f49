#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "RunHelpers.h"
#include "analysis/Compare.h"
#include "probe/MachineInfo.h"
#include "record/SampleSpool.h"

using namespace corelab;
using namespace corelab::test;

namespace {

RunRecord record(Model model, double opsPerS, double busyCores, std::uint64_t pssBytes)
{
    RunRecord r;
    r.spec.model = model;
    r.summary.opsPerS = opsPerS;
    r.summary.wallS = 1;
    r.summary.workers = 2;
    r.summary.busyCoresMean = busyCores;
    r.summary.peakRssBytes = r.summary.peakPssBytes = r.summary.peakUssBytes = pssBytes;
    return r;
}

const VerdictRow& row(const std::vector<VerdictRow>& rows, const std::string& aspect)
{
    for (const auto& r : rows)
        if (r.aspect == aspect) return r;
    throw std::runtime_error("no row " + aspect);
}

} // namespace

TEST(Compare, TheWinnerAndRatioComeFromTheNumbers)
{
    const auto rows = compareRuns(record(Model::Threads, 4e6, 1.0, 8 << 20),
                                  record(Model::Processes, 7.6e6, 1.9, 16 << 20));
    const VerdictRow& t = row(rows, "throughput");
    EXPECT_EQ(t.winner, "processes");
    EXPECT_DOUBLE_EQ(t.ratio, 1.9);
    EXPECT_NE(t.sentence.find("1.9×"), std::string::npos) << t.sentence;
    EXPECT_NE(t.sentence.find("1.0 cores busy"), std::string::npos) << t.sentence;
    const VerdictRow& m = row(rows, "peak PSS");
    EXPECT_EQ(m.winner, "threads") << "less memory is better";
    EXPECT_NE(m.sentence.find("2.0×"), std::string::npos) << m.sentence;
}

TEST(Compare, MemoryOfAGibibyteOrMoreIsWrittenInGiB)
{
    const auto rows = compareRuns(record(Model::Threads, 1e6, 1, 256ull << 20),
                                  record(Model::Processes, 1e6, 1, 3ull << 30));
    const VerdictRow& m = row(rows, "peak RSS");
    EXPECT_NE(m.sentence.find("threads 256 MiB, processes 3.00 GiB"), std::string::npos)
        << m.sentence;
    EXPECT_EQ(m.sentence.find("k MiB"), std::string::npos) << m.sentence;
}

TEST(Compare, SmallDifferencesAreTies)
{
    const auto rows = compareRuns(record(Model::Threads, 1.00e6, 1, 1 << 20),
                                  record(Model::Processes, 1.05e6, 1, 1 << 20));
    EXPECT_EQ(row(rows, "throughput").winner, "");
    EXPECT_NE(row(rows, "throughput").sentence.find("About the same"), std::string::npos);
}

TEST(Compare, SameModelRunsAreCalledAAndB)
{
    const auto rows =
        compareRuns(record(Model::Threads, 1e6, 1, 1), record(Model::Threads, 3e6, 1, 1));
    EXPECT_EQ(row(rows, "throughput").winner, "B");
}

TEST(Compare, SameModelRunsAreNamedByWhatSetsThemApart)
{
    RunRecord a = record(Model::Threads, 1e6, 1, 1), b = record(Model::Threads, 3e6, 1, 1);
    a.spec.workload = b.spec.workload = "spawn";
    a.spec.params = {{"method", 0}, {"parent-mib", 0}};
    b.spec.params = {{"method", 1}, {"parent-mib", 0}};
    // in words (the choice's own), not "method=thread vs method=fork"
    EXPECT_EQ(runLabel(a, b, "A"), "threads (pthread_create)");
    EXPECT_EQ(runLabel(b, a, "B"), "fork");
    EXPECT_EQ(comparisonStem(a.spec, b.spec), "spawn-threads-pthread-create-vs-fork");
    a.spec.workers = 1;
    b.spec.workers = 16;
    EXPECT_EQ(runLabel(b, a, "B"), "16 workers");
    EXPECT_EQ(runLabel(a, b, "A"), "1 worker");
    EXPECT_EQ(comparisonStem(a.spec, b.spec), "spawn-1-worker-vs-16-workers");
    // a choice without words of its own keeps its name
    a.spec.workload = b.spec.workload = "counter";
    a.spec.workers = b.spec.workers;
    a.spec.params = {{"sync", 0}};
    b.spec.params = {{"sync", 1}};
    EXPECT_EQ(runLabel(a, b, "A").rfind("sync=", 0), 0u) << runLabel(a, b, "A");
}

TEST(Compare, AFileOfDifferentModelsIsNamedByThem)
{
    ExperimentSpec a, b;
    b.model = Model::Processes;
    EXPECT_EQ(comparisonStem(a, b), "cpu-threads-vs-processes");
    b = a;
    EXPECT_EQ(comparisonStem(a, b), "cpu-a-vs-b") << "nothing differs: named A and B";
}

// A yes/no figure equal in both runs is said once, without a ratio or "(no, no)".
TEST(Compare, AYesNoFigureIsSaidInWords)
{
    RunRecord a = record(Model::Threads, 1e6, 1, 1), b = record(Model::Processes, 1e6, 1, 1);
    a.spec.workload = b.spec.workload = "pingpong";
    a.summary.figures = {{"pinned", 0}};
    b.summary.figures = {{"pinned", 0}};
    const auto rows = compareRuns(a, b);
    const VerdictRow& pinned = row(rows, "pinned");
    EXPECT_EQ(pinned.sentence, "pinned to one CPU: no in both runs.");
    EXPECT_EQ(ratioText(pinned), "–");
    b.summary.figures["pinned"] = 1;
    EXPECT_EQ(row(compareRuns(a, b), "pinned").sentence,
              "pinned to one CPU: no in threads, yes in processes.");
}

TEST(Compare, WorkloadFiguresPresentInBothAreCompared)
{
    RunRecord a = record(Model::Threads, 1, 1, 1), b = record(Model::Processes, 1, 1, 1);
    // the counter's FigureInfo declares fewer lost updates better
    a.spec.workload = b.spec.workload = "counter";
    a.summary.figures = {{"lost_updates", 1234}, {"only_in_a", 1}};
    b.summary.figures = {{"lost_updates", 0}};
    const auto rows = compareRuns(a, b);
    EXPECT_EQ(row(rows, "lost_updates").winner, "processes");
    EXPECT_THROW(row(rows, "only_in_a"), std::runtime_error);
}

// A direction comes from the figure's declaration, not from its name.
TEST(Compare, AFigureNoWorkloadDeclaresHasNoWinner)
{
    RunRecord a = record(Model::Threads, 1, 1, 1), b = record(Model::Processes, 1, 1, 1);
    a.summary.figures = {{"lost_updates", 1234}, {"made_up_per_s", 10}};
    b.summary.figures = {{"lost_updates", 0}, {"made_up_per_s", 20}};
    const auto rows = compareRuns(a, b); // the cpu workload has neither figure
    EXPECT_EQ(row(rows, "lost_updates").winner, "");
    EXPECT_EQ(row(rows, "made_up_per_s").winner, "");
    // the sentence reads the key out in words; the row keeps the key
    EXPECT_NE(row(rows, "made_up_per_s").sentence.find("processes had 2.0× the made up per second"),
              std::string::npos)
        << row(rows, "made_up_per_s").sentence;
}

// The summary rows are the catalogue's verdict figures, in its order and words.
TEST(Compare, SummaryRowsComeFromTheCatalogue)
{
    RunRecord a = record(Model::Threads, 1e6, 1, 1 << 20), b = a;
    b.spec.model = Model::Processes;
    a.machine.usableCpus = b.machine.usableCpus = 2;
    const auto rows = compareRuns(a, b);
    std::vector<std::string> aspects;
    for (const VerdictRow& r : rows)
        aspects.push_back(r.aspect);
    EXPECT_EQ(aspects,
              (std::vector<std::string>{"throughput", "work per CPU second", "CPU use", "peak RSS",
                                        "peak PSS", "peak USS", "PSS per worker",
                                        "context switches", "run-queue wait", "other load"}));
    b.summary.workersCrashed = 1;
    const auto withCrash = compareRuns(a, b); // kept: row() returns a reference into it
    const VerdictRow& survivors = row(withCrash, "surviving workers");
    EXPECT_EQ(survivors.a, 2);
    EXPECT_EQ(survivors.b, 1);
    EXPECT_EQ(survivors.winner, "threads");
}

// Other programs' load is a row of its own: first, with a warning, when it took cores
// the workers needed; last, and calm, when it left them alone.
TEST(Compare, OtherLoadIsNamedAndWarnedAboutWhenItCrowdsTheWorkers)
{
    RunRecord a = record(Model::Threads, 1e6, 1.95, 1), b = record(Model::Processes, 1e6, 0.9, 1);
    a.machine.usableCpus = b.machine.usableCpus = 2;
    a.summary.machineBusyCoresMean = 2.0; // 0.05 of others: quiet
    b.summary.machineBusyCoresMean = 2.0; // 1.1 of others beside 2 workers on 2 cores
    const auto crowdedRows = compareRuns(a, b);
    const VerdictRow& first = crowdedRows.front();
    EXPECT_EQ(first.aspect, "other load");
    EXPECT_NEAR(first.a, 0.05, 1e-9);
    EXPECT_NEAR(first.b, 1.1, 1e-9);
    EXPECT_TRUE(first.winner.empty());
    EXPECT_NE(first.sentence.find("1.1 cores (of 2) during processes"), std::string::npos)
        << first.sentence;
    EXPECT_NE(first.sentence.find("Run again"), std::string::npos) << first.sentence;

    // a few tenths of a core (the window drawing) are within a run's noise: no warning
    b.summary.machineBusyCoresMean = 1.2; // 0.3 of others beside 2 workers on 2 cores
    EXPECT_NE(compareRuns(a, b).front().aspect, "other load");

    // the same load beside one worker on two cores took nothing it needed
    b.summary.workers = 1;
    b.summary.machineBusyCoresMean = 1.6; // 0.7 of others + 0.9 of the one worker
    a.summary.workers = 1;
    a.summary.busyCoresMean = 1.0;
    a.summary.machineBusyCoresMean = 1.1;
    const auto quietRows = compareRuns(a, b);
    EXPECT_EQ(quietRows.back().aspect, "other load");
    EXPECT_NE(quietRows.front().aspect, "other load");
    EXPECT_EQ(quietRows.back().sentence.find("Run again"), std::string::npos)
        << quietRows.back().sentence;
}

// The window's drawing used to count as "other programs": measured, it is CoreLab's own
// load, said beside the others' and left out of them.
TEST(Compare, CoreLabsOwnLoadIsSaidApartFromTheOthers)
{
    RunRecord a = record(Model::Threads, 1e6, 1.0, 1), b = record(Model::Processes, 1e6, 1.0, 1);
    a.machine.usableCpus = b.machine.usableCpus = 2;
    a.summary.workers = b.summary.workers = 1;
    a.summary.machineBusyCoresMean = 1.3;
    b.summary.machineBusyCoresMean = 1.9; // 0.9 beside one worker: would crowd nothing
    a.summary.observerBusyCores = 0.25;
    b.summary.observerBusyCores = 0.75;
    const auto rows = compareRuns(a, b);
    const VerdictRow& load = rows.back();
    ASSERT_EQ(load.aspect, "other load");
    EXPECT_NEAR(load.a, 0.05, 1e-9);
    EXPECT_NEAR(load.b, 0.15, 1e-9);
    EXPECT_NE(load.sentence.find("CoreLab itself (engine, sampler, window) took up to 0.75 cores"),
              std::string::npos)
        << load.sentence;
    // files from before the figure: nothing said of it
    a.summary.observerBusyCores.reset();
    b.summary.observerBusyCores.reset();
    EXPECT_EQ(compareRuns(a, b).back().sentence.find("CoreLab itself"), std::string::npos);
}

TEST(Compare, FileRoundTrips)
{
    Comparison c{
        record(Model::Threads, 1e6, 1, 1 << 20), record(Model::Processes, 2e6, 2, 2 << 20), {}};
    c.verdict = compareRuns(c.a, c.b);
    const auto path = std::filesystem::temp_directory_path() /
                      ("corelab-cmp-" + std::to_string(getpid()) + ".json");
    saveCompareFile(c, path);
    EXPECT_EQ(loadCompareFile(path), c);
    std::filesystem::remove(path);
    EXPECT_THROW(loadCompareFile(path), std::runtime_error);
}

TEST(Compare, ThePresetTravelsWithTheFile)
{
    Comparison c{
        record(Model::Threads, 1e6, 1, 1 << 20), record(Model::Processes, 2e6, 2, 2 << 20), {}};
    c.verdict = compareRuns(c.a, c.b);
    c.preset = PresetNote{"01-startup-cost",
                          "Startup cost: a thread or a process?",
                          "How long does it take to create a worker?",
                          "the summary",
                          "fork takes longer",
                          "Startup cost",
                          "create_p50_us"};
    const Comparison back = parseCompareFile(nlohmann::json(c).dump());
    ASSERT_TRUE(back.preset.has_value());
    EXPECT_EQ(*back.preset, *c.preset);
    EXPECT_EQ(back, c);
    // a comparison of two forms has none, and writes none
    c.preset.reset();
    EXPECT_FALSE(nlohmann::json(c).contains("preset"));
    EXPECT_FALSE(parseCompareFile(nlohmann::json(c).dump()).preset.has_value());
}

// Files are shared between students: the preset object is checked like the rest.
TEST(Compare, AMalformedPresetIsRefusedNamingTheField)
{
    Comparison c{record(Model::Threads, 1e6, 1, 1), record(Model::Processes, 2e6, 2, 2), {}};
    c.verdict = compareRuns(c.a, c.b);
    const nlohmann::json good = c;
    const auto refusal = [&](const nlohmann::json& preset) {
        nlohmann::json j = good;
        j["preset"] = preset;
        try {
            parseCompareFile(j.dump());
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(refusal({{"question", 42}}), "preset.question: must be a string");
    EXPECT_EQ(refusal({{"title", {"a", "b"}}}), "preset.title: must be a string");
    EXPECT_EQ(refusal(nlohmann::json::array()), "preset: expected an object");
    EXPECT_EQ(refusal("01-startup-cost"), "preset: expected an object");
    EXPECT_NE(refusal({{"expect", std::string(kMaxPresetText + 1, 'x')}}).find("preset.expect"),
              std::string::npos);
    // fields it does not know are ignored, missing ones are empty
    nlohmann::json partial = good;
    partial["preset"] = {{"title", "Memory"}, {"future", 1}};
    const Comparison loaded = parseCompareFile(partial.dump());
    ASSERT_TRUE(loaded.preset.has_value());
    EXPECT_EQ(loaded.preset->title, "Memory");
    EXPECT_EQ(loaded.preset->question, "");
}

// Past its record budget a run's record holds few samples or none: the engine spools
// them. Its comparison file must hold every one, as its run file does.
TEST(Compare, AFileOfLongRunsHoldsEverySampleFromTheirSpools)
{
    EngineOptions o = testEngineOptions();
    o.recordBudget = 30; // worker readings: ~15 samples of 2 workers, a run has ~40
    const auto longRun = [&](Model model) {
        Engine engine(o);
        RecordingSink sink;
        ExperimentSpec s = cpuSpec(model, 2, 1.0);
        s.rateHz = 40;
        EXPECT_FALSE(engine.start(s, sink));
        EXPECT_TRUE(sink.waitFinished(std::chrono::seconds(30)));
        engine.wait();
        return sink.record;
    };
    Comparison c{longRun(Model::Threads), longRun(Model::Processes), {}};
    c.verdict = compareRuns(c.a, c.b);
    std::vector<Sample> all[2];
    for (int i = 0; i < 2; ++i) {
        const RunRecord& r = i == 0 ? c.a : c.b;
        ASSERT_TRUE(r.spool) << "the run was longer than its record budget";
        all[i] = r.spool->load(r).samples;
        ASSERT_GT(all[i].size() * 2, 30u);
        ASSERT_LT(r.samples.size(), all[i].size()) << "the record alone lacks samples";
    }
    const auto path = std::filesystem::temp_directory_path() /
                      ("corelab-cmp-long-" + std::to_string(getpid()) + ".json");
    saveCompareFile(c, path);
    const Comparison loaded = loadCompareFile(path);
    std::filesystem::remove(path);
    EXPECT_TRUE(loaded.a.samples == all[0]) << loaded.a.samples.size() << " of " << all[0].size();
    EXPECT_TRUE(loaded.b.samples == all[1]) << loaded.b.samples.size() << " of " << all[1].size();
    EXPECT_EQ(loaded.b.summary.opsTotal, c.b.summary.opsTotal);
    EXPECT_EQ(loaded.verdict.size(), c.verdict.size());
}

// A figure one run did not measure is NaN in its verdict row, written as null: the file
// must still open.
TEST(Compare, AFileWithAnUnmeasuredFigureOpens)
{
    Comparison c{
        record(Model::Threads, 1e6, 1, 1 << 20), record(Model::Processes, 2e6, 2, 2 << 20), {}};
    c.b.summary.peakPssBytes.reset();
    c.verdict = compareRuns(c.a, c.b);
    const auto path = std::filesystem::temp_directory_path() /
                      ("corelab-cmp-nan-" + std::to_string(getpid()) + ".json");
    saveCompareFile(c, path);
    const Comparison loaded = loadCompareFile(path);
    std::filesystem::remove(path);
    EXPECT_EQ(loaded.b, c.b);
    const VerdictRow& pss = row(loaded.verdict, "peak PSS");
    EXPECT_TRUE(std::isnan(pss.b));
    EXPECT_EQ(pss.a, 1 << 20);
    EXPECT_EQ(pss.sentence, row(c.verdict, "peak PSS").sentence);
}

// The article's CPU row, measured: with one interpreter lock per process, threads
// share one core's worth of computing while processes use both.
TEST(Compare, ProcessesWinCpuWorkUnderAnInterpreterLock)
{
    if (readMachineInfo().usableCpus < 2) GTEST_SKIP() << "needs two usable CPUs";
    ExperimentSpec s = cpuSpec(Model::Threads, 2, 1.0);
    s.interpreterLock = true;
    const RunRecord threads = runToEnd(s);
    s.model = Model::Processes;
    const RunRecord processes = runToEnd(s);
    for (const RunRecord* x : {&threads, &processes})
        if (otherBusyCores(x->summary) > kBusyMachineCores)
            GTEST_SKIP() << "other processes kept " << otherBusyCores(x->summary)
                         << " cores busy: no room to scale";
    const auto rows = compareRuns(threads, processes);
    const VerdictRow& t = row(rows, "throughput");
    EXPECT_EQ(t.winner, "processes") << t.sentence;
    EXPECT_DOUBLE_EQ(t.ratio, processes.summary.opsPerS / threads.summary.opsPerS);
    EXPECT_GT(t.ratio, 1.3) << t.sentence;
}

// Every table writes B/A the same way: no ratio without an A, but a B of 0 is a ratio.
TEST(Compare, RatioTextIsTheSameForEveryTable)
{
    VerdictRow row{"lost updates", "count", 44, 0, 0, "processes", "", ""};
    EXPECT_EQ(ratioText(row), "0×");
    row.a = 0;
    EXPECT_EQ(ratioText(row), "–");
    EXPECT_EQ(ratioText(VerdictRow{}), "–") << "a row nothing measured";
    row = {"throughput", "ops/s", 2, 3, 1.5, "", "", ""};
    EXPECT_EQ(ratioText(row), "1.5×");
    // other programs' load is written without a ratio: not "0×"
    row = {"other load", "cores", 1.7, 1.9, 0, "", "", ""};
    EXPECT_EQ(ratioText(row), "–");
}

// A figure one run did not measure says so in its own cell, not as "–" explained only
// in the sentence.
TEST(Compare, AValueCellOfAFigureARunDidNotMeasureSaysNotMeasured)
{
    const VerdictRow row{"peak PSS", "B", 1048576, std::nan(""), 0, "", "", ""};
    EXPECT_EQ(verdictCell(row, row.a), "1.00 MiB");
    EXPECT_EQ(verdictCell(row, row.b), "not measured");
}
