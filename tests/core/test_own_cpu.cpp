#include "probe/OwnCpu.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <time.h>
#include <unistd.h>

using namespace corelab::probe;

namespace {

double processCpuClock()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

} // namespace

TEST(OwnCpu, AddsUserAndSystemTicksOfSelfStat)
{
    const auto root =
        std::filesystem::temp_directory_path() / ("corelab-own-cpu-" + std::to_string(getpid()));
    std::filesystem::create_directories(root / "self");
    // a name with spaces and parentheses; utime 150, stime 50 ticks (fields 14 and 15)
    std::ofstream(root / "self" / "stat")
        << "77 (corelab (gui) x) S 1 77 77 0 -1 4194560 10 0 2 0 150 50 0 0 20 0 9 0 100 0 0 "
           "0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 1\n";
    const auto s = ownCpuSeconds(root.string());
    std::filesystem::remove_all(root);
    ASSERT_TRUE(s);
    EXPECT_DOUBLE_EQ(*s, 200.0 / static_cast<double>(sysconf(_SC_CLK_TCK)));
}

TEST(OwnCpu, NothingWhenTheFileIsMissing)
{
    EXPECT_FALSE(ownCpuSeconds("/nonexistent-corelab-root"));
}

// The kernel's own clock of this process is the independent measure: after 0.3 s of
// spinning, /proc/self/stat has moved by the same amount within a few ticks.
TEST(OwnCpu, FollowsTheProcessCpuClock)
{
    const auto before = ownCpuSeconds();
    ASSERT_TRUE(before);
    const double clock0 = processCpuClock();
    volatile double sink = 0;
    while (processCpuClock() - clock0 < 0.3)
        for (int i = 0; i < 10000; ++i)
            sink = sink + i;
    const double spent = processCpuClock() - clock0;
    const auto after = ownCpuSeconds();
    ASSERT_TRUE(after);
    EXPECT_NEAR(*after - *before, spent, 0.05);
}

TEST(OwnCpu, PercentOfCore)
{
    EXPECT_DOUBLE_EQ(*percentOfCore(0.5, 20.0), 2.5);
    EXPECT_FALSE(percentOfCore(1.0, 0.0));
}
