#include <gtest/gtest.h>

#include <cmath>

#include "analysis/OtherLoad.h"
#include "study/SweepStudy.h"

using namespace corelab;

namespace {

// A run of `workers` on a 2-CPU machine whose workers kept `own` cores busy while
// /proc/stat saw `machine`.
RunRecord runWith(int workers, double own, double machine)
{
    RunRecord r;
    r.machine.usableCpus = 2;
    r.spec.workers = workers;
    r.spec.model = Model::Threads;
    r.summary.workers = workers;
    r.summary.busyCoresMean = own;
    r.summary.machineBusyCoresMean = machine;
    return r;
}

} // namespace

TEST(OtherLoad, CrowdedOnlyWhenOthersTookCoresTheWorkersNeeded)
{
    // two workers want both CPUs, others took one
    EXPECT_TRUE(crowdedByOthers(runWith(2, 1.0, 2.0)));
    // one worker wants one CPU, the others' one core left it room
    EXPECT_FALSE(crowdedByOthers(runWith(1, 1.0, 1.9)));
    // others below half a core are noise
    EXPECT_FALSE(crowdedByOthers(runWith(2, 1.7, 2.0)));
    // not measured is not crowded
    EXPECT_FALSE(crowdedByOthers(runWith(2, 1.0, std::nan(""))));
}

TEST(OtherLoad, TheWarningSaysHowManyCoresOfHowMany)
{
    EXPECT_EQ(otherLoadWarning(runWith(2, 1.7, 2.0)), "");
    const std::string w = otherLoadWarning(runWith(2, 0.8, 2.0));
    EXPECT_NE(w.find("1.2 cores"), std::string::npos) << w;
    EXPECT_NE(w.find("of 2 usable"), std::string::npos) << w;
}

TEST(OtherLoad, ASweepNamesTheCrowdedPoints)
{
    SweepStudy study(ExperimentSpec{}, {Model::Threads}, {1, 2}, 2);
    study.add(0, runWith(1, 1.0, 1.1));
    EXPECT_EQ(sweepLoadWarning(study.series()), "");
    study.add(1, runWith(2, 1.0, 2.0));
    const std::vector<SweepSeries> series = study.series();
    ASSERT_EQ(series.size(), 1u);
    ASSERT_EQ(series[0].load.size(), 2u);
    EXPECT_FALSE(series[0].load[0].crowded);
    EXPECT_TRUE(series[0].load[1].crowded);
    EXPECT_NEAR(series[0].load[1].otherCores, 1.0, 1e-9);
    const std::string w = sweepLoadWarning(series);
    EXPECT_NE(w.find("threads ×2"), std::string::npos) << w;
    EXPECT_EQ(w.find("×1"), std::string::npos) << w;
}
