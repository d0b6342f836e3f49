#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "RunHelpers.h"
#include "catalogue/Catalogue.h"
#include "ipc/ShmRing.h"
#include "runtime/WorkerContext.h"
#include "workloads/MessagingLatency.h"

using namespace corelab;
using namespace corelab::test;

namespace {

enum Channel { Shm = 0, Pipe = 1, Socket = 2, Queue = 3 };

// Bucket middles worked out by hand from MessagingLatency.h: a power of two 2^e opens
// the bucket [2^e, 2^e + 2^(e-2)), whose middle is 2^e · 1.125.
constexpr std::uint64_t kFast = 1024, kFastMid = 1152;
constexpr std::uint64_t kSlow = 65536, kSlowMid = 73728;
constexpr std::uint64_t kStall = 1048576, kStallMid = 1179648;

MessageLatencyHistogram histogram(std::initializer_list<std::pair<std::uint64_t, int>> latencies)
{
    MessageLatencyHistogram h;
    for (auto [ns, times] : latencies)
        for (int i = 0; i < times; ++i)
            h.record(ns);
    return h;
}

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

std::map<std::string, double> expectMessagesMoved(const ExperimentSpec& spec)
{
    const RunRecord r = runToEnd(spec);
    const auto& f = r.summary.figures;
    const std::string what = std::string(toString(spec.model)) + " channel " +
                             std::to_string(static_cast<int>(spec.params.at("channel")));
    EXPECT_TRUE(f.count("messages") && f.count("latency_p50_us")) << what;
    if (!f.count("messages") || !f.count("latency_p50_us")) return f;
    EXPECT_GT(f.at("messages"), 0) << what;
    EXPECT_GT(f.at("mb_per_s"), 0) << what;
    EXPECT_GT(f.at("latency_p50_us"), 0) << what;
    EXPECT_LE(f.at("latency_p50_us"), f.at("latency_p99_us")) << what;
    // a bucket's middle is at most 12.5 % above the latencies in it
    EXPECT_LE(f.at("latency_p99_us"), f.at("latency_max_us") * 1.13) << what;
    return f;
}

void expectPairsPooled(const ExperimentSpec& spec)
{
    const auto f = expectMessagesMoved(spec);
    EXPECT_EQ(f.count("pairs") ? f.at("pairs") : 0, spec.totalWorkers() / 2);
    EXPECT_GT(f.count("latency_p99_us") ? f.at("latency_p99_us") : 0, 0);
}

} // namespace

TEST(MessagingLatency, BucketsTileTheLineAndTheirMiddleIsWithinAnEighth)
{
    using H = MessageLatencyHistogram;
    for (std::uint64_t ns = 0; ns < 4; ++ns)
        EXPECT_EQ(H::middle(H::index(ns)), ns);
    // the error grows towards a bucket's edges: checking both edges checks the bucket
    for (int e = 2; e < 63; ++e)
        for (std::uint64_t sub = 0; sub < 4; ++sub) {
            const std::uint64_t width = std::uint64_t{1} << (e - 2), low = (4 + sub) * width;
            const std::uint64_t high = low + width - 1;
            ASSERT_EQ(H::index(high), H::index(low)) << low;
            ASSERT_EQ(H::index(high + 1), H::index(low) + 1) << low;
            const auto mid = static_cast<double>(H::middle(H::index(low)));
            EXPECT_LE(mid - static_cast<double>(low), static_cast<double>(low) / 8) << low;
            EXPECT_LE(static_cast<double>(high) - mid, static_cast<double>(high) / 8) << low;
        }
    EXPECT_EQ(H::middle(H::index(kFast)), kFastMid);
    EXPECT_EQ(H::middle(H::index(kSlow)), kSlowMid);
    EXPECT_EQ(H::middle(H::index(kStall)), kStallMid);
}

TEST(MessagingLatency, PooledMedianIsNotTheMedianOfThePairsMedians)
{
    // pair A mostly fast, pair B mostly slow: 110 of the 200 messages are fast
    const std::vector<MessageLatencyHistogram> pairs = {
        histogram({{kFast, 70}, {kSlow, 30}}),
        histogram({{kFast, 40}, {kSlow, 60}}),
    };
    ASSERT_EQ(pairs[0].percentile(50), kFastMid); // the 50th of 100
    ASSERT_EQ(pairs[1].percentile(50), kSlowMid);
    // the old figure, the pairs' medians weighted by messages, is a latency no message had
    const double weighted = (kFastMid * 100.0 + kSlowMid * 100.0) / 200;
    EXPECT_EQ(weighted, 37440);

    const MessageLatencyHistogram all = merged(pairs);
    EXPECT_EQ(all.total(), 200u);
    EXPECT_EQ(all.percentile(50), kFastMid); // the 100th of 200: fast
    EXPECT_EQ(all.percentile(99), kSlowMid); // the 198th
}

TEST(MessagingLatency, PooledP99IsNotTheWorstPairsP99)
{
    // a busy pair with a few slow messages, and a pair of 10 messages half of them stalled
    const std::vector<MessageLatencyHistogram> pairs = {
        histogram({{kFast, 985}, {kSlow, 15}}),
        histogram({{kFast, 5}, {kStall, 5}}),
    };
    ASSERT_EQ(pairs[0].percentile(99), kSlowMid);  // the 990th of 1000
    ASSERT_EQ(pairs[1].percentile(99), kStallMid); // the 10th of 10: the old figure

    // 1010 messages: the 1000th is past the 990 fast ones and before the 5 stalled
    const MessageLatencyHistogram all = merged(pairs);
    EXPECT_EQ(all.percentile(99), kSlowMid);
    EXPECT_EQ(all.percentile(50), kFastMid);
    EXPECT_EQ(all.percentile(100), kStallMid);
}

TEST(MessagingLatency, PooledPercentileLiesBetweenThePairs)
{
    std::mt19937_64 rng(42);
    std::lognormal_distribution<double> latencyNs(9.0, 1.5);
    std::uniform_int_distribution<int> pairCount(2, 6), messages(1, 3000);
    for (int round = 0; round < 50; ++round) {
        std::vector<MessageLatencyHistogram> pairs(static_cast<std::size_t>(pairCount(rng)));
        for (auto& h : pairs) {
            // each pair its own scale, as pairs sharing a core or not
            const double scale = std::ldexp(1.0, static_cast<int>(rng() % 8));
            for (int n = messages(rng); n > 0; --n)
                h.record(static_cast<std::uint64_t>(latencyNs(rng) * scale));
        }
        const MessageLatencyHistogram all = merged(pairs);
        for (unsigned percent : {1u, 50u, 90u, 99u, 100u}) {
            std::uint64_t lo = UINT64_MAX, hi = 0;
            for (const auto& h : pairs) {
                lo = std::min(lo, h.percentile(percent));
                hi = std::max(hi, h.percentile(percent));
            }
            EXPECT_GE(all.percentile(percent), lo) << "round " << round << " p" << percent;
            EXPECT_LE(all.percentile(percent), hi) << "round " << round << " p" << percent;
        }
    }
}

TEST(MessagingLatency, SummaryPoolsTheHistogramsInTheSharedArea)
{
    ExperimentSpec spec = messagingSpec(Model::Processes, Shm, 4);
    ASSERT_FALSE(validate(spec).has_value());
    std::vector<std::byte> area(pairHistogramsBytes(2));
    auto pairs = pairHistograms(area.data(), 2);
    // medians fast and slow, p99s slow and stalled; of the 1100 messages the 550th is
    // fast and the 1089th slow (the old figures: 7.75 µs and the stalled pair's p99)
    pairs[0] = histogram({{kFast, 700}, {kSlow, 300}});
    pairs[1] = histogram({{kFast, 40}, {kSlow, 55}, {kStall, 5}});

    const SampleDigest samples;
    WorkloadResult result{spec,
                          std::vector<std::array<std::uint64_t, kMaxFigures>>(4),
                          std::vector<std::uint64_t>(4),
                          1.0,
                          samples,
                          area.data()};
    std::map<std::string, double> out;
    findWorkload("messaging")->summarize(result, out);
    EXPECT_EQ(out["pairs"], 2);
    EXPECT_DOUBLE_EQ(out["latency_p50_us"], kFastMid / 1e3);
    EXPECT_DOUBLE_EQ(out["latency_p99_us"], kSlowMid / 1e3);
}

// A producer asleep on a full ring costs a sleep and a wake-up each time it is woken:
// woken at every freed slot, a producer far faster than its consumer paid both for
// every message (the threads' pointer queue: ~0.9 voluntary switches per message, and
// under others' load the hand-off, not the message, set its CPU per message). It is
// woken once half the ring is free, and refills half a ring per wake-up.
TEST(ShmRing, AProducerWaitingForSpaceIsWokenOnceHalfTheRingIsFree)
{
    constexpr std::size_t kSlots = 8;
    std::vector<std::byte> memory(ShmRing::bytesFor(kSlots, sizeof(std::uint64_t)) + 64);
    // the header's atomics want a cache line of their own, as in the shared area
    void* base = memory.data();
    std::size_t room = memory.size();
    ASSERT_TRUE(std::align(64, ShmRing::bytesFor(kSlots, sizeof(std::uint64_t)), base, room));
    ShmRing ring(static_cast<std::byte*>(base), kSlots, sizeof(std::uint64_t));
    auto& header = *static_cast<ShmRing::Header*>(base);
    for (std::uint64_t n = 0; n < kSlots; ++n)
        ASSERT_TRUE(ring.tryPush(&n));
    const std::uint64_t extra = 99;
    ASSERT_FALSE(ring.tryPush(&extra)) << "full";
    header.producerWaiting.store(1); // what a producer asleep in waitForSpace says
    const std::uint32_t asleep = header.spaceSeq.load();
    std::uint64_t n = 0;
    for (std::size_t freed = 1; freed < kSlots / 2; ++freed) {
        ASSERT_TRUE(ring.tryPop(&n));
        EXPECT_EQ(header.spaceSeq.load(), asleep) << "woken with " << freed << " slots free";
    }
    ASSERT_TRUE(ring.tryPop(&n));
    EXPECT_NE(header.spaceSeq.load(), asleep) << "not woken with half the ring free";
    EXPECT_EQ(n, kSlots / 2 - 1) << "messages come out in order";
    // a consumer drains the ring before it sleeps itself: it wakes the producer on the way
    header.spaceSeq.store(asleep);
    while (ring.tryPop(&n)) {}
    EXPECT_NE(header.spaceSeq.load(), asleep);
    EXPECT_EQ(n, kSlots - 1);
}

TEST(Messaging, ThreadsMoveMessagesThroughMemory)
{
    expectMessagesMoved(messagingSpec(Model::Threads, Shm));
}

TEST(Messaging, ProcessesMoveMessagesThroughEveryChannel)
{
    for (Channel c : {Shm, Pipe, Socket})
        expectMessagesMoved(messagingSpec(Model::Processes, c));
}

// Only a pointer crosses the queue; every message still arrives whole and timed, and
// several pairs each have their own queue.
TEST(Messaging, ThreadsHandPointersThroughAQueue)
{
    expectMessagesMoved(messagingSpec(Model::Threads, Queue));
    expectPairsPooled(messagingSpec(Model::Threads, Queue, 4));
}

// The largest message is larger than a pipe's buffer: it moves in several writes.
TEST(Messaging, MegabyteMessagesMoveThroughEveryChannel)
{
    for (auto [model, channel] :
         {std::pair{Model::Threads, Queue}, std::pair{Model::Processes, Pipe},
          std::pair{Model::Processes, Shm}}) {
        ExperimentSpec s = messagingSpec(model, channel);
        s.params["message-bytes"] = 1 << 20;
        EXPECT_FALSE(validate(s).has_value());
        expectMessagesMoved(s);
    }
}

TEST(Messaging, HybridPairsMoveMessages)
{
    ExperimentSpec s = messagingSpec(Model::Hybrid, Shm);
    s.threadsPerProcess = 2;
    expectMessagesMoved(s);
}

TEST(Messaging, SeveralPairsPoolTheirLatenciesInThreads)
{
    expectPairsPooled(messagingSpec(Model::Threads, Shm, 4));
}

TEST(Messaging, SeveralPairsPoolTheirLatenciesInProcesses)
{
    expectPairsPooled(messagingSpec(Model::Processes, Shm, 4));
    expectPairsPooled(messagingSpec(Model::Processes, Pipe, 4));
}

TEST(Messaging, SeveralPairsPoolTheirLatenciesInHybrid)
{
    // three threads per process: pair 1 (workers 2 and 3) spans two processes
    ExperimentSpec s = messagingSpec(Model::Hybrid, Shm, 2);
    s.threadsPerProcess = 3;
    expectPairsPooled(s);
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

TEST(Messaging, APointerQueueIsForThreadsOnly)
{
    ExperimentSpec s = messagingSpec(Model::Threads, Queue);
    EXPECT_FALSE(validate(s).has_value());
    s.model = Model::Processes;
    const auto err = validate(s);
    ASSERT_TRUE(err.has_value());
    EXPECT_NE(err->message.find("pointers"), std::string::npos) << err->message;
    s.model = Model::Hybrid;
    s.threadsPerProcess = 2;
    EXPECT_TRUE(validate(s).has_value()) << "hybrid pairs may span two processes";
}
