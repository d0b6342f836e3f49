#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "record/RunRecord.h"
#include "spec/ExperimentSpec.h"

namespace corelab {

// Everything a run produces, handed over from the engine's run thread. The sink
// must not block: it runs on the thread that samples.
class RunSink {
public:
    virtual ~RunSink() = default;
    virtual void onSamples(const std::vector<Sample>& batch) = 0;
    virtual void onEvents(const std::vector<Event>& batch) = 0;
    // Called once, last, with the whole record (also after errors and stops).
    virtual void onFinished(const RunRecord& record) = 0;
    virtual void onError(const std::string& message) = 0;
};

struct EngineOptions {
    std::string workerPath; // corelab-worker; empty: next to the running executable
    std::string procRoot = "/proc";
    // worker readings the stored record may hold (~100 bytes each) before its time
    // resolution is halved, so memory stays bounded however long a run lasts
    std::size_t recordBudget = 2'000'000;
    // how long the workers may take to reach the start barrier; 0: 10 s + 5 ms per worker
    double startupBudgetS = 0;
};

// Runs one experiment at a time: spawns the leader, samples /proc and the control
// block, ends the run after its duration or on stop(), and always reaps every process.
class Engine {
public:
    explicit Engine(EngineOptions options = {});
    ~Engine(); // stops and joins a running run
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Validates the spec and starts the run thread. Returns an error line instead
    // of starting when the spec is invalid or a run is in progress.
    std::optional<std::string> start(ExperimentSpec spec, RunSink& sink);
    // Asks the run to end now; returns at once. The sink still gets onFinished.
    void stop();
    // Blocks until the run thread has ended (not for the GUI thread).
    void wait();
    bool running() const { return running_.load(); }

    // pid of the current run's leader, 0 when none (tests use it to check cleanup).
    int leaderPid() const { return leaderPid_.load(); }

private:
    void runThread(ExperimentSpec spec, RunSink* sink);

    EngineOptions options_;
    std::thread thread_;
    std::atomic<bool> running_{false};
    std::atomic<bool> stopRequested_{false};
    std::atomic<int> leaderPid_{0};
    int wakeFd_ = -1; // eventfd: stop() wakes the run thread from its wait for the next tick
};

// Where corelab-worker lives when no path is given: beside /proc/self/exe, or installed in
// ../lib/corelab/ (Installation.h); else the bare name, which fails to start and says so.
std::string defaultWorkerPath();

} // namespace corelab
