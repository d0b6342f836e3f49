#include <gtest/gtest.h>

#include <cmath>

#include "analysis/Answer.h"
#include "analysis/OtherLoad.h"

using namespace corelab;

namespace {

// Preset 01's pair: a thread and a fork created, one worker each.
Comparison startup(double threadUs, double forkUs)
{
    Comparison c;
    for (RunRecord* r : {&c.a, &c.b}) {
        r->spec.workload = "spawn";
        r->spec.workers = 1;
        r->summary.wallS = 1;
        r->summary.workers = 1;
        r->summary.opsPerS = 1000;
    }
    c.a.spec.params = {{"method", 0}};
    c.b.spec.params = {{"method", 1}};
    c.a.summary.figures = {{"create_p50_us", threadUs}};
    c.b.summary.figures = {{"create_p50_us", forkUs}};
    c.verdict = compareRuns(c.a, c.b);
    return c;
}

PresetNote startupNote()
{
    return {"01-startup-cost", "Startup cost", "How long?", "", "",
            "Startup cost",    "create_p50_us"};
}

} // namespace

TEST(Answer, TheAnsweringFigureOfBothSidesComesFirstWithItsRatio)
{
    const auto answer = answerOf(startup(13.1, 4850));
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->figure, "median time to create");
    EXPECT_EQ(answer->headline, "threads (pthread_create) 13.1 µs vs fork 4.85 ms — 370×");
    EXPECT_EQ(answer->winner, "threads (pthread_create)");
    EXPECT_EQ(answer->judgement, "threads (pthread_create) did better");
    EXPECT_EQ(answer->agreement, "") << "no preset: nothing to agree with";
    EXPECT_EQ(answerLine(*answer), "median time to create: threads (pthread_create) 13.1 µs vs "
                                   "fork 4.85 ms — 370× · Threads (pthread_create) did better.");
}

TEST(Answer, ItSaysWhetherThePresetsExpectationHolds)
{
    Comparison c = startup(13.1, 4850);
    c.preset = startupNote();
    EXPECT_EQ(answerOf(c)->agreement, "as the preset expects");
    // the article says threads start faster: a fork that won would differ
    c = startup(4850, 13.1);
    c.preset = startupNote();
    EXPECT_EQ(answerOf(c)->agreement, "the preset expects threads (pthread_create) to win: this "
                                      "run differs");
    c = startup(13.1, 13.5);
    c.preset = startupNote();
    EXPECT_EQ(answerOf(c)->judgement, "about the same");
    EXPECT_EQ(answerOf(c)->agreement,
              "the preset expects threads (pthread_create) to win: a tie here");
}

// A class must not read a crowded run as the model's doing (D9).
TEST(Answer, OtherProgramsLoadIsNamedWithTheAnswer)
{
    Comparison c = startup(13.1, 4850);
    for (RunRecord* r : {&c.a, &c.b})
        r->machine.usableCpus = 2;
    c.b.summary.machineBusyCoresMean = 2.0; // the machine was full while B ran
    c.b.summary.busyCoresMean = 0.1;
    ASSERT_TRUE(crowdedByOthers(c.b));
    ASSERT_FALSE(crowdedByOthers(c.a));
    const auto answer = answerOf(c);
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->load, "other programs took cores the workers needed during fork: run again "
                            "when quiet");
    EXPECT_NE(answerVerdict(*answer).find("Note: other programs"), std::string::npos)
        << answerVerdict(*answer);
}

TEST(Answer, ThePresetsFigureIsTheAnswerEvenWhenTheWorkloadHasAnother)
{
    Comparison c = startup(13.1, 4850);
    c.preset = startupNote();
    c.preset->figure = "throughput";
    EXPECT_EQ(answerOf(c)->figure, "throughput");
    EXPECT_EQ(answerOf(c)->judgement, "about the same");
}

TEST(Answer, AFigureARunDidNotMeasureIsSaidSoAndNotJudged)
{
    Comparison c = startup(13.1, 4850);
    c.b.summary.figures.clear();
    c.a.summary.figures.clear();
    c.verdict = compareRuns(c.a, c.b);
    EXPECT_FALSE(answerOf(c).has_value()) << "no row for the figure: no answer";
    c = startup(13.1, std::nan(""));
    c.preset = startupNote();
    const auto answer = answerOf(c);
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->headline, "threads (pthread_create) 13.1 µs vs fork not measured");
    EXPECT_EQ(answer->judgement, "");
    EXPECT_EQ(answer->agreement, "");
}
