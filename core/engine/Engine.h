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
    // Called once, last, with the whole record (also after errors and stops); a long
    // run's samples are in record.spool, not record.samples (EngineOptions::recordBudget).
    virtual void onFinished(const RunRecord& record) = 0;
    virtual void onError(const std::string& message) = 0;
};

struct EngineOptions {
    std::string workerPath; // corelab-worker; empty: next to the running executable
    std::string procRoot = "/proc";
    // Every sample is spooled as it comes (record/SampleSpool.h: compressed chunks in an
    // unnamed file in spoolFolder; empty: $TMPDIR or /tmp). The finished record also
    // holds its samples in memory while they are at most this many worker readings
    // (~120 bytes each; 100 000 is 40 s of 256 workers at 10 Hz, 80 min of 2); past it
    // it holds none, and record.spool has them all. Without a spool (none could be
    // made) the samples are kept in memory, and past this budget the record's time
    // resolution is halved instead.
    std::size_t recordBudget = 100'000;
    std::string spoolFolder;
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
