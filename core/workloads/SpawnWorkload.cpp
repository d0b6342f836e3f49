#include <algorithm>
#include <atomic>
#include <cstring>
#include <new>
#include <optional>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#include "catalogue/Catalogue.h"
#include "runtime/SpawnChild.h"
#include "runtime/WorkerContext.h"
#include "workloads/SpawnLatency.h"

namespace corelab {

namespace {

using worker::SpawnKind;

// Figure slots each worker keeps current (ns, or a count).
enum Figure { CreateP50, CreateP99, ReapedP50, ReapedP99, Failures };

constexpr std::size_t kMarkBytes = 64; // one cache line per worker: no false sharing

double param(const ExperimentSpec& spec, const char* name, double fallback)
{
    const auto it = spec.params.find(name);
    return it == spec.params.end() ? fallback : it->second;
}

std::size_t sharedBytes(const ExperimentSpec& spec)
{
    return kMarkBytes * static_cast<std::size_t>(spec.totalWorkers());
}

// Makes the leader large before any worker exists: every forked worker inherits the
// mapping, so each fork it makes copies page tables for all of it. Huge pages are
// refused because with them a fork copies 512× fewer entries, which is not how an
// ordinary heap of small allocations behaves.
void* makeParentLarge(const ExperimentSpec&, const std::vector<double>& args)
{
    const auto bytes = static_cast<std::size_t>(args[1]) << 20;
    if (bytes == 0) return nullptr;
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    madvise(p, bytes, MADV_NOHUGEPAGE);
    // the kernel fills it in one call, far faster than a page fault per page
    if (madvise(p, bytes, MADV_POPULATE_WRITE) != 0) {
        const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        for (std::size_t at = 0; at < bytes; at += page)
            static_cast<volatile char*>(p)[at] = 1;
    }
    return p; // lives as long as the leader
}

// The leader's large set; each forked worker process shares it copy-on-write but gets
// its own page tables (8 bytes per 4 KiB page).
std::uint64_t plannedBytes(const ExperimentSpec& spec)
{
    const auto parent = static_cast<std::uint64_t>(param(spec, "parent-mib", 0)) << 20;
    return parent + parent / 512 * static_cast<std::uint64_t>(spec.processCount());
}

std::string whyUnsupported(const ExperimentSpec& spec)
{
    if (param(spec, "parent-mib", 0) > 0 && spec.model != Model::Threads &&
        spec.spawn == SpawnMethod::Exec)
        return "--parent-mib makes the leader large so that its forked workers inherit that "
               "memory; workers started with --spawn exec begin empty, so use --spawn fork";
    return {};
}

void publish(WorkerContext& ctx, const SpawnLatencyHistogram& running,
             const SpawnLatencyHistogram& reaped)
{
    ctx.setFigure(CreateP50, running.percentile(0.50));
    ctx.setFigure(CreateP99, running.percentile(0.99));
    ctx.setFigure(ReapedP50, reaped.percentile(0.50));
    ctx.setFigure(ReapedP99, reaped.percentile(0.99));
}

struct Latencies {
    SpawnLatencyHistogram running, reaped;
};

// Children for ~10 ms (at least one), so a stop is seen quickly; returns how many.
std::uint64_t runBatch(WorkerContext& ctx, worker::ChildSpawner& spawner,
                       std::atomic<std::int64_t>& mark, Latencies& l)
{
    const std::int64_t batchEnd = monotonicNs() + 10'000'000;
    std::uint64_t done = 0;
    do {
        WorkerContext::Blocking waiting(ctx); // a creator waits for its child
        const auto t = spawner.once(mark);
        if (!t) {
            ctx.addFigure(Failures, 1);
            usleep(1000); // out of pids or memory: do not spin
            continue;
        }
        l.running.add(
            static_cast<std::uint64_t>(std::max<std::int64_t>(0, t->runningNs - t->createNs)));
        l.reaped.add(static_cast<std::uint64_t>(t->reapedNs - t->createNs));
        ++done;
    } while (monotonicNs() < batchEnd && !ctx.stopRequested());
    return done;
}

void runSpawn(WorkerContext& ctx)
{
    std::optional<worker::ChildSpawner> spawner;
    try {
        spawner.emplace(static_cast<SpawnKind>(static_cast<int>(ctx.arg(0))));
    } catch (const std::exception&) {
        ctx.addFigure(Failures, 1); // no pipe or no path to exec: nothing to measure
        return;
    }
    auto& mark = *reinterpret_cast<std::atomic<std::int64_t>*>(
        ctx.sharedArea() + kMarkBytes * static_cast<std::size_t>(ctx.index()));
    Latencies l;
    while (ctx.keepGoing()) {
        ctx.addBatch(runBatch(ctx, *spawner, mark, l));
        publish(ctx, l.running, l.reaped);
    }
}

// Median of the workers' medians (each worker makes the same kind of child), and the
// worst worker's p99: the whole run's p99 is at most that.
void summarizeSpawn(const WorkloadResult& r, std::map<std::string, double>& out)
{
    std::vector<double> p50, rp50;
    double p99 = 0, rp99 = 0, failures = 0, ops = 0;
    for (std::size_t i = 0; i < r.figures.size(); ++i) {
        const auto& f = r.figures[i];
        failures += static_cast<double>(f[Failures]);
        ops += static_cast<double>(r.ops[i]);
        if (r.ops[i] == 0) continue;
        p50.push_back(static_cast<double>(f[CreateP50]) / 1e3);
        rp50.push_back(static_cast<double>(f[ReapedP50]) / 1e3);
        p99 = std::max(p99, static_cast<double>(f[CreateP99]) / 1e3);
        rp99 = std::max(rp99, static_cast<double>(f[ReapedP99]) / 1e3);
    }
    auto median = [](std::vector<double> v) {
        if (v.empty()) return 0.0;
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    out["create_p50_us"] = median(p50);
    out["create_p99_us"] = p99;
    out["reaped_p50_us"] = median(rp50);
    out["reaped_p99_us"] = rp99;
    out["per_s"] = r.wallS > 0 ? ops / r.wallS : 0;
    out["failures"] = failures;
}

} // namespace

WorkloadInfo spawnWorkload()
{
    WorkloadInfo w;
    w.name = "spawn";
    w.description = "Startup cost: each worker creates children that do nothing and end, one at "
                    "a time, and times each from creation until it runs and until it is reaped.";
    w.opUnit = "child created and reaped";
    w.params = {
        {"method",
         "",
         1,
         0,
         3,
         "what each worker creates: a thread (pthread_create), a forked copy of itself (fork), "
         "a new program (fork+exec of corelab-worker) or the same via posix_spawn",
         {"thread", "fork", "exec", "spawn"},
         {"threads (pthread_create)", "fork", "fork+exec", "posix_spawn"}},
        {"parent-mib", "MiB", 0, 0, 65536,
         "memory the leader allocates and touches before workers start, so fork has more page "
         "tables to copy"}};
    w.run = runSpawn;
    w.sharedAreaBytes = sharedBytes;
    w.prepare = makeParentLarge;
    w.plannedBytes = plannedBytes;
    w.unsupported = whyUnsupported;
    w.summarize = summarizeSpawn;
    w.figures = {
        {"create_p50_us", "µs", Better::Lower,
         "median time from asking for a child until it first runs"},
        {"create_p99_us", "µs", Better::Lower, "99th percentile of the same (worst worker's p99)"},
        {"reaped_p50_us", "µs", Better::Lower,
         "median time from asking for a child until it is joined/reaped"},
        {"reaped_p99_us", "µs", Better::Lower, "99th percentile of the same (worst worker's p99)"},
        {"per_s", "children/s", Better::Higher,
         "children created and reaped per second, all workers together"},
        {"failures", "count", Better::Lower, "creations that failed (out of pids or memory)"}};
    return w;
}

} // namespace corelab
