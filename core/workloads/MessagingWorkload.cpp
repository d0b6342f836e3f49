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
enum class Channel { Shm = 0, Pipe = 1, Socket = 2 };
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

void* prepareStreams(const ExperimentSpec& spec, const std::vector<double>& args)
{
    const auto channel = static_cast<Channel>(static_cast<int>(args[kChannel]));
    if (channel == Channel::Shm) return nullptr;
    const StreamKind kind = channel == Channel::Pipe ? StreamKind::Pipe : StreamKind::Socket;
    // lives as long as the leader; forked workers inherit the fds
    return new std::vector<FdPair>(makeStreams(kind, spec.totalWorkers() / 2));
}

std::string unsupported(const ExperimentSpec& spec)
{
    if (auto why = pairsUnsupported(spec, "messaging"); !why.empty()) return why;
    const auto it = spec.params.find("channel");
    const bool stream = it != spec.params.end() && it->second != 0;
    if (stream && spec.model != Model::Threads && spec.spawn == SpawnMethod::Exec)
        return "pipe and socket channels are made by the leader before the fork and are "
               "not inherited through exec: use --spawn fork or --channel shm";
    return "";
}

// One end of a pair's channel: a shared ring or a stream fd.
struct End {
    std::optional<ShmRing> ring;
    int fd = -1;
};

End endFor(WorkerContext& ctx, bool producer)
{
    End end;
    const std::size_t bytes = static_cast<std::size_t>(ctx.arg(kMessageBytes));
    if (channelOf(ctx.spec()) == Channel::Shm) {
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
Xfer sendOne(WorkerContext& ctx, End& end, const std::byte* msg, std::size_t bytes)
{
    if (!end.ring) return sendAll(ctx, end.fd, msg, bytes);
    if (end.ring->tryPush(msg)) return Xfer::Done;
    {
        WorkerContext::Blocking blocking(ctx);
        end.ring->waitForSpace(kWaitNs);
    }
    if (ctx.stopRequested()) return Xfer::Ended;
    return end.ring->tryPush(msg) ? Xfer::Done : Xfer::Idle;
}

Xfer recvOne(WorkerContext& ctx, End& end, std::byte* msg, std::size_t bytes)
{
    if (!end.ring) return recvAll(ctx, end.fd, msg, bytes);
    if (end.ring->tryPop(msg)) return Xfer::Done;
    {
        WorkerContext::Blocking blocking(ctx);
        end.ring->waitForData(kWaitNs);
    }
    if (ctx.stopRequested()) return Xfer::Ended;
    return end.ring->tryPop(msg) ? Xfer::Done : Xfer::Idle;
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
            const auto due = t0 + static_cast<std::int64_t>(static_cast<double>(sent) * 1e9 / rate);
            if (rate > 0 && monotonicNs() < due) {
                paceTo(ctx, due);
                break;
            }
            const std::int64_t now = monotonicNs();
            std::memcpy(msg.data(), &now, sizeof now);
            x = sendOne(ctx, end, msg.data(), msg.size());
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

void consume(WorkerContext& ctx, End& end, std::vector<std::byte>& msg)
{
    MessageLatencyHistogram& hist = pairHistogram(ctx);
    hist.clear(); // a restarted consumer starts over, as its figures do
    std::uint64_t received = 0, sum = 0, worst = 0;
    while (ctx.keepGoing()) {
        std::uint64_t batch = 0;
        const std::int64_t batchEnd = monotonicNs() + kBatchNs;
        Xfer x = Xfer::Done;
        while (batch < 4096 && monotonicNs() < batchEnd &&
               (x = recvOne(ctx, end, msg.data(), msg.size())) == Xfer::Done) {
            std::int64_t sentNs = 0;
            std::memcpy(&sentNs, msg.data(), sizeof sentNs);
            const auto latency =
                static_cast<std::uint64_t>(std::max<std::int64_t>(0, monotonicNs() - sentNs));
            hist.record(latency);
            sum += latency;
            worst = std::max(worst, latency);
            ++batch;
        }
        received += batch;
        ctx.addBatch(batch, batch * msg.size());
        ctx.setFigure(kReceived, received);
        ctx.setFigure(kLatencySumNs, sum);
        ctx.setFigure(kMaxNs, worst);
        if (x == Xfer::Ended) break;
    }
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
                    "ring, a pipe or a socket; latency is enqueue to dequeue.";
    w.opUnit = "message sent or received";
    w.params = {
        {"message-bytes", "bytes", 64, 16, 65536,
         "size of one message (its first 8 bytes carry the send time)"},
        {"channel",
         "",
         0,
         0,
         2,
         "shm: lock-free ring in shared memory with futex wake-ups; pipe; socket (AF_UNIX stream)",
         {"shm", "pipe", "socket"}},
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
