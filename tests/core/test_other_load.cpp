#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <thread>

#include "RunHelpers.h"
#include "analysis/OtherLoad.h"
#include "probe/MachineInfo.h"
#include "record/Summarize.h"
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

// CoreLab's own process (here: a thread of the test that runs the engine) is measured as
// CoreLab's load, not as other programs': a thread spinning beside the engine shows in
// observerBusyCores, and otherBusyCores leaves it out. Before, it counted as others.
TEST(OtherLoad, TheEnginesOwnProcessIsCoreLabsLoadNotOthers)
{
    if (readMachineInfo().usableCpus < 2) GTEST_SKIP() << "needs two usable CPUs";
    ExperimentSpec spec;
    spec.workload = "io"; // two workers that sleep: the machine's cores are the spinner's
    spec.model = Model::Threads;
    spec.workers = 2;
    spec.durationS = 1.0;
    spec.params["mode"] = 0;
    spec.params["latency-ms"] = 100;
    std::atomic<bool> spin{true};
    std::thread spinner([&spin] {
        volatile std::uint64_t x = 0;
        while (spin.load(std::memory_order_relaxed))
            x = x + 1;
    });
    const RunRecord r = test::runToEnd(spec);
    spin = false;
    spinner.join();
    ASSERT_TRUE(r.summary.observerBusyCores.has_value());
    const double own = *r.summary.observerBusyCores, others = otherBusyCores(r.summary);
    // the spinner wants one core: beyond it and the sleeping workers, more than half a
    // core of load means other programs may have squeezed it (judged from /proc/stat, not
    // from the figure under test)
    if (r.summary.machineBusyCoresMean - 1.0 - r.summary.busyCoresMean > test::kBusyMachineCores)
        GTEST_SKIP() << "the machine was busy: " << r.summary.machineBusyCoresMean << " cores";
    EXPECT_GT(own, 0.6) << "others " << others;
    EXPECT_LT(own, 1.3); // one spinning thread, the engine and the sampler
}

// A run file written before the figure existed has none: others are machine − workers.
TEST(OtherLoad, WithoutCoreLabsOwnFigureOthersAreMachineLessWorkers)
{
    Summary s;
    s.machineBusyCoresMean = 1.5;
    s.busyCoresMean = 1.0;
    EXPECT_DOUBLE_EQ(otherBusyCores(s), 0.5);
    s.observerBusyCores = 0.2;
    EXPECT_DOUBLE_EQ(otherBusyCores(s), 0.3);
    s.observerBusyCores = 0.9; // ticks: never below no load
    EXPECT_DOUBLE_EQ(otherBusyCores(s), 0.0);
}
