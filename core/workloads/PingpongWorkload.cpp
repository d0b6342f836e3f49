#include <algorithm>
#include <atomic>
#include <ctime>
#include <string>
#include <vector>

#include <sched.h>

#include "catalogue/Catalogue.h"
#include "ipc/Channels.h"
#include "runtime/WorkerContext.h"
#include "workloads/PairIo.h"

namespace corelab {

namespace {

enum Param { kChannel, kSameCore, kPinCpu };
enum class Channel { Futex = 0, Pipe = 1 };
// kPinnedCpu: CPU + 1, 0 = free; kCpuNs: the worker thread's own CPU time in its loop
enum Figure { kRoundTrips = 0, kLoopNs = 1, kPinnedCpu = 2, kCpuNs = 3 };

constexpr std::int64_t kWaitNs = 10'000'000;
constexpr std::int64_t kBatchNs = 2'000'000;

// The token of one pair: an even value means the first worker holds it.
struct alignas(64) PairWord {
    std::atomic<std::uint32_t> turn;
};

std::size_t sharedBytes(const ExperimentSpec& spec)
{
    return static_cast<std::size_t>(spec.totalWorkers() / 2 + 1) * sizeof(PairWord);
}

// Two pipes per pair (there and back), made before the fork so children inherit them.
void* preparePipes(const ExperimentSpec& spec, const std::vector<double>& args)
{
    if (static_cast<Channel>(static_cast<int>(args[kChannel])) != Channel::Pipe) return nullptr;
    return new std::vector<FdPair>(makeStreams(StreamKind::Pipe, spec.totalWorkers()));
}

// The CPUs this process may run on, in order.
std::vector<int> allowedCpus()
{
    std::vector<int> cpus;
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return cpus;
    for (int c = 0; c < CPU_SETSIZE; ++c)
        if (CPU_ISSET(c, &allowed)) cpus.push_back(c);
    return cpus;
}

std::string cpuListText(const std::vector<int>& cpus)
{
    std::string text;
    for (int c : cpus)
        text += (text.empty() ? "" : ",") + std::to_string(c);
    return text;
}

double pinCpuOf(const ExperimentSpec& spec)
{
    const auto it = spec.params.find("pin-cpu");
    return it == spec.params.end() ? -1 : it->second;
}

// A CPU outside the allowed set would make every worker's sched_setaffinity fail
// (EINVAL), and the run would measure an unpinned pair while claiming a pinned one.
std::string pinCpuUnsupported(const ExperimentSpec& spec)
{
    const int cpu = static_cast<int>(pinCpuOf(spec));
    if (cpu < 0) return "";
    const std::vector<int> cpus = allowedCpus();
    if (std::find(cpus.begin(), cpus.end(), cpu) != cpus.end()) return "";
    return "--pin-cpu " + std::to_string(cpu) +
           " is not a CPU this process may run on (allowed: " + cpuListText(cpus) + ")";
}

std::string unsupported(const ExperimentSpec& spec)
{
    if (auto why = pairsUnsupported(spec, "pingpong"); !why.empty()) return why;
    if (auto why = pinCpuUnsupported(spec); !why.empty()) return why;
    const auto it = spec.params.find("channel");
    const bool pipe = it != spec.params.end() && it->second != 0;
    if (pipe && spec.model != Model::Threads && spec.spawn == SpawnMethod::Exec)
        return "the pipe channel is made by the leader before the fork and is not inherited "
               "through exec: use --spawn fork or --channel futex";
    return "";
}

// Pins the calling thread (not the process) to one CPU. Returns the CPU, or -1 when
// pinning failed.
int pinTo(int cpu)
{
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    return sched_setaffinity(0, sizeof one, &one) == 0 ? cpu : -1;
}

std::int64_t threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// One side of a pair: hands the token over and waits for it to come back.
struct Side {
    WorkerContext& ctx;
    bool first;
    PairWord* word = nullptr; // futex channel
    int sendFd = -1, recvFd = -1;
    std::uint32_t next; // futex: the turn value that means "mine"

    void pass()
    {
        if (word) {
            word->turn.store(next + 1, std::memory_order_release);
            futexWakeAll(word->turn);
            next += 2;
            return;
        }
        const char token = 't';
        sendAll(ctx, sendFd, &token, 1);
    }

    Xfer await()
    {
        if (!word) {
            char token = 0;
            return recvAll(ctx, recvFd, &token, 1);
        }
        const std::uint32_t seen = word->turn.load(std::memory_order_acquire);
        if (seen == next) return Xfer::Done;
        {
            WorkerContext::Blocking blocking(ctx);
            futexWait(word->turn, seen, kWaitNs);
        }
        if (ctx.stopRequested()) return Xfer::Ended;
        return word->turn.load(std::memory_order_acquire) == next ? Xfer::Done : Xfer::Idle;
    }
};

Side sideFor(WorkerContext& ctx)
{
    const bool first = isFirstOfPair(ctx);
    Side side{ctx, first, nullptr, -1, -1, first ? 0u : 1u};
    const auto pair = static_cast<std::size_t>(pairOf(ctx));
    if (static_cast<Channel>(static_cast<int>(ctx.arg(kChannel))) == Channel::Futex) {
        side.word = reinterpret_cast<PairWord*>(ctx.sharedArea()) + pair;
    } else if (auto* pipes = static_cast<std::vector<FdPair>*>(ctx.leaderState())) {
        const FdPair& there = (*pipes)[2 * pair];
        const FdPair& back = (*pipes)[2 * pair + 1];
        side.sendFd = first ? there.writeFd : back.writeFd;
        side.recvFd = first ? back.readFd : there.readFd;
    }
    return side;
}

// --pin-cpu puts every worker on that CPU; --same-core puts both workers of pair k
// on allowed CPU k mod n. -1: neither.
int chosenCpu(const WorkerContext& ctx)
{
    if (ctx.arg(kPinCpu) >= 0) return static_cast<int>(ctx.arg(kPinCpu));
    if (ctx.arg(kSameCore) == 0) return -1;
    const std::vector<int> cpus = allowedCpus();
    if (cpus.empty()) return -1;
    return cpus[static_cast<std::size_t>(pairOf(ctx)) % cpus.size()];
}

void runPingpong(WorkerContext& ctx)
{
    if (const int cpu = chosenCpu(ctx); cpu >= 0)
        ctx.setFigure(kPinnedCpu, static_cast<std::uint64_t>(pinTo(cpu) + 1));
    Side side = sideFor(ctx);
    if (!side.word && (side.sendFd < 0 || side.recvFd < 0)) return;
    // the first worker starts with the token; the second waits for it
    bool holding = side.first;
    std::uint64_t received = 0;
    const std::int64_t start = monotonicNs();
    const std::int64_t cpuStart = threadCpuNs();
    while (ctx.keepGoing()) {
        std::uint64_t batch = 0;
        const std::int64_t batchEnd = monotonicNs() + kBatchNs;
        Xfer x = Xfer::Done;
        while (x == Xfer::Done && monotonicNs() < batchEnd) {
            if (holding) {
                side.pass();
                holding = false;
            }
            if ((x = side.await()) == Xfer::Done) holding = true, ++batch;
        }
        received += batch;
        ctx.addBatch(batch);
        ctx.setFigure(kRoundTrips, received);
        ctx.setFigure(kLoopNs, static_cast<std::uint64_t>(monotonicNs() - start));
        ctx.setFigure(kCpuNs, static_cast<std::uint64_t>(threadCpuNs() - cpuStart));
        if (x == Xfer::Ended) return;
    }
}

void summarize(const WorkloadResult& r, std::map<std::string, double>& out)
{
    double rate = 0, loopNs = 0, trips = 0;
    bool pinned = r.spec.params.at("same-core") != 0 || pinCpuOf(r.spec) >= 0;
    for (std::size_t i = 0; i + 1 < r.figures.size(); i += 2) {
        const auto& f = r.figures[i];
        // the first worker's token returns once per round trip
        trips += static_cast<double>(f[kRoundTrips]);
        loopNs += static_cast<double>(f[kLoopNs]);
        if (f[kLoopNs] > 0) rate += f[kRoundTrips] / (f[kLoopNs] / 1e9);
    }
    double cpuNs = 0;
    for (const auto& f : r.figures) {
        pinned = pinned && f[kPinnedCpu] != 0;
        cpuNs += static_cast<double>(f[kCpuNs]);
    }
    out["round_trips"] = trips;
    out["round_trips_per_s"] = rate;
    out["us_per_switch"] = trips > 0 ? loopNs / (2 * trips) / 1e3 : 0;
    out["cpu_us_per_switch"] = trips > 0 ? cpuNs / (2 * trips) / 1e3 : 0;
    out["pinned"] = pinned ? 1 : 0;
    if (pinned && !r.figures.empty())
        out["pinned_cpu"] = static_cast<double>(r.figures[0][kPinnedCpu]) - 1;
}

} // namespace

WorkloadInfo pingpongWorkload()
{
    WorkloadInfo w;
    w.name = "pingpong";
    w.description = "Pairs of workers pass a token back and forth: each hand-off wakes the "
                    "other side, so the rate is the cost of a switch.";
    w.opUnit = "token received";
    w.params = {
        {"channel",
         "",
         0,
         0,
         1,
         "futex: a word in shared memory with futex wait/wake; pipe: one byte over two pipes",
         {"futex", "pipe"}},
        {"same-core",
         "",
         0,
         0,
         1,
         "yes pins both workers of a pair to one CPU (each pins its own thread)",
         {"no", "yes"}},
        {"pin-cpu", "CPU id", -1, -1, CPU_SETSIZE - 1,
         "pins every worker to this CPU (each its own thread), so a hand-off is a switch on "
         "one CPU with no cross-CPU wake-up; -1: not pinned (see same-core)"},
    };
    w.run = runPingpong;
    w.sharedAreaBytes = sharedBytes;
    w.prepare = preparePipes;
    w.unsupported = unsupported;
    w.summarize = summarize;
    w.figures = {
        {"round_trips", "round trips", Better::Higher,
         "times the token came back to the first worker of a pair"},
        {"round_trips_per_s", "round trips/s", Better::Higher,
         "per pair (its own loop time), summed over pairs"},
        {"us_per_switch", "µs", Better::Lower,
         "loop time / (2 × round trips): half a round trip, one hand-off"},
        {"cpu_us_per_switch", "µs", Better::Lower,
         "the workers' own CPU time (CLOCK_THREAD_CPUTIME_ID) / (2 × round trips): what one "
         "hand-off costs the CPU, without the time other programs held it or it sat idle"},
        {"pinned", "yes=1/no=0", Better::Neither,
         "1 when every worker was pinned (--pin-cpu or --same-core yes)"},
        {"pinned_cpu", "CPU id", Better::Neither,
         "the CPU pair 0 was pinned to (only when pinned)"},
    };
    return w;
}

} // namespace corelab
