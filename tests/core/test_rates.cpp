#include <gtest/gtest.h>

#include "record/Rates.h"

using namespace corelab;

namespace {

constexpr int kWorkers = 64;
constexpr double kPeriodS = 0.1;
constexpr std::uint64_t kOpsPerTick = 70;            // 700 ops/s per worker
constexpr std::uint64_t kWaitNsPerTick = 30'000'000; // 300 ms/s per worker

// One sample at t with every worker at the given cumulative ops and wait.
Sample sampleAt(double t, std::uint64_t ops, std::uint64_t waitNs)
{
    Sample s;
    s.t = t;
    for (int i = 0; i < kWorkers; ++i) {
        WorkerSample w;
        w.index = i;
        w.tid = 100 + i;
        w.state = 'S';
        w.ops = ops;
        w.waitNs = waitNs;
        s.workers.push_back(w);
    }
    return s;
}

// Ten steady ticks, then a teardown in which every worker's wait jumps by 70 ms
// within the last 6 ms (the review's io run: 64 × 70 ms / 6 ms ≈ 750,000 ms/s).
std::vector<Sample> steadyRunWithTeardown()
{
    std::vector<Sample> samples;
    for (int k = 0; k <= 10; ++k)
        samples.push_back(sampleAt(k * kPeriodS, k * kOpsPerTick, k * kWaitNsPerTick));
    samples.push_back(
        sampleAt(10 * kPeriodS + 0.006, 10 * kOpsPerTick, 10 * kWaitNsPerTick + 70'000'000));
    return samples;
}

std::vector<RatePoint> derive(const std::vector<Sample>& samples)
{
    RateDeriver d(rateOptionsFor(10));
    std::vector<RatePoint> points;
    for (const Sample& s : samples)
        if (d.add(s) == RateDeriver::Step::Point) points.push_back(d.point());
    return points;
}

} // namespace

TEST(Rates, OptionsFollowTheSamplingPeriod)
{
    const RateOptions o = rateOptionsFor(20);
    EXPECT_DOUBLE_EQ(o.minIntervalS, 0.025);
    EXPECT_DOUBLE_EQ(o.maxGapS, 0.125);
}

TEST(Rates, SteadyIntervalsGiveTheTrueRates)
{
    const auto points = derive(steadyRunWithTeardown());
    ASSERT_EQ(points.size(), 10u);
    for (const RatePoint& p : points) {
        EXPECT_NEAR(p.opsPerS, kWorkers * 700.0, 1e-6);
        EXPECT_NEAR(p.waitMsPerS, kWorkers * 300.0, 1e-6);
        EXPECT_NEAR(p.workerOpsPerS.at(5), 700.0, 1e-6);
    }
}

TEST(Rates, ATinyLastIntervalIsNoPoint)
{
    const auto samples = steadyRunWithTeardown();
    const auto points = derive(samples);
    ASSERT_FALSE(points.empty());
    EXPECT_LT(points.back().t, samples.back().t);
    for (const RatePoint& p : points)
        EXPECT_LE(p.waitMsPerS, kWorkers * 1000.0);
}

TEST(Rates, AShortIntervalIsMergedIntoTheNext)
{
    // a late tick and an early one: 6 ms apart, with a burst of ops published in between
    std::vector<Sample> samples{sampleAt(0, 0, 0), sampleAt(0.194, 140, 0),
                                sampleAt(0.2, 140 + 3000, 0), sampleAt(0.3, 3210, 0)};
    RateDeriver d(rateOptionsFor(10));
    EXPECT_EQ(d.add(samples[0]), RateDeriver::Step::First);
    EXPECT_EQ(d.add(samples[1]), RateDeriver::Step::Point);
    EXPECT_EQ(d.add(samples[2]), RateDeriver::Step::Merged);
    EXPECT_EQ(d.add(samples[3]), RateDeriver::Step::Point);
    // (3210 − 140) ops per worker over the merged 106 ms, not 3000 in 6 ms
    EXPECT_NEAR(d.point().dt, 0.106, 1e-9);
    EXPECT_NEAR(d.point().workerOpsPerS.at(0), 3070 / 0.106, 1e-6);
}

TEST(Rates, LazilyReportedWaitNeverExceedsTheInterval)
{
    // schedstat credits a 4 s wait when the thread finally runs: one 100 ms interval
    // cannot hold more than 100 ms of it per worker
    std::vector<Sample> samples{sampleAt(0, 0, 0), sampleAt(0.1, 0, 4'000'000'000ULL)};
    const auto points = derive(samples);
    ASSERT_EQ(points.size(), 1u);
    EXPECT_LE(points[0].waitMsPerS, kWorkers * 1000.0 + 1e-6);
    EXPECT_NEAR(points[0].waitMsPerS, kWorkers * 1000.0, 1e-6);
}

TEST(Rates, ASampleAfterAHoleIsNoPoint)
{
    std::vector<Sample> samples{sampleAt(0, 0, 0), sampleAt(0.1, 70, 0), sampleAt(1.7, 1190, 0),
                                sampleAt(1.8, 1260, 0)};
    RateDeriver d(rateOptionsFor(10));
    d.add(samples[0]);
    EXPECT_EQ(d.add(samples[1]), RateDeriver::Step::Point);
    EXPECT_EQ(d.add(samples[2]), RateDeriver::Step::Gap);
    EXPECT_EQ(d.add(samples[3]), RateDeriver::Step::Point);
    EXPECT_NEAR(d.point().workerOpsPerS.at(0), 700.0, 1e-6);
}
