#include <gtest/gtest.h>

#include "record/Summarize.h"

using namespace corelab;

namespace {

constexpr int kWorkers = 64;

Sample sampleAt(double t, std::uint64_t waitNs)
{
    Sample s;
    s.t = t;
    for (int i = 0; i < kWorkers; ++i) {
        WorkerSample w;
        w.index = i;
        w.tid = 100 + i;
        w.waitNs = waitNs;
        w.runNs = static_cast<std::uint64_t>(t * 1e8);
        s.workers.push_back(w);
    }
    return s;
}

} // namespace

TEST(Summarize, RunqueueWaitEndsWhenTheWorkersAreToldToStop)
{
    // 10 ms of wait per worker per tick for 3 s, then a teardown that adds 70 ms to
    // every worker in the last 6 ms
    std::vector<Sample> samples;
    for (int k = 0; k <= 30; ++k)
        samples.push_back(sampleAt(0.1 * k, 10'000'000ULL * k));
    samples.push_back(sampleAt(3.006, 10'000'000ULL * 30 + 70'000'000ULL));
    WorkTotals totals;
    totals.workers = kWorkers;
    totals.wallS = 3.0;
    totals.workEndT = 3.0;
    const Summary s = summarize(samples, totals);
    EXPECT_NEAR(s.runqueueWaitS, kWorkers * 0.3, 1e-9);
}

TEST(Summarize, RunqueueWaitWithoutAKnownEndIsTheLastReading)
{
    std::vector<Sample> samples{sampleAt(0, 0), sampleAt(0.1, 5'000'000), sampleAt(0.2, 9'000'000)};
    WorkTotals totals;
    totals.workers = kWorkers;
    totals.wallS = 0.2;
    EXPECT_NEAR(summarize(samples, totals).runqueueWaitS, kWorkers * 0.009, 1e-9);
}
