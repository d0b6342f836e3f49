#include <gtest/gtest.h>

#include "RunHelpers.h"

using namespace corelab;
using namespace corelab::test;

namespace {

enum Channel { Shm = 0, Pipe = 1, Socket = 2 };

ExperimentSpec messagingSpec(Model model, Channel channel, int workers = 2)
{
    ExperimentSpec s;
    s.workload = "messaging";
    s.model = model;
    s.workers = workers;
    s.durationS = 0.4;
    s.params = {{"channel", channel}};
    return s;
}

void expectMessagesMoved(const ExperimentSpec& spec)
{
    const RunRecord r = runToEnd(spec);
    const auto& f = r.summary.figures;
    const std::string what = std::string(toString(spec.model)) + " channel " +
                             std::to_string(static_cast<int>(spec.params.at("channel")));
    ASSERT_TRUE(f.count("messages") && f.count("latency_p50_us")) << what;
    EXPECT_GT(f.at("messages"), 0) << what;
    EXPECT_GT(f.at("mb_per_s"), 0) << what;
    EXPECT_GT(f.at("latency_p50_us"), 0) << what;
    EXPECT_LE(f.at("latency_p50_us"), f.at("latency_p99_us")) << what;
    EXPECT_LE(f.at("latency_p99_us"), f.at("latency_max_us") * 1.13) << what; // bucket width
}

} // namespace

TEST(Messaging, ThreadsMoveMessagesThroughMemory)
{
    expectMessagesMoved(messagingSpec(Model::Threads, Shm));
}

TEST(Messaging, ProcessesMoveMessagesThroughEveryChannel)
{
    for (Channel c : {Shm, Pipe, Socket})
        expectMessagesMoved(messagingSpec(Model::Processes, c));
}

TEST(Messaging, HybridPairsMoveMessages)
{
    ExperimentSpec s = messagingSpec(Model::Hybrid, Shm);
    s.threadsPerProcess = 2;
    expectMessagesMoved(s);
}

TEST(Messaging, PacedMessagesArriveAtTheirRate)
{
    ExperimentSpec s = messagingSpec(Model::Processes, Shm);
    s.params["send-rate"] = 1000;
    const RunRecord r = runToEnd(s);
    // 0.4 s at 1000/s: ~400, never more than the pace allows
    EXPECT_GT(r.summary.figures.at("messages"), 100);
    EXPECT_LE(r.summary.figures.at("messages"), 1000 * r.summary.wallS + 2);
}

TEST(Messaging, CombinationsThatMakeNoSenseAreRefused)
{
    ExperimentSpec odd = messagingSpec(Model::Threads, Shm, 3);
    EXPECT_TRUE(validate(odd).has_value());
    ExperimentSpec exec = messagingSpec(Model::Processes, Pipe);
    exec.spawn = SpawnMethod::Exec;
    EXPECT_TRUE(validate(exec).has_value());
    exec.params["channel"] = Shm;
    EXPECT_FALSE(validate(exec).has_value());
}
