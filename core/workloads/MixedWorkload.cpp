#include <algorithm>
#include <cstdint>
#include <ctime>
#include <vector>

#include "runtime/AsyncLoop.h"
#include "workloads/HashChain.h"
#include "workloads/IoState.h"

namespace corelab {

namespace {

constexpr int kRoundsPerMsFigure = 2; // the calibration this worker used

// Hash rounds per millisecond of this thread's own CPU time: CPU time, not wall
// time, so a busy machine stretches a task's wall time but not its work.
struct MixedState {
    double roundsPerMs = 0;
};

double calibrate()
{
    const std::int64_t start = threadCpuNs();
    std::uint64_t rounds = 0, x = 1;
    while (threadCpuNs() - start < 20'000'000) {
        x = hashRounds(x, 10'000);
        rounds += 10'000;
    }
    const double ms = static_cast<double>(threadCpuNs() - start) / 1e6;
    return static_cast<double>(rounds + (x & 1)) / ms;
}

void* prepareMixed(const ExperimentSpec&, const std::vector<double>&)
{
    return new MixedState{calibrate()}; // lives as long as the leader
}

// One task's compute part: hash rounds until this thread has spent compute-ms of
// CPU time on the task. The calibration only sizes the slices (about 1 ms, the
// last one cut to what is left), so a stop and the emulated interpreter lock are
// seen in time. A fixed count of rounds would drift from compute-ms whenever the
// machine runs faster or slower than during the 20 ms calibration. False when
// the run stopped.
class Compute {
public:
    explicit Compute(WorkerContext& ctx)
        : ctx_(ctx)
        , computeNs_(static_cast<std::int64_t>(ctx.arg(0) * 1e6))
    {
        const auto* st = static_cast<const MixedState*>(ctx.leaderState());
        roundsPerMs_ = st ? st->roundsPerMs : calibrate(); // exec'd workers calibrate alone
        ctx.setFigure(kRoundsPerMsFigure, static_cast<std::uint64_t>(roundsPerMs_));
    }
    ~Compute() { ctx_.slot().sink.store(x_, std::memory_order_relaxed); }
    bool run()
    {
        const std::int64_t endNs = threadCpuNs() + computeNs_;
        for (bool first = true;; first = false) {
            const std::int64_t leftNs = endNs - threadCpuNs();
            if (leftNs <= 0) return true;
            if (!first && !ctx_.keepGoing()) return false;
            const double leftMs = std::min(1.0, static_cast<double>(leftNs) / 1e6);
            x_ = hashRounds(
                x_, std::max<std::uint64_t>(1, static_cast<std::uint64_t>(leftMs * roundsPerMs_)));
        }
    }

private:
    WorkerContext& ctx_;
    std::int64_t computeNs_;
    double roundsPerMs_;
    std::uint64_t x_ = 0x2545f4914f6cdd1dULL;
};

// Async: a task computes on the loop thread (holding up every other stream, as
// compute in an event loop does), then waits on the loop's timer.
class TaskStreams : public AsyncStreams {
public:
    TaskStreams(WorkerContext& ctx, Compute& compute)
        : ctx_(ctx)
        , compute_(compute)
        , waitNs_(static_cast<std::int64_t>(ctx.arg(1) * 1e6))
    {
    }
    bool start(AsyncLoop& loop, int s) override
    {
        if (!compute_.run()) return false;
        loop.after(asyncNowNs() + waitNs_, static_cast<std::uint64_t>(s));
        return true;
    }
    bool onEvent(AsyncLoop& loop, int s, std::uint32_t) override
    {
        if (!ctx_.stopRequested()) start(loop, s);
        return true;
    }

private:
    WorkerContext& ctx_;
    Compute& compute_;
    std::int64_t waitNs_;
};

void runMixed(WorkerContext& ctx)
{
    Compute compute(ctx);
    if (ctx.spec().model == Model::Async) {
        TaskStreams streams(ctx, compute);
        runAsyncStreams(ctx, streams, ctx.spec().workers, kInFlightFigure);
        return;
    }
    const auto waitNs = static_cast<std::int64_t>(ctx.arg(1) * 1e6);
    while (ctx.keepGoing()) {
        if (!compute.run()) break;
        WorkerContext::Blocking blocking(ctx);
        if (!sleepFor(ctx, waitNs)) break;
        ctx.addBatch(1);
    }
}

void summarizeMixed(const WorkloadResult& r, std::map<std::string, double>& out)
{
    std::uint64_t tasks = 0;
    for (std::uint64_t ops : r.ops)
        tasks += ops;
    out["tasks_per_s"] = r.wallS > 0 ? static_cast<double>(tasks) / r.wallS : 0;
    if (!r.figures.empty())
        out["rounds_per_ms"] = static_cast<double>(r.figures[0][kRoundsPerMsFigure]);
    if (r.spec.model == Model::Async && !r.figures.empty())
        out["in_flight"] = static_cast<double>(r.figures[0][kInFlightFigure]);
}

} // namespace

WorkloadInfo mixedWorkload()
{
    WorkloadInfo w;
    w.name = "mixed";
    w.description = "Each task computes for a while, then waits: the shape of most servers.";
    w.opUnit = "task";
    w.params = {{"compute-ms", "ms", 2, 0, 1000, "CPU time of a task's compute part (hash chain)"},
                {"wait-ms", "ms", 10, 0, 1000, "blocking wait after the compute (a sleep)"}};
    w.run = runMixed;
    w.prepare = prepareMixed;
    w.summarize = summarizeMixed;
    w.figures = {
        {"tasks_per_s", "tasks/s", Better::Higher,
         "tasks (compute + wait) completed per second, all workers"},
        {"rounds_per_ms", "rounds/ms", Better::Neither,
         "hash rounds in one ms of thread CPU time (CLOCK_THREAD_CPUTIME_ID), measured by the "
         "leader before the run; sizes the compute slices"},
        {"in_flight", "tasks", Better::Neither,
         "async: tasks the event loop kept outstanding at once"}};
    w.supportsAsync = true;
    return w;
}

} // namespace corelab
