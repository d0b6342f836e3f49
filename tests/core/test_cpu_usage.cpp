#include "probe/CpuUsage.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "probe/ProcReader.h"

using namespace corelab;
using namespace corelab::probe;

namespace {

std::vector<CpuTicks> reading(const std::string& name)
{
    std::ifstream in(std::string(CORELAB_FIXTURES) + "/proc/" + name);
    EXPECT_TRUE(in) << "missing fixture " << name;
    std::stringstream text;
    text << in.rdbuf();
    return parseProcStat(text.str());
}

void expectShares(const CoreSample& s, int cpu, double user, double system, double iowait,
                  double busy)
{
    SCOPED_TRACE("cpu " + std::to_string(cpu));
    EXPECT_EQ(s.cpu, cpu);
    EXPECT_DOUBLE_EQ(s.user, user);
    EXPECT_DOUBLE_EQ(s.system, system);
    EXPECT_DOUBLE_EQ(s.iowait, iowait);
    EXPECT_DOUBLE_EQ(s.busy, busy);
}

CpuTicks ticks(int cpu, std::uint64_t user, std::uint64_t idle)
{
    CpuTicks t;
    t.cpu = cpu;
    t.user = user;
    t.idle = idle;
    return t;
}

} // namespace

TEST(CpuUsage, FirstReadingHasNoInterval)
{
    CpuUsage usage;
    EXPECT_TRUE(usage.update(reading("stat")).empty());
}

TEST(CpuUsage, SharesOfEachCoreAndBackwardCountersClamped)
{
    CpuUsage usage;
    usage.update(reading("stat"));
    const auto samples = usage.update(reading("stat.t1-backwards"));
    ASSERT_EQ(samples.size(), 3u);
    // cpu0: user +6, system +2, idle +1, softirq +1 → Δtotal 10
    expectShares(samples[0], 0, 0.6, 0.3, 0.0, 0.9);
    // cpu1: user +1, system +1, idle +8, iowait 924 → 920 counts as 0 → Δtotal 10
    expectShares(samples[1], 1, 0.1, 0.1, 0.0, 0.2);
    // cpu3: user +2, nice +2, system +1, idle +10, iowait +2, irq +1, softirq +1, steal +1,
    // guest +1 (already inside user) → Δtotal 20
    expectShares(samples[2], 3, 0.2, 0.15, 0.1, 0.4);
}

TEST(CpuUsage, UnchangedCoreGivesNoSampleButIdleCoreGivesZero)
{
    CpuUsage usage;
    usage.update(reading("stat"));
    usage.update(reading("stat.t1-backwards"));
    const auto samples = usage.update(reading("stat.t2-unchanged"));
    // cpu0 did not move at all (Δtotal 0): no data rather than 0 % or NaN
    ASSERT_EQ(samples.size(), 2u);
    // cpu1: user +5, idle +5
    expectShares(samples[0], 1, 0.5, 0.0, 0.0, 0.5);
    // cpu3: idle +20 only
    expectShares(samples[1], 3, 0.0, 0.0, 0.0, 0.0);
}

TEST(CpuUsage, EveryCounterBackwardsIsNoData)
{
    CpuUsage usage;
    usage.update({ticks(0, 100, 100)});
    EXPECT_TRUE(usage.update({ticks(0, 90, 80)}).empty());
    // the lower reading is the new baseline
    const auto samples = usage.update({ticks(0, 93, 81)});
    ASSERT_EQ(samples.size(), 1u);
    expectShares(samples[0], 0, 0.75, 0.0, 0.0, 0.75);
}

TEST(CpuUsage, CoreThatGoesOfflineStartsAfreshWhenItReturns)
{
    CpuUsage usage;
    usage.update({ticks(0, 10, 10), ticks(2, 10, 10)});
    const auto withoutTwo = usage.update({ticks(0, 15, 15)});
    ASSERT_EQ(withoutTwo.size(), 1u);
    EXPECT_EQ(withoutTwo[0].cpu, 0);

    // cpu2 is back: its first reading since then has no baseline
    const auto back = usage.update({ticks(0, 16, 19), ticks(2, 30, 30)});
    ASSERT_EQ(back.size(), 1u);
    expectShares(back[0], 0, 0.2, 0.0, 0.0, 0.2);

    const auto next = usage.update({ticks(0, 16, 19), ticks(2, 31, 33)});
    ASSERT_EQ(next.size(), 1u);
    expectShares(next[0], 2, 0.25, 0.0, 0.0, 0.25);
}

TEST(CpuUsage, RealProcStatGivesConsistentShares)
{
    ProcReader reader;
    CpuUsage usage;
    usage.update(reader.cpuTicks());
    // 10 ms ticks: spin long enough that every core's counters move
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(150);
    volatile std::uint64_t spin = 0;
    while (std::chrono::steady_clock::now() < until)
        spin = spin + 1;

    const auto samples = usage.update(reader.cpuTicks());
    ASSERT_FALSE(samples.empty());
    for (const CoreSample& s : samples) {
        SCOPED_TRACE("cpu " + std::to_string(s.cpu));
        for (double share : {s.user, s.system, s.iowait, s.busy}) {
            EXPECT_GE(share, 0.0);
            EXPECT_LE(share, 1.0);
        }
        EXPECT_LE(s.user + s.system, s.busy + 1e-9);
        EXPECT_LE(s.busy + s.iowait, 1.0 + 1e-9);
    }
}
