#include <map>
#include <string>

#include <gtest/gtest.h>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;

namespace {

ExperimentSpec asyncSpec(const std::string& workload, int inFlight,
                         std::map<std::string, double> params)
{
    ExperimentSpec s;
    s.workload = workload;
    s.model = Model::Async;
    s.workers = inFlight;
    s.durationS = 1.5;
    s.params = std::move(params);
    return s;
}

} // namespace

// What 64 sleeping threads do, one thread does with 64 timers in flight.
TEST(AsyncModel, SixtyFourRequestsInFlightOnOneThread)
{
    const Summary s = runToEnd(asyncSpec("io", 64, {{"mode", 0}, {"latency-ms", 10}})).summary;
    EXPECT_EQ(s.workers, 1);
    EXPECT_EQ(s.processes, 1);
    EXPECT_EQ(s.figures.at("in_flight"), 64);
    EXPECT_GT(s.figures.at("requests_per_s"), 0.5 * 64 * 100);
    EXPECT_LT(s.busyCoresMean, 0.5);
}

// 10,000 requests in flight need no more than one thread and one timer descriptor.
TEST(AsyncModel, TenThousandInFlight)
{
    const Summary s = runToEnd(asyncSpec("io", 10000, {{"mode", 0}, {"latency-ms", 100}})).summary;
    EXPECT_EQ(s.figures.at("in_flight"), 10000);
    EXPECT_GT(s.figures.at("requests_per_s"), 0.25 * 10000 * 10);
    ASSERT_TRUE(s.peakRssBytes);
    EXPECT_LT(*s.peakRssBytes, 64u << 20);
}

// Sockets in the loop: each stream is one connection to the leader's echo server.
TEST(AsyncModel, SocketStreamsGetReplies)
{
    const Summary s = runToEnd(asyncSpec("io", 32, {{"mode", 2}, {"latency-ms", 10}})).summary;
    EXPECT_EQ(s.figures.at("in_flight"), 32);
    EXPECT_GT(s.figures.at("requests_per_s"), 0.3 * 32 * 100);
    EXPECT_GE(s.figures.at("latency_p50_ms"), 10 * 0.9);
}

TEST(AsyncModel, OnlyWorkloadsThatWait)
{
    ExperimentSpec s = asyncSpec("cpu", 4, {});
    EXPECT_TRUE(validate(s).has_value());
    s = asyncSpec("io", 4, {{"mode", 1}}); // regular files never block in epoll's sense
    EXPECT_TRUE(validate(s).has_value());
    s = asyncSpec("mixed", 100000, {});
    EXPECT_FALSE(validate(s).has_value());
    s.workers = 100001;
    EXPECT_TRUE(validate(s).has_value());
    s = asyncSpec("io", 8, {});
    s.restart = true;
    EXPECT_TRUE(validate(s).has_value());
}

// The same number of waiting requests costs far less memory on one event loop than
// on one thread each (every thread has its own stack and kernel bookkeeping).
TEST(AsyncModel, BeatsAThreadPerRequestOnMemory)
{
    const int n = 2000;
    ExperimentSpec loop = asyncSpec("io", n, {{"mode", 0}, {"latency-ms", 100}});
    ExperimentSpec threads = loop;
    threads.model = Model::Threads;
    const Summary a = runToEnd(loop).summary;
    const Summary t = runToEnd(threads).summary;
    ASSERT_TRUE(a.peakRssBytes && t.peakRssBytes);
    ASSERT_GT(*a.peakRssBytes, 0u);
    EXPECT_GT(*t.peakRssBytes, 2 * *a.peakRssBytes)
        << "async " << *a.peakRssBytes << " B, threads " << *t.peakRssBytes << " B";
    EXPECT_GT(a.figures.at("requests_per_s"), 0.5 * t.figures.at("requests_per_s"))
        << "and it still keeps up";
}
