#pragma once

#include <vector>

#include <pthread.h>

#include "catalogue/Catalogue.h"
#include "ipc/ControlBlock.h"
#include "runtime/InterpreterLock.h"
#include "runtime/WorkerContext.h"

namespace corelab::worker {

// What every worker thread of a run shares.
struct RunPlan {
    ControlBlock* block;
    const ExperimentSpec* spec;
    const WorkloadInfo* workload;
    std::vector<double> args;        // parameter values in ParamInfo order
    void* leaderState = nullptr;     // what the workload's prepare() made in the leader
    InterpreterLock* lock = nullptr; // this process's emulated interpreter lock, if any
};

// Body of one worker: registers in its slot, waits at the barrier, runs the kernel
// until stop, then writes its own final figures before its thread ends.
void runWorker(const RunPlan& plan, int index);

// Workers [first, first+count) on threads of this process.
class WorkerThreads {
public:
    // False when a thread could not be created: the run is then asked to stop and
    // the errno is left in the header.
    bool start(const RunPlan& plan, int first, int count);
    void join();

private:
    static void* threadMain(void* arg);
    struct Arg {
        const RunPlan* plan;
        int index;
    };
    std::vector<pthread_t> threads_;
    std::vector<Arg> args_;
};

// Waits until every worker is at the barrier (or stop is set), then until the engine has
// read the window's start (at most a second), then opens it.
void openBarrierWhenReady(ControlBlock& block);

} // namespace corelab::worker
