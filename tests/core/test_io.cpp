#include <filesystem>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;

namespace {

ExperimentSpec ioSpec(Model model, int workers, double mode,
                      std::map<std::string, double> extra = {})
{
    ExperimentSpec s;
    s.workload = "io";
    s.model = model;
    s.workers = workers;
    s.durationS = 1.5;
    s.params = std::move(extra);
    s.params["mode"] = mode;
    return s;
}

int leftoverDataFiles()
{
    int n = 0;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
        if (e.path().filename().string().rfind("corelab-io-", 0) == 0) ++n;
    return n;
}

} // namespace

// 64 threads that each wait 10 ms per request could finish 6,400 requests/s; waiting
// costs no CPU, so they get close to that on well under one core.
TEST(IoWorkload, SleepingThreadsReachTheirRateOnLittleCpu)
{
    const Summary s = runToEnd(ioSpec(Model::Threads, 64, 0, {{"latency-ms", 10}})).summary;
    const double ideal = 64 * 100.0;
    EXPECT_GT(s.figures.at("requests_per_s"), 0.5 * ideal);
    EXPECT_LT(s.busyCoresMean, 0.5);
    EXPECT_GE(s.figures.at("latency_p50_ms"), 10 * 0.9); // a bucket is ≤ 12.5 % wide
}

// Without DONTNEED the 4 KiB reads come from the page cache; with it they reach the
// disk. Either way the unlinked data file leaves no name behind.
TEST(IoWorkload, FileReadsHitTheCacheUnlessDropped)
{
    const int before = leftoverDataFiles();
    ExperimentSpec cached = ioSpec(Model::Threads, 2, 1, {{"file-mib", 8}});
    ExperimentSpec dropped = ioSpec(Model::Processes, 2, 1, {{"file-mib", 8}, {"drop-cache", 1}});
    cached.durationS = dropped.durationS = 0.5;
    const Summary c = runToEnd(cached).summary;
    const Summary d = runToEnd(dropped).summary;
    EXPECT_LT(c.figures.at("disk_read_share"), 0.2);
    EXPECT_GT(d.figures.at("disk_read_share"), 0.5);
    EXPECT_GT(c.figures.at("requests_per_s"), d.figures.at("requests_per_s"));
    EXPECT_EQ(leftoverDataFiles(), before);
}

// Forked workers talk to the leader's echo server; each round trip takes at least
// the configured delay.
TEST(IoWorkload, SocketRoundTripsTakeTheServersDelay)
{
    const Summary s = runToEnd(ioSpec(Model::Processes, 4, 2, {{"latency-ms", 20}})).summary;
    EXPECT_GT(s.figures.at("requests_per_s"), 0.3 * 4 * 50);
    EXPECT_GE(s.figures.at("latency_p50_ms"), 20 * 0.9);
    EXPECT_GE(s.figures.at("latency_p99_ms"), s.figures.at("latency_p50_ms"));
}

TEST(IoWorkload, FileAndSocketNeedForkedWorkers)
{
    ExperimentSpec s = ioSpec(Model::Processes, 2, 1);
    s.spawn = SpawnMethod::Exec;
    EXPECT_TRUE(validate(s).has_value());
    s.params["mode"] = 0;
    EXPECT_FALSE(validate(s).has_value());
}
