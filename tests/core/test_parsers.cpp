#include "probe/Parsers.h"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

using namespace corelab::probe;

namespace {

std::string fixture(const std::string& relative)
{
    std::ifstream in(std::string(CORELAB_FIXTURES) + "/proc/" + relative);
    EXPECT_TRUE(in) << "missing fixture " << relative;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

constexpr std::uint64_t kKiB = 1024;

} // namespace

TEST(ParseProcStat, KeysCoresByIdAndSkipsTheAggregateLine)
{
    const auto cpus = parseProcStat(fixture("stat"));
    ASSERT_EQ(cpus.size(), 3u);
    EXPECT_EQ(cpus[0].cpu, 0);
    EXPECT_EQ(cpus[1].cpu, 1);
    EXPECT_EQ(cpus[2].cpu, 3); // cpu2 is offline in the fixture

    EXPECT_EQ(cpus[1].user, 2724u);
    EXPECT_EQ(cpus[1].iowait, 924u);
    EXPECT_EQ(cpus[1].softirq, 172u);
}

TEST(ParseProcStat, ReadsEveryFieldAndIgnoresGuest)
{
    // cpu3 1460 12 1400 23268 16 3 97 2 5 0
    const auto cpus = parseProcStat(fixture("stat"));
    ASSERT_EQ(cpus.size(), 3u);
    const CpuTicks& t = cpus[2];
    EXPECT_EQ(t.user, 1460u);
    EXPECT_EQ(t.nice, 12u);
    EXPECT_EQ(t.system, 1400u);
    EXPECT_EQ(t.idle, 23268u);
    EXPECT_EQ(t.iowait, 16u);
    EXPECT_EQ(t.irq, 3u);
    EXPECT_EQ(t.softirq, 97u);
    EXPECT_EQ(t.steal, 2u);
    EXPECT_EQ(t.total(), 1460u + 12 + 1400 + 23268 + 16 + 3 + 97 + 2);
}

TEST(ParseProcStat, AcceptsOldKernelsWithFourFields)
{
    const auto cpus = parseProcStat("cpu  2 4 6 8\ncpu0 1 2 3 4\ncpu1 1 2 3 4\n");
    ASSERT_EQ(cpus.size(), 2u);
    EXPECT_EQ(cpus[0].idle, 4u);
    EXPECT_EQ(cpus[0].iowait, 0u);
    EXPECT_EQ(cpus[0].steal, 0u);
}

TEST(ParseProcStat, SkipsMalformedLines)
{
    const auto cpus = parseProcStat("cpu0 1 x 3 4\n"
                                    "cpu1 1 2 3\n"
                                    "cpux 1 2 3 4\n"
                                    "cpu-1 1 2 3 4\n"
                                    "cpu2 5 6 7 8 9 10 11 12 13 14\n"
                                    "cpu3 1 2"); // a read cut short
    ASSERT_EQ(cpus.size(), 1u);
    EXPECT_EQ(cpus[0].cpu, 2);
    EXPECT_EQ(cpus[0].steal, 12u);
}

TEST(ParseProcStat, EmptyOrForeignTextGivesNothing)
{
    EXPECT_TRUE(parseProcStat("").empty());
    EXPECT_TRUE(parseProcStat("intr 1 2 3\nctxt 4\n").empty());
}

TEST(ParseSchedstat, ReadsTheThreeCounters)
{
    const auto s = parseSchedstat(fixture("4242/task/4243/schedstat"));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->runNs, 48213377u);
    EXPECT_EQ(s->waitNs, 1902211u);
    EXPECT_EQ(s->timeslices, 57u);
}

TEST(ParseSchedstat, RejectsBadText)
{
    EXPECT_FALSE(parseSchedstat(""));
    EXPECT_FALSE(parseSchedstat("1 2\n"));
    EXPECT_FALSE(parseSchedstat("1 x 3\n"));
    EXPECT_FALSE(parseSchedstat("-1 2 3\n"));
}

TEST(ParseTaskStat, SplitsAfterTheLastParenthesis)
{
    // the fixture's name is "work (1) ) Z 7": a split at the first ')' reads state ' '
    const std::string text = fixture("4242/task/4243/stat");
    const auto s = parseTaskStat(text);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->pid, 4243);
    EXPECT_EQ(s->comm, "work (1) ) Z 7");
    EXPECT_EQ(s->state, 'R');
    EXPECT_EQ(s->ppid, 4242);
    EXPECT_EQ(s->pgrp, 4242);
    EXPECT_EQ(s->session, 4095);
    EXPECT_EQ(s->minorFaults, 1234u);
    EXPECT_EQ(s->majorFaults, 5u);
    EXPECT_EQ(s->utimeTicks, 321u);
    EXPECT_EQ(s->stimeTicks, 45u);
    EXPECT_EQ(s->numThreads, 3);
    EXPECT_EQ(s->processor, 1);
}

TEST(ParseTaskStat, NameWithSpacesAndNestedParentheses)
{
    // fields 3-22, then 23-37 zero, 38 exit_signal, 39 processor
    const std::string text =
        "1234 (my (odd) name) S 1 1234 1234 0 -1 4194560 10 0 2 0 7 8 0 0 20 0 1 "
        "0 100 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 1\n";
    const auto s = parseTaskStat(text);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->pid, 1234);
    EXPECT_EQ(s->comm, "my (odd) name");
    EXPECT_EQ(s->state, 'S');
    EXPECT_EQ(s->ppid, 1);
    EXPECT_EQ(s->pgrp, 1234);
    EXPECT_EQ(s->minorFaults, 10u);
    EXPECT_EQ(s->majorFaults, 2u);
    EXPECT_EQ(s->utimeTicks, 7u);
    EXPECT_EQ(s->stimeTicks, 8u);
    EXPECT_EQ(s->numThreads, 1);
    EXPECT_EQ(s->processor, 1);
}

TEST(ParseTaskStat, RejectsBadText)
{
    EXPECT_FALSE(parseTaskStat(""));
    EXPECT_FALSE(parseTaskStat("1234 cat R 1 2 3\n"));
    EXPECT_FALSE(parseTaskStat("1234 (cat\n"));
    // ends at field 38: processor missing
    EXPECT_FALSE(parseTaskStat("1 (a) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 "
                               "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17\n"));
    EXPECT_FALSE(parseTaskStat("x (a) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 "
                               "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0\n"));
    EXPECT_FALSE(parseTaskStat("1 (a) SS 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 "
                               "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0\n"));
    EXPECT_FALSE(parseTaskStat("1 (a) S x 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 "
                               "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0\n"));
}

TEST(ParseStatusCtx, ReadsBothCounters)
{
    const auto c = parseStatusCtx(fixture("4242/task/4243/status"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->voluntary, 152u);
    EXPECT_EQ(c->involuntary, 37u);
}

TEST(ParseStatusCtx, NeedsBothCounters)
{
    EXPECT_FALSE(parseStatusCtx(""));
    EXPECT_FALSE(parseStatusCtx("voluntary_ctxt_switches:\t3\n"));
    EXPECT_FALSE(parseStatusCtx("nonvoluntary_ctxt_switches:\t3\n"));
    EXPECT_FALSE(parseStatusCtx("voluntary_ctxt_switches:\tx\nnonvoluntary_ctxt_switches:\t3\n"));
}

TEST(ParseSmapsRollup, ConvertsKibToBytes)
{
    const auto r = parseSmapsRollup(fixture("4242/smaps_rollup"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rss, 5120 * kKiB);
    EXPECT_EQ(r->pss, 2345 * kKiB); // not Pss_Dirty (999)
    EXPECT_EQ(r->sharedClean, 2900 * kKiB);
    EXPECT_EQ(r->sharedDirty, 100 * kKiB);
    EXPECT_EQ(r->privateClean, 620 * kKiB);
    EXPECT_EQ(r->privateDirty, 1500 * kKiB);
    EXPECT_EQ(r->swap, 64 * kKiB); // not SwapPss (32)
    EXPECT_EQ(r->uss(), (620 + 1500) * kKiB);
    EXPECT_EQ(r->shared(), (2900 + 100) * kKiB);
}

TEST(ParseSmapsRollup, RssAloneIsEnough)
{
    const auto r = parseSmapsRollup("Rss:     8 kB\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rss, 8 * kKiB);
    EXPECT_EQ(r->pss, 0u);
}

TEST(ParseSmapsRollup, RejectsTextWithoutUsableRss)
{
    EXPECT_FALSE(parseSmapsRollup(""));
    EXPECT_FALSE(parseSmapsRollup("Pss:     8 kB\n"));
    EXPECT_FALSE(parseSmapsRollup("Rss:     8\n"));
    EXPECT_FALSE(parseSmapsRollup("Rss:     x kB\n"));
    EXPECT_FALSE(parseSmapsRollup("Rss:     18446744073709551615 kB\n")); // overflows in bytes
}

TEST(ParsePressure, TakesTheTotalOfTheSomeLine)
{
    // the fixture's "full" line says total=1234
    EXPECT_EQ(parsePressureSomeTotalUs(fixture("pressure/cpu")), 7953631u);
    EXPECT_EQ(parsePressureSomeTotalUs("full avg10=0.00 avg60=0.00 avg300=0.00 total=5\n"
                                       "some avg10=0.00 avg60=0.00 avg300=0.00 total=9\n"),
              9u);
}

TEST(ParsePressure, RejectsBadText)
{
    EXPECT_FALSE(parsePressureSomeTotalUs(""));
    EXPECT_FALSE(parsePressureSomeTotalUs("full avg10=0.00 avg60=0.00 avg300=0.00 total=5\n"));
    EXPECT_FALSE(parsePressureSomeTotalUs("some avg10=0.00 avg60=0.00 avg300=0.00\n"));
    EXPECT_FALSE(parsePressureSomeTotalUs("some total=abc\n"));
}

TEST(ParseCpuList, ExpandsRangesAndSingles)
{
    EXPECT_EQ(parseCpuList("0-3,5,7-8\n"), (std::vector<int>{0, 1, 2, 3, 5, 7, 8}));
    EXPECT_EQ(parseCpuList("0\n"), std::vector<int>{0});
    EXPECT_EQ(parseCpuList("2-2"), std::vector<int>{2});
}

TEST(ParseCpuList, EmptyOrBadTextGivesNothing)
{
    EXPECT_TRUE(parseCpuList("").empty());
    EXPECT_TRUE(parseCpuList("\n").empty()); // /sys/…/cpu/offline with nothing offline
    EXPECT_TRUE(parseCpuList("3-1").empty());
    EXPECT_TRUE(parseCpuList("0-3,").empty());
    EXPECT_TRUE(parseCpuList("1-").empty());
    EXPECT_TRUE(parseCpuList("a").empty());
    EXPECT_TRUE(parseCpuList("0-2147483647").empty());
}

TEST(ParseCpuMax, QuotaOverPeriod)
{
    EXPECT_EQ(parseCpuMax("200000 100000\n"), 2.0);
    EXPECT_EQ(parseCpuMax("150000 100000\n"), 1.5);
}

TEST(ParseCpuMax, NoLimitOrBadTextGivesNothing)
{
    EXPECT_FALSE(parseCpuMax("max 100000\n"));
    EXPECT_FALSE(parseCpuMax(""));
    EXPECT_FALSE(parseCpuMax("100000\n"));
    EXPECT_FALSE(parseCpuMax("100000 0\n"));
    EXPECT_FALSE(parseCpuMax("0 100000\n"));
    EXPECT_FALSE(parseCpuMax("abc def\n"));
}
