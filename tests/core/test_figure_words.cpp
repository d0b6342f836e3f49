#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "analysis/FigureWords.h"

using namespace corelab;

namespace {

const FigureLine* lineFor(const std::vector<FigureLine>& lines, const std::string& key)
{
    const auto it =
        std::find_if(lines.begin(), lines.end(), [&](const FigureLine& l) { return l.key == key; });
    return it == lines.end() ? nullptr : &*it;
}

RunRecord counterRun()
{
    RunRecord r;
    r.spec.workload = "counter";
    r.summary.wallS = 0.5;
    r.summary.opsPerS = 2e6;
    r.summary.figures = {{"lost_updates", 1234}, {"expected_count", 2000000}};
    return r;
}

} // namespace

TEST(FigureWords, KeysAreReadOut)
{
    EXPECT_EQ(figureWords("lost_updates"), "lost updates");
    // the unit goes with the value, not the name; a rate keeps its "per s"
    EXPECT_EQ(figureWords("create_p50_us"), "create median");
    EXPECT_EQ(figureWords("latency_p99_ms"), "latency 99th percentile");
    EXPECT_EQ(figureWords("round_trips_per_s"), "round trips per s");
    // the engine's figures have their own words
    EXPECT_EQ(figureWords("peak_rss_bytes"), "peak RSS");
    EXPECT_EQ(figureWords("ops_per_s"), "throughput");
}

TEST(FigureWords, AnsweringFigureIsThePresetsElseTheWorkloadsFirstJudgedFigure)
{
    EXPECT_EQ(answeringFigure("counter"), "lost_updates");
    EXPECT_EQ(answeringFigure("spawn"), "create_p50_us");
    EXPECT_EQ(answeringFigure("cpu"), "ops_per_s"); // no figures of its own
    // presets name summary figures by their words
    EXPECT_EQ(answeringFigure("memory", "peak PSS"), "peak_pss_bytes");
    EXPECT_EQ(answeringFigure("counter", "throughput"), "ops_per_s");
    EXPECT_EQ(answeringFigure("pingpong", "round_trips_per_s"), "round_trips_per_s");
}

TEST(FigureWords, RunLinesPutTheAnswerFirstAndSayWhatWasNotMeasured)
{
    const auto lines = runFigureLines(counterRun(), "lost_updates");
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.front().key, "lost_updates");
    EXPECT_EQ(lines.front().words, "lost updates");
    EXPECT_EQ(lines.front().value, "1,234 increments");
    // a workload figure the run did not write, and memory never read in so short a run
    const FigureLine* actual = lineFor(lines, "actual_count");
    ASSERT_NE(actual, nullptr);
    EXPECT_FALSE(actual->measured);
    EXPECT_EQ(actual->value, "not measured");
    const FigureLine* rss = lineFor(lines, "peak_rss_bytes");
    ASSERT_NE(rss, nullptr);
    EXPECT_EQ(rss->value, "not measured");
    const FigureLine* throughput = lineFor(lines, "ops_per_s");
    ASSERT_NE(throughput, nullptr);
    EXPECT_TRUE(throughput->measured);
}

TEST(FigureWords, AnsweringRowIsFoundByKeyOrWords)
{
    Comparison c;
    c.a.spec.workload = "memory";
    const auto rowOf = [](const char* aspect) {
        VerdictRow r;
        r.aspect = aspect;
        return r;
    };
    c.verdict = {rowOf("throughput"), rowOf("peak PSS")};
    const VerdictRow* row = answeringRow(c, "peak PSS");
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row->aspect, "peak PSS");
    c.a.spec.workload = "counter";
    c.verdict.push_back(rowOf("lost_updates"));
    EXPECT_EQ(answeringRow(c)->aspect, "lost_updates");
}
