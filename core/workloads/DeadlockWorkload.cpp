#include <algorithm>
#include <array>
#include <mutex>
#include <vector>

#include <time.h>

#include "catalogue/Catalogue.h"
#include "ipc/ShmMutex.h"
#include "runtime/WorkerContext.h"

namespace corelab {

namespace {

enum Param { kHoldMs, kSafeS };
enum Figure { kRounds = 0, kStuck = 1 }; // kStuck: 1 while waiting for the second lock

// Threads lock std::mutex, as a threaded program would; processes cannot share one
// (each fork gets its own copy), so they lock futex mutexes in the shared area.
struct ThreadLocks {
    std::array<std::mutex, 2> locks;
};
struct alignas(64) ShmLocks {
    std::array<ShmMutex, 2> locks;
};

std::size_t sharedBytes(const ExperimentSpec&)
{
    return sizeof(ShmLocks);
}

void* prepareLocks(const ExperimentSpec& spec, const std::vector<double>&)
{
    return spec.model == Model::Threads ? new ThreadLocks : nullptr;
}

std::string unsupported(const ExperimentSpec& spec)
{
    if (spec.totalWorkers() >= 2) return "";
    return "a deadlock needs at least two workers taking the locks in opposite orders";
}

// Locks lock k, blocking only when it must: then it is a real blocking call and the
// emulated interpreter lock is let go, so the other worker can run into the trap too.
template <typename Mutex> void take(WorkerContext& ctx, Mutex& m)
{
    if (m.try_lock()) return;
    WorkerContext::Blocking blocking(ctx);
    m.lock();
}

void hold(WorkerContext& ctx, double ms)
{
    const auto ns = static_cast<long>(ms * 1e6);
    timespec ts{ns / 1'000'000'000, ns % 1'000'000'000};
    WorkerContext::Blocking blocking(ctx);
    nanosleep(&ts, nullptr);
}

// ShmMutex spells its calls like the futex code it wraps; std::mutex the standard way.
struct ShmMutexRef {
    ShmMutex& m;
    bool try_lock() { return m.tryLock(); }
    void lock() { m.lock(); }
    void unlock() { m.unlock(); }
};

// For the first --safe seconds every worker takes lock 0 then lock 1 (a correct
// program); after that odd workers take them the other way round, and with a sleep
// between the two acquisitions each soon holds what the other waits for.
template <typename Mutex> void lockRounds(WorkerContext& ctx, std::array<Mutex*, 2> locks)
{
    const std::int64_t trapAt =
        ctx.header().releasedNs.load() + static_cast<std::int64_t>(ctx.arg(kSafeS) * 1e9);
    std::uint64_t rounds = 0;
    while (ctx.keepGoing()) {
        const bool reversed = ctx.index() % 2 == 1 && monotonicNs() >= trapAt;
        Mutex& first = *locks[reversed ? 1 : 0];
        Mutex& second = *locks[reversed ? 0 : 1];
        take(ctx, first);
        ctx.addBatch(1); // progress before the trap closes, so the stall shows
        hold(ctx, ctx.arg(kHoldMs));
        ctx.setFigure(kStuck, 1);
        take(ctx, second);
        ctx.setFigure(kStuck, 0);
        ctx.setFigure(kRounds, ++rounds);
        ctx.addBatch(1);
        second.unlock();
        first.unlock();
    }
}

void runDeadlock(WorkerContext& ctx)
{
    if (auto* t = static_cast<ThreadLocks*>(ctx.leaderState());
        t && ctx.spec().model == Model::Threads) {
        lockRounds<std::mutex>(ctx, {&t->locks[0], &t->locks[1]});
        return;
    }
    auto& shm = *reinterpret_cast<ShmLocks*>(ctx.sharedArea());
    ShmMutexRef a{shm.locks[0]}, b{shm.locks[1]};
    lockRounds<ShmMutexRef>(ctx, {&a, &b});
}

void summarize(const WorkloadResult& r, std::map<std::string, double>& out)
{
    std::uint64_t rounds = 0, stuck = 0;
    for (const auto& f : r.figures) {
        rounds += f[kRounds];
        stuck += f[kStuck];
    }
    out["rounds"] = static_cast<double>(rounds);
    out["workers_stuck"] = static_cast<double>(stuck);
    if (r.samples.samples == 0) return;
    // seconds from the first sample to the last one in which the workers' ops grew
    out["last_progress_s"] = r.samples.lastProgressT;
    out["no_progress_s"] = r.samples.lastT - r.samples.lastProgressT;
}

} // namespace

WorkloadInfo deadlockWorkload()
{
    WorkloadInfo w;
    w.name = "deadlock";
    w.description = "Workers take two locks; after a safe phase half of them take them in the "
                    "opposite order and the run locks up until the engine notices.";
    w.opUnit = "lock taken";
    w.params = {
        {"hold-ms", "ms", 1, 0, 1000, "sleep between taking the first and the second lock"},
        {"safe", "s", 0.5, 0, 3600, "time all workers use the same order before half reverse it"},
    };
    w.run = runDeadlock;
    w.sharedAreaBytes = sharedBytes;
    w.prepare = prepareLocks;
    w.unsupported = unsupported;
    w.summarize = summarize;
    w.figures = {
        {"rounds", "rounds", Better::Higher, "times a worker held both locks"},
        {"workers_stuck", "workers", Better::Lower,
         "workers waiting for their second lock when the run ended"},
        {"last_progress_s", "s", Better::Higher,
         "run time of the last sample in which any worker took a lock"},
        {"no_progress_s", "s", Better::Lower,
         "from that sample to the end of the run (the engine stops after 2 s)"},
    };
    return w;
}

} // namespace corelab
