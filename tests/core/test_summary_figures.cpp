#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/Compare.h"
#include "catalogue/Catalogue.h"
#include "record/SummaryFigures.h"

using namespace corelab;

namespace {

// A summary whose every field holds a different value, so an accessor that reads
// the wrong field shows.
Summary distinctSummary()
{
    Summary s;
    s.opsTotal = 1001;
    s.opsPerS = 2002;
    s.wallS = 3;
    s.workers = 40;
    s.processes = 5;
    s.cpuTimeS = 6.5;
    s.busyCoresMean = 0.75;
    s.machineBusyCoresMean = 1.25;
    s.observerBusyCores = 0.125;
    s.peakRssBytes = 8008;
    s.peakPssBytes = 9009;
    s.peakUssBytes = 10010;
    s.ctxVoluntary = 110;
    s.ctxInvoluntary = 121;
    s.runqueueWaitS = 13.5;
    s.workersCrashed = 14;
    s.workersKilled = 3;
    return s;
}

RunRecord pingpongRun(double usPerSwitch)
{
    RunRecord r;
    r.spec.workload = "pingpong";
    r.summary.wallS = 1;
    r.summary.workers = 2;
    r.summary.figures = {{"us_per_switch", usPerSwitch}};
    return r;
}

const VerdictRow* rowOf(const std::vector<VerdictRow>& rows, const std::string& aspect)
{
    for (const VerdictRow& r : rows)
        if (r.aspect == aspect) return &r;
    return nullptr;
}

} // namespace

TEST(SummaryFigures, EveryEntrySaysWhatWhereAndInWhichUnit)
{
    ASSERT_FALSE(summaryFigures().empty());
    std::set<std::string> keys, words;
    for (const SummaryFigure& f : summaryFigures()) {
        EXPECT_NE(std::string(f.key), "");
        EXPECT_NE(std::string(f.words), "") << f.key;
        EXPECT_NE(std::string(f.unit), "") << f.key;
        EXPECT_NE(std::string(f.source), "") << f.key;
        EXPECT_NE(f.shownIn, 0u) << f.key << " is shown nowhere";
        EXPECT_TRUE(f.value) << f.key;
        EXPECT_EQ(std::string(f.verb).empty(), !(f.shownIn & kInVerdict))
            << f.key << ": a verdict row needs a verb, and only a verdict row uses one";
        EXPECT_TRUE(keys.insert(f.key).second) << "key " << f.key << " twice";
        EXPECT_TRUE(words.insert(f.words).second) << "words " << f.words << " twice";
        EXPECT_EQ(findSummaryFigure(f.key), &f);
    }
    EXPECT_EQ(findSummaryFigure("no_such_figure"), nullptr);
}

TEST(SummaryFigures, EachAccessorReadsItsOwnField)
{
    const Summary s = distinctSummary();
    const std::map<std::string, double> expected = {
        {"ops_total", 1001},
        {"ops_per_s", 2002},
        {"wall_s", 3},
        {"cpu_time_s", 6.5},
        {"ops_per_cpu_s", 2002 / 0.75}, // throughput / CPU use
        {"busy_cores_mean", 0.75},
        {"machine_busy_cores_mean", 1.25},
        {"other_busy_cores", 0.375}, // machine − workers − CoreLab's own process
        {"observer_busy_cores", 0.125},
        {"peak_rss_bytes", 8008},
        {"peak_pss_bytes", 9009},
        {"peak_uss_bytes", 10010},
        {"pss_per_worker", 9009.0 / 40}, // peak PSS / workers
        {"ctx_voluntary", 110},
        {"ctx_involuntary", 121},
        {"ctx_switches_per_s", 77}, // (110 + 121) / 3 s
        {"runqueue_wait_s", 13.5},
        {"surviving_workers", 26}, // 40 − 14 crashed; the 3 killed did not crash
        {"workers_killed", 3},
    };
    EXPECT_EQ(summaryFigures().size(), expected.size()) << "a new figure needs a line here";
    for (const SummaryFigure& f : summaryFigures()) {
        const auto it = expected.find(f.key);
        ASSERT_NE(it, expected.end()) << f.key;
        EXPECT_DOUBLE_EQ(f.value(s), it->second) << f.key;
    }
}

// The spread view and `corelab repeat` name figures by their run-file key.
TEST(SummaryFigures, SpreadFiguresAreRunFileKeys)
{
    const nlohmann::json stored = distinctSummary();
    for (const SummaryFigure& f : summaryFigures())
        if (f.shownIn & kInSpread) {
            ASSERT_TRUE(stored.contains(f.key)) << f.key;
            EXPECT_DOUBLE_EQ(stored.at(f.key).get<double>(), f.value(distinctSummary())) << f.key;
        }
}

TEST(SummaryFigures, DirectionsFollowWhatTheFigureMeans)
{
    EXPECT_EQ(findSummaryFigure("ops_per_s")->better, Better::Higher);
    EXPECT_EQ(findSummaryFigure("peak_pss_bytes")->better, Better::Lower);
    EXPECT_EQ(findSummaryFigure("pss_per_worker")->better, Better::Lower);
    EXPECT_EQ(findSummaryFigure("ops_per_cpu_s")->better, Better::Higher);
    EXPECT_EQ(findSummaryFigure("runqueue_wait_s")->better, Better::Lower);
    EXPECT_EQ(findSummaryFigure("surviving_workers")->better, Better::Higher);
    EXPECT_EQ(findSummaryFigure("busy_cores_mean")->better, Better::Neither)
        << "more busy cores is not better in itself";
}

TEST(SummaryFigures, OnlyCrashesBringTheSurvivorsRow)
{
    const SummaryFigure& f = *findSummaryFigure("surviving_workers");
    ASSERT_TRUE(f.applies);
    Summary s;
    s.workers = 4;
    EXPECT_FALSE(f.applies(s));
    s.workersCrashed = 1;
    EXPECT_TRUE(f.applies(s));
}

// Every workload figure declares its direction, and describeFigure hands it on.
TEST(WorkloadFigures, DescribeFigureReturnsTheDeclaredDirection)
{
    std::size_t figures = 0;
    for (const WorkloadInfo& w : workloads()) {
        std::set<std::string> keys;
        for (const FigureInfo& f : w.figures) {
            ++figures;
            EXPECT_TRUE(keys.insert(f.key).second) << w.name << ": " << f.key << " twice";
            EXPECT_TRUE(f.better == Better::Higher || f.better == Better::Lower ||
                        f.better == Better::Neither)
                << w.name << ": " << f.key;
            const FigureInfo d = describeFigure(f.key, &w);
            EXPECT_EQ(d.better, f.better) << w.name << ": " << f.key;
            EXPECT_EQ(d.unit, f.unit) << w.name << ": " << f.key;
        }
    }
    EXPECT_GT(figures, 30u);
}

TEST(WorkloadFigures, DirectionsAreTheOnesTheirMeaningGives)
{
    struct Case {
        const char* workload;
        const char* key;
        Better better;
    };
    const Case cases[] = {
        {"counter", "lost_updates", Better::Lower},
        {"counter", "actual_count", Better::Neither},
        {"pingpong", "us_per_switch", Better::Lower}, // "per_s" in its name, yet a time
        {"pingpong", "round_trips_per_s", Better::Higher},
        {"pingpong", "pinned", Better::Neither},
        {"spawn", "create_p50_us", Better::Lower},
        {"spawn", "per_s", Better::Higher},
        {"spawn", "failures", Better::Lower},
        {"messaging", "latency_p99_us", Better::Lower},
        {"messaging", "pairs", Better::Neither},
        {"io", "latency_p50_ms", Better::Lower},
        {"io", "in_flight", Better::Neither},
        {"mixed", "rounds_per_ms", Better::Neither}, // the machine's speed, not the model's
        {"deadlock", "workers_stuck", Better::Lower},
        {"external", "threads_peak", Better::Neither},
    };
    for (const Case& c : cases) {
        const WorkloadInfo* w = findWorkload(c.workload);
        ASSERT_TRUE(w) << c.workload;
        EXPECT_EQ(describeFigure(c.key, w).better, c.better) << c.workload << ": " << c.key;
    }
    EXPECT_EQ(describeFigure("lock_wait_s", nullptr).better, Better::Lower);
    EXPECT_EQ(describeFigure("lock_handovers_per_s", nullptr).better, Better::Neither);
    EXPECT_EQ(describeFigure("made_up_per_s", nullptr).better, Better::Neither)
        << "an unknown figure has no direction, whatever its name";
}

// Fewer µs per hand-off is the faster pair: the run with 4 µs wins over 8 µs.
TEST(WorkloadFigures, FewerMicrosecondsPerSwitchWinsTheComparison)
{
    const auto rows = compareRuns(pingpongRun(4), pingpongRun(8));
    const VerdictRow* row = rowOf(rows, "us_per_switch");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->winner, "A");
    EXPECT_EQ(row->unit, "µs");
    const auto swapped = compareRuns(pingpongRun(8), pingpongRun(4));
    ASSERT_TRUE(rowOf(swapped, "us_per_switch"));
    EXPECT_EQ(rowOf(swapped, "us_per_switch")->winner, "B");
}
