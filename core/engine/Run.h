#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "engine/Engine.h"
#include "engine/SampleStore.h"
#include "engine/Sampler.h"
#include "ipc/ControlBlock.h"

namespace corelab {

// One run, from spawning the leader to reaping the last process. Lives on the
// engine's run thread, which is also the thread that spawned the leader: the
// leader's parent-death signal is tied to it.
class Run {
public:
    // wakeFd: readable when a stop is requested (-1: none; the run then looks every 5 ms)
    Run(ExperimentSpec spec, const EngineOptions& options, RunSink& sink,
        std::atomic<bool>& stopRequested, std::atomic<int>& leaderPid, int wakeFd = -1);
    ~Run();
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;
    // Returns the whole record; the caller hands it to the sink's onFinished.
    RunRecord execute();

private:
    void superviseUntilLeaderEnds();
    void tick(double t, bool withMemory = false);
    void nap(std::int64_t untilNs);
    void noteSamplerRefusals();
    bool allArrived(std::uint32_t arrived) const;
    bool windowUnread() const;
    void readWindowStart();
    bool lastTickBeforeDeadline(std::int64_t nowNs, std::int64_t periodNs) const;
    void decideStop(std::int64_t nowNs);
    std::int64_t noProgressFor(std::int64_t nowNs);
    void noteWorkerChanges(double t);
    void noteLeaderEnd(double t, int status);
    void markWorkersEnded(int status, bool killedByUs);
    void keep(Sample sample);
    void deliver(bool force);
    RunRecord finish();
    std::int64_t workEndNs() const;
    void event(EventKind kind, int worker, std::string detail = {});
    void eventAt(std::int64_t monotonicNs, EventKind kind, int worker);
    double now() const;

    ExperimentSpec spec_;
    const EngineOptions& options_;
    RunSink& sink_;
    std::atomic<bool>& stopRequested_;
    std::atomic<int>& leaderPid_;
    int wakeFd_;
    int leaderFd_ = -1; // pidfd of the leader: readable when it ends

    ControlBlock block_;
    Sampler sampler_;
    RunRecord record_;
    std::int64_t t0Ns_ = 0;
    pid_t leader_ = 0;
    std::int64_t leaderEndNs_ = 0;
    bool stopSent_ = false;
    bool killSent_ = false; // the grace period ran out and the workers were killed
    std::set<int> strays_;  // processes of the run outside its group, to end with it
    bool userStopped_ = false;
    bool allRunningSeen_ = false;
    std::vector<WorkerState> seenState_;
    std::vector<std::uint32_t> seenRestarts_;
    std::int64_t stopAtNs_ = 0;
    std::int64_t workersToldToStopNs_ = 0; // the first stop signal
    std::int64_t stopSentAtNs_ = 0;        // when the stop flag was first set; 0: never
    bool windowRead_ = false;              // the window's first reading was taken
    std::int64_t windowReadNs_ = 0;        // when it began
    std::uint64_t lastOps_ = 0;
    std::int64_t lastProgressNs_ = 0;
    // a run in which no worker finished a batch for this long is stalled (deadlock)
    static constexpr std::int64_t kStallNs = 2'000'000'000;
    SampleStore store_; // every sample the run took: spooled, summarized, and held while small
    std::vector<Sample> undelivered_;
    std::size_t deliveredEvents_ = 0;

    std::int64_t lastDeliveryNs_ = 0;
    // (sample time s, this process's CPU s) at the first and the latest sample
    std::optional<std::pair<double, double>> observerFirst_, observerLast_;
};

} // namespace corelab
