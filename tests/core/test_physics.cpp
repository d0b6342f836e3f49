#include <gtest/gtest.h>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;

// On two cores, two CPU-bound workers do clearly more work per second than one, as
// threads and as processes. The margin (1.3× where 2× is ideal) leaves room for a
// noisy shared machine.
class TwoCoresScale : public ::testing::TestWithParam<Model> {};

TEST_P(TwoCoresScale, TwoWorkersBeatOne)
{
    if (readMachineInfo().usableCpus < 2) GTEST_SKIP() << "needs two usable CPUs";
    const RunRecord one = runToEnd(cpuSpec(GetParam(), 1, 1.0));
    const RunRecord two = runToEnd(cpuSpec(GetParam(), 2, 1.0));
    ASSERT_GT(one.summary.opsPerS, 0);
    const double speedup = two.summary.opsPerS / one.summary.opsPerS;
    EXPECT_GT(speedup, 1.3) << "1 worker: " << one.summary.opsPerS
                            << " ops/s, 2 workers: " << two.summary.opsPerS << " ops/s";
    EXPECT_GT(two.summary.busyCoresMean, one.summary.busyCoresMean * 1.3);
}

INSTANTIATE_TEST_SUITE_P(Models, TwoCoresScale,
                         ::testing::Values(Model::Threads, Model::Processes),
                         [](const auto& info) { return std::string(toString(info.param)); });
