#include <algorithm>
#include <cstring>
#include <ctime>
#include <optional>
#include <vector>

#include "catalogue/Catalogue.h"
#include "ipc/Channels.h"
#include "ipc/ShmRing.h"
#include "runtime/WorkerContext.h"
#include "workloads/MessagingLatency.h"
#include "workloads/PairIo.h"

namespace corelab {

namespace {

enum Param { kMessageBytes, kChannel, kRate };
enum class Channel { Shm = 0, Pipe = 1, Socket = 2, Queue = 3 };
// consumer figure slots; a producer uses only kSent. Percentiles come from the
// consumers' histograms in the shared area, not from figures.
enum Figure { kReceived = 0, kLatencySumNs = 1, kMaxNs = 2, kSent = 3 };

constexpr std::int64_t kWaitNs = 10'000'000;
constexpr std::int64_t kBatchNs = 2'000'000;

Channel channelOf(const ExperimentSpec& spec)
{
    return static_cast<Channel>(static_cast<int>(spec.params.at("channel")));
}

std::size_t messageBytes(const ExperimentSpec& spec)
{
    return static_cast<std::size_t>(spec.params.at("message-bytes"));
}

// Room for ~256 KiB in flight per pair, never fewer than 4 messages.
std::size_t ringSlots(std::size_t bytes)
{
    return std::clamp<std::size_t>((256 * 1024) / bytes, 4, 1024);
}

int pairsOf(const ExperimentSpec& spec)
{
    return spec.totalWorkers() / 2;
}

// Every channel has the latency histograms; shm adds a ring per pair after them.
std::size_t sharedBytes(const ExperimentSpec& spec)
{
    const std::size_t histograms = pairHistogramsBytes(pairsOf(spec));
    // the spec may not be validated yet when the engine sizes the area
    if (!spec.params.count("message-bytes") || !spec.params.count("channel")) return histograms;
    if (channelOf(spec) != Channel::Shm) return histograms;
    const std::size_t bytes = messageBytes(spec);
    return histograms +
           static_cast<std::size_t>(pairsOf(spec)) * ShmRing::bytesFor(ringSlots(bytes), bytes);
}

// The queue channel: per pair, a ring of pointers and the messages they point to.
// A message is written once, in place, by the producer and read in place by the
// consumer: only its address crosses, as when threads hand objects to each other.
struct alignas(64) Line {
    std::byte bytes[64];
};
struct PointerQueues {
    std::size_t slots = 0;
    std::vector<std::vector<Line>> rings;         // zero-filled: empty rings
    std::vector<std::vector<std::byte>> messages; // slots + 2 per pair
};

// The producer fills message n before it knows there is room for it, and the consumer
// reads the one it popped last: with at most `slots` in the ring, slots + 2 messages
// are never in use twice.
std::size_t poolSize(std::size_t slots)
{
    return slots + 2;
}

PointerQueues* makeQueues(int pairs, std::size_t bytes)
{
    auto* q = new PointerQueues; // lives as long as the leader
    q->slots = ringSlots(bytes);
    const std::size_t ringLines = (ShmRing::bytesFor(q->slots, sizeof(std::byte*)) + 63) / 64;
    for (int p = 0; p < pairs; ++p) {
        q->rings.emplace_back(ringLines, Line{});
        q->messages.emplace_back(poolSize(q->slots) * bytes, std::byte{0x5a});
    }
    return q;
}

void* prepareStreams(const ExperimentSpec& spec, const std::vector<double>& args)
{
    const auto channel = static_cast<Channel>(static_cast<int>(args[kChannel]));
    if (channel == Channel::Shm) return nullptr;
    if (channel == Channel::Queue)
        return makeQueues(spec.totalWorkers() / 2, static_cast<std::size_t>(args[kMessageBytes]));
    const StreamKind kind = channel == Channel::Pipe ? StreamKind::Pipe : StreamKind::Socket;
    // lives as long as the leader; forked workers inherit the fds
    return new std::vector<FdPair>(makeStreams(kind, spec.totalWorkers() / 2));
}

std::string unsupported(const ExperimentSpec& spec)
{
    if (auto why = pairsUnsupported(spec, "messaging"); !why.empty()) return why;
    const auto it = spec.params.find("channel");
    if (it != spec.params.end() &&
        static_cast<Channel>(static_cast<int>(it->second)) == Channel::Queue) {
        if (spec.model == Model::Threads) return "";
        return "the queue channel hands over pointers, which mean nothing in another "
               "process: use --model threads, or shm, pipe or socket";
    }
    const bool stream = it != spec.params.end() && it->second != 0;
    if (stream && spec.model != Model::Threads && spec.spawn == SpawnMethod::Exec)
        return "pipe and socket channels are made by the leader before the fork and are "
               "not inherited through exec: use --spawn fork or --channel shm";
    return "";
}

// One end of a pair's channel: a shared ring (of messages, or of pointers to the
// pool's messages) or a stream fd.
struct End {
    std::optional<ShmRing> ring;
    std::byte* pool = nullptr; // queue channel: the pair's messages
    int fd = -1;
};

End endFor(WorkerContext& ctx, bool producer)
{
    End end;
    const std::size_t bytes = static_cast<std::size_t>(ctx.arg(kMessageBytes));
    if (channelOf(ctx.spec()) == Channel::Queue) {
        auto* q = static_cast<PointerQueues*>(ctx.leaderState());
        if (!q) return end;
        const auto pair = static_cast<std::size_t>(pairOf(ctx));
        end.ring.emplace(reinterpret_cast<std::byte*>(q->rings[pair].data()), q->slots,
                         sizeof(std::byte*));
        end.pool = q->messages[pair].data();
    } else if (channelOf(ctx.spec()) == Channel::Shm) {
        const std::size_t ringBytes = ShmRing::bytesFor(ringSlots(bytes), bytes);
        std::byte* rings = ctx.sharedArea() + pairHistogramsBytes(pairsOf(ctx.spec()));
        end.ring.emplace(rings + static_cast<std::size_t>(pairOf(ctx)) * ringBytes,
                         ringSlots(bytes), bytes);
    } else if (auto* streams = static_cast<std::vector<FdPair>*>(ctx.leaderState())) {
        const FdPair& p = (*streams)[static_cast<std::size_t>(pairOf(ctx))];
        end.fd = producer ? p.writeFd : p.readFd;
    }
    return end;
}

// One message, with at most one 10 ms wait when the ring is full: Idle lets the
// caller end its batch and call keepGoing().
// The queue channel pushes the message's address, the shm ring copies the message.
Xfer sendOne(WorkerContext& ctx, End& end, const std::byte* msg, std::size_t bytes)
{
    if (!end.ring) return sendAll(ctx, end.fd, msg, bytes);
    const void* item = end.pool ? static_cast<const void*>(&msg) : msg;
    if (end.ring->tryPush(item)) return Xfer::Done;
    {
        WorkerContext::Blocking blocking(ctx);
        end.ring->waitForSpace(kWaitNs);
    }
    if (ctx.stopRequested()) return Xfer::Ended;
    return end.ring->tryPush(item) ? Xfer::Done : Xfer::Idle;
}

// Fills `msg` with the message, except on the queue channel, where `*inPlace` is
// set to where the message is and nothing is copied.
Xfer recvOne(WorkerContext& ctx, End& end, std::byte* msg, std::size_t bytes,
             const std::byte** inPlace)
{
    if (!end.ring) return recvAll(ctx, end.fd, msg, bytes);
    void* item = end.pool ? static_cast<void*>(inPlace) : msg;
    if (end.ring->tryPop(item)) return Xfer::Done;
    {
        WorkerContext::Blocking blocking(ctx);
        end.ring->waitForData(kWaitNs);
    }
    if (ctx.stopRequested()) return Xfer::Ended;
    return end.ring->tryPop(item) ? Xfer::Done : Xfer::Idle;
}

// With --send-rate, the producer sleeps until message n is due, so latency is measured
// on an idle channel rather than a full queue.
void paceTo(WorkerContext& ctx, std::int64_t dueNs)
{
    const std::int64_t wait = dueNs - monotonicNs();
    if (wait <= 0) return;
    const std::int64_t ns = std::min(wait, kWaitNs);
    timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    WorkerContext::Blocking blocking(ctx);
    nanosleep(&ts, nullptr);
}

void produce(WorkerContext& ctx, End& end, std::vector<std::byte>& msg)
{
    const double rate = ctx.arg(kRate);
    const std::int64_t t0 = monotonicNs();
    std::uint64_t sent = 0;
    while (ctx.keepGoing()) {
        std::uint64_t batch = 0;
        const std::int64_t batchEnd = monotonicNs() + kBatchNs;
        Xfer x = Xfer::Done;
        while (x == Xfer::Done && monotonicNs() < batchEnd && batch < 4096) {
            // unpaced (rate 0) has no due time: 0 / 0 cast to an integer is undefined
            const auto due =
                rate > 0 ? t0 + static_cast<std::int64_t>(static_cast<double>(sent) * 1e9 / rate)
                         : t0;
            if (rate > 0 && monotonicNs() < due) {
                paceTo(ctx, due);
                break;
            }
            std::byte* out = end.pool ? end.pool + (sent % poolSize(end.ring->slots())) * msg.size()
                                      : msg.data();
            const std::int64_t now = monotonicNs();
            std::memcpy(out, &now, sizeof now);
            x = sendOne(ctx, end, out, msg.size());
            if (x == Xfer::Done) ++batch, ++sent;
        }
        ctx.addBatch(batch, batch * msg.size());
        ctx.setFigure(kSent, sent);
        if (x == Xfer::Ended) return;
    }
}

MessageLatencyHistogram& pairHistogram(const WorkerContext& ctx)
{
    const auto pair = static_cast<std::size_t>(pairOf(ctx));
    return pairHistograms(ctx.sharedArea(), pairsOf(ctx.spec()))[pair];
}

// The consumer uses what it received: one load per cache line, wherever the message
// is (its own buffer after a copy, the producer's on the queue channel), so no channel
// is credited with bytes nobody looked at.
std::uint64_t readMessage(const std::byte* msg, std::size_t bytes)
{
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i + sizeof sum <= bytes; i += 64) {
        std::uint64_t word = 0;
        std::memcpy(&word, msg + i, sizeof word);
        sum += word;
    }
    return sum;
}

void consume(WorkerContext& ctx, End& end, std::vector<std::byte>& msg)
{
    MessageLatencyHistogram& hist = pairHistogram(ctx);
    hist.clear(); // a restarted consumer starts over, as its figures do
    std::uint64_t received = 0, sum = 0, worst = 0, seen = 0;
    while (ctx.keepGoing()) {
        std::uint64_t batch = 0;
        const std::int64_t batchEnd = monotonicNs() + kBatchNs;
        Xfer x = Xfer::Done;
        const std::byte* in = msg.data();
        while (batch < 4096 && monotonicNs() < batchEnd &&
               (x = recvOne(ctx, end, msg.data(), msg.size(), &in)) == Xfer::Done) {
            std::int64_t sentNs = 0;
            std::memcpy(&sentNs, in, sizeof sentNs);
            const auto latency =
                static_cast<std::uint64_t>(std::max<std::int64_t>(0, monotonicNs() - sentNs));
            hist.record(latency);
            sum += latency;
            worst = std::max(worst, latency);
            seen += readMessage(in, msg.size());
            ++batch;
        }
        received += batch;
        ctx.addBatch(batch, batch * msg.size());
        ctx.setFigure(kReceived, received);
        ctx.setFigure(kLatencySumNs, sum);
        ctx.setFigure(kMaxNs, worst);
        if (x == Xfer::Ended) break;
    }
    ctx.slot().sink.store(seen, std::memory_order_relaxed);
}

void runMessaging(WorkerContext& ctx)
{
    const bool producer = isFirstOfPair(ctx);
    End end = endFor(ctx, producer);
    if (!end.ring && end.fd < 0) return; // the leader could not make this pair's stream
    std::vector<std::byte> msg(static_cast<std::size_t>(ctx.arg(kMessageBytes)), std::byte{0x5a});
    if (producer)
        produce(ctx, end, msg);
    else
        consume(ctx, end, msg);
}

void summarize(const WorkloadResult& r, std::map<std::string, double>& out)
{
    std::uint64_t received = 0, sumNs = 0, maxNs = 0;
    for (std::size_t i = 1; i < r.figures.size(); i += 2) {
        const auto& f = r.figures[i];
        received += f[kReceived];
        sumNs += f[kLatencySumNs];
        maxNs = std::max(maxNs, f[kMaxNs]);
    }
    const double bytes = static_cast<double>(received) * static_cast<double>(messageBytes(r.spec));
    const int pairs = pairsOf(r.spec);
    out["messages"] = static_cast<double>(received);
    out["messages_per_s"] = r.wallS > 0 ? received / r.wallS : 0;
    out["mb_per_s"] = r.wallS > 0 ? bytes / 1e6 / r.wallS : 0;
    out["pairs"] = static_cast<double>(pairs);
    if (r.sharedArea) {
        const MessageLatencyHistogram all = merged(pairHistograms(r.sharedArea, pairs));
        if (all.total() > 0) {
            out["latency_p50_us"] = static_cast<double>(all.percentile(50)) / 1e3;
            out["latency_p99_us"] = static_cast<double>(all.percentile(99)) / 1e3;
        }
    }
    if (received == 0) return;
    out["latency_mean_us"] = static_cast<double>(sumNs) / static_cast<double>(received) / 1e3;
    out["latency_max_us"] = static_cast<double>(maxNs) / 1e3;
}

} // namespace

WorkloadInfo messagingWorkload()
{
    WorkloadInfo w;
    w.name = "messaging";
    w.description = "Producer→consumer pairs move fixed-size messages through a shared-memory "
                    "ring, a pipe, a socket or (threads) a queue of pointers; latency is "
                    "enqueue to dequeue.";
    w.opUnit = "message sent or received";
    w.params = {
        {"message-bytes", "bytes", 64, 16, 1 << 20,
         "size of one message (its first 8 bytes carry the send time)"},
        {"channel",
         "",
         0,
         0,
         3,
         "shm: lock-free ring in shared memory with futex wake-ups, the message copied in and "
         "out; pipe; socket (AF_UNIX stream); queue (threads only): the same ring carrying "
         "only a pointer to the message, which is never copied",
         {"shm", "pipe", "socket", "queue"}},
        {"send-rate", "messages/s", 0, 0, 1e7,
         "per producer; 0 = as fast as the consumer takes them"},
    };
    w.run = runMessaging;
    w.sharedAreaBytes = sharedBytes;
    w.prepare = prepareStreams;
    w.unsupported = unsupported;
    w.summarize = summarize;
    w.figures = {
        {"messages", "messages", Better::Higher, "messages the consumers received"},
        {"messages_per_s", "messages/s", Better::Higher,
         "received messages / wall time, all pairs"},
        {"mb_per_s", "MB/s", Better::Higher,
         "received payload (10^6 bytes) / wall time, all pairs"},
        {"pairs", "pairs", Better::Neither, "producer→consumer pairs (workers 2k → 2k+1)"},
        {"latency_p50_us", "µs", Better::Lower,
         "send→receive median of all messages of all pairs, as the middle of its histogram "
         "bucket (4 per power of two: within 12.5 %)"},
        {"latency_p99_us", "µs", Better::Lower,
         "send→receive 99th percentile of all messages of all pairs, as the middle of its "
         "histogram bucket (4 per power of two: within 12.5 %)"},
        {"latency_mean_us", "µs", Better::Lower, "send→receive mean over all messages"},
        {"latency_max_us", "µs", Better::Lower, "longest send→receive time seen"},
    };
    return w;
}

} // namespace corelab
