#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

#include "catalogue/Catalogue.h"
#include "ipc/ShmMutex.h"
#include "runtime/WorkerContext.h"

namespace corelab {

namespace {

enum Param { kIncrements, kSync, kShared };
enum class Sync { None = 0, Atomic = 1, Mutex = 2, Sharded = 3 };
// kFinal: the counter's value, written by the last of its users to finish (else 0)
enum Figure { kDone = 0, kFinal = 1, kIsLast = 2 };

constexpr std::uint64_t kBatch = 10'000;

// One counter and what guards it. In private memory it holds a std::mutex; in the
// shared area a futex mutex, which works across processes and needs no setup.
struct alignas(64) Counter {
    std::atomic<std::uint64_t> value;
    alignas(64) std::atomic<std::uint32_t> finished; // users done, to find the last one
    alignas(64) ShmMutex shmLock;
};

struct PrivateState {
    Counter counter{};
    std::mutex lock;
};

Sync syncOf(const WorkerContext& ctx)
{
    return static_cast<Sync>(static_cast<int>(ctx.arg(kSync)));
}

// Threads always share; processes share only when asked (--shared yes).
bool usesSharedArea(const ExperimentSpec& spec, double shared)
{
    return spec.model != Model::Threads && shared != 0;
}

std::size_t sharedBytes(const ExperimentSpec& spec)
{
    // the shared counter, then one shard per worker
    return sizeof(Counter) * (1 + static_cast<std::size_t>(spec.totalWorkers()));
}

void* preparePrivate(const ExperimentSpec&, const std::vector<double>&)
{
    return new PrivateState; // lives as long as the leader; each fork gets its own copy
}

// An exec'd worker never ran prepare(): its private counter is this process's own.
PrivateState& privateState(WorkerContext& ctx)
{
    if (ctx.leaderState()) return *static_cast<PrivateState*>(ctx.leaderState());
    static PrivateState perExecProcess;
    return perExecProcess;
}

// Workers that share the counter this worker increments.
int usersOfCounter(const WorkerContext& ctx, bool shared)
{
    const ExperimentSpec& s = ctx.spec();
    if (syncOf(ctx) == Sync::Sharded) return 1;
    if (s.model == Model::Threads || shared) return s.totalWorkers();
    return s.model == Model::Hybrid ? s.threadsPerProcess : 1;
}

// A read-modify-write race on purpose: load and store are separate, so increments
// of another worker between them are overwritten. Relaxed atomics keep it defined
// behaviour the compiler must perform every time.
void racyIncrements(std::atomic<std::uint64_t>& c, std::uint64_t n)
{
    for (std::uint64_t i = 0; i < n; ++i)
        c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

template <typename Lock>
void lockedIncrements(std::atomic<std::uint64_t>& c, Lock& lock, std::uint64_t n)
{
    for (std::uint64_t i = 0; i < n; ++i) {
        std::lock_guard guard(lock);
        c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
}

// std::lock_guard needs lock()/unlock(): ShmMutex has them, with a futex behind.
void incrementBatch(WorkerContext& ctx, Counter& counter, std::mutex* local, std::uint64_t n)
{
    switch (syncOf(ctx)) {
    case Sync::None:
    case Sync::Sharded: // a shard has one writer: a plain load+store is exact
        racyIncrements(counter.value, n);
        break;
    case Sync::Atomic:
        for (std::uint64_t i = 0; i < n; ++i)
            counter.value.fetch_add(1, std::memory_order_relaxed);
        break;
    case Sync::Mutex:
        if (local)
            lockedIncrements(counter.value, *local, n);
        else
            lockedIncrements(counter.value, counter.shmLock, n);
        break;
    }
}

Counter& counterFor(WorkerContext& ctx, bool shared)
{
    auto* area = reinterpret_cast<Counter*>(ctx.sharedArea());
    if (syncOf(ctx) == Sync::Sharded) return area[1 + ctx.index()];
    return shared ? area[0] : privateState(ctx).counter;
}

void runCounter(WorkerContext& ctx)
{
    const bool shared = usesSharedArea(ctx.spec(), ctx.arg(kShared));
    Counter* target = &counterFor(ctx, shared);
    std::mutex* local = shared ? nullptr : &privateState(ctx).lock;

    const auto total = static_cast<std::uint64_t>(ctx.arg(kIncrements));
    std::uint64_t done = 0;
    while (done < total && ctx.keepGoing()) {
        const std::uint64_t n = std::min(kBatch, total - done);
        incrementBatch(ctx, *target, local, n);
        done += n;
        ctx.addBatch(n);
        ctx.setFigure(kDone, done);
    }
    // the last user of a counter reads its final value: nobody writes it after that
    const int users = usersOfCounter(ctx, shared);
    if (target->finished.fetch_add(1, std::memory_order_acq_rel) + 1 ==
        static_cast<std::uint32_t>(users)) {
        ctx.setFigure(kFinal, target->value.load(std::memory_order_acquire));
        ctx.setFigure(kIsLast, 1);
    }
}

void summarize(const WorkloadResult& r, std::map<std::string, double>& out)
{
    std::uint64_t expected = 0, actual = 0, largest = 0, counters = 0;
    for (const auto& f : r.figures) {
        expected += f[kDone];
        if (f[kIsLast] == 0) continue;
        actual += f[kFinal];
        largest = std::max(largest, f[kFinal]);
        ++counters;
    }
    out["expected_count"] = static_cast<double>(expected);
    out["actual_count"] = static_cast<double>(actual);
    out["lost_updates"] = static_cast<double>(expected) - static_cast<double>(actual);
    out["counters"] = static_cast<double>(counters);
    out["largest_counter"] = static_cast<double>(largest);
    const double planned = r.spec.params.at("increments") * r.figures.size();
    out["complete"] = static_cast<double>(expected) >= planned ? 1 : 0;
}

std::vector<ParamInfo> counterParams()
{
    return {
        {"increments", "increments/worker", 1e6, 1, 1e10,
         "each worker's increments; the run ends when all are done (or at --duration)"},
        {"sync",
         "",
         0,
         0,
         3,
         "none: load then store (a real race); atomic: fetch_add; mutex: a lock per "
         "increment; sharded: each worker its own cache line, summed at the end",
         {"none", "atomic", "mutex", "sharded"}},
        {"shared",
         "",
         0,
         0,
         1,
         "processes/hybrid: yes puts the counter in shared memory; no keeps one per process "
         "(threads always share)",
         {"no", "yes"}},
    };
}

std::vector<FigureInfo> counterFigures()
{
    return {
        {"expected_count", "increments", Better::Neither,
         "increments the workers performed (workers × increments when complete)"},
        {"actual_count", "increments", Better::Neither,
         "final values of the counters, summed (shards and per-process counters add up)"},
        {"lost_updates", "increments", Better::Lower,
         "expected − actual: increments overwritten by a concurrent one"},
        {"counters", "counters", Better::Neither,
         "distinct counters: 1 shared, one per process when isolated, one per worker when sharded"},
        {"largest_counter", "increments", Better::Neither,
         "the largest single counter: with isolation, what one process saw"},
        {"complete", "yes=1/no=0", Better::Neither,
         "1 when every worker did all its increments before the run ended"},
    };
}

} // namespace

WorkloadInfo counterWorkload()
{
    WorkloadInfo w;
    w.name = "counter";
    w.description = "Every worker increments one counter; without synchronisation concurrent "
                    "read-modify-writes overwrite each other and updates are lost.";
    w.opUnit = "increment";
    w.params = counterParams();
    w.run = runCounter;
    w.sharedAreaBytes = sharedBytes;
    w.prepare = preparePrivate;
    w.summarize = summarize;
    w.figures = counterFigures();
    return w;
}

} // namespace corelab
