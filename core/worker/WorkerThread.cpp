#include "worker/WorkerThread.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

namespace corelab::worker {

namespace {

// A thread's counters vanish from /proc with it, so it leaves them in its slot.
void writeFinals(WorkerSlot& slot)
{
    rusage ru{};
    if (getrusage(RUSAGE_THREAD, &ru) == 0) {
        slot.ctxVoluntary.store(static_cast<std::uint64_t>(ru.ru_nvcsw), std::memory_order_relaxed);
        slot.ctxInvoluntary.store(static_cast<std::uint64_t>(ru.ru_nivcsw),
                                  std::memory_order_relaxed);
    }
    if (FILE* f = std::fopen("/proc/thread-self/schedstat", "re")) {
        unsigned long long run = 0, wait = 0;
        if (std::fscanf(f, "%llu %llu", &run, &wait) == 2) {
            slot.runNs.store(run, std::memory_order_relaxed);
            slot.waitNs.store(wait, std::memory_order_relaxed);
        }
        std::fclose(f);
    }
    slot.finalsWritten.store(1, std::memory_order_release);
}

// A worker or its leader cannot go on: the run stops with `error`, and workers waiting at
// the barrier are woken to see it.
void stopWithError(ControlHeader& h, int error)
{
    h.leaderError.store(error);
    h.stop.store(1);
    futexWakeAll(h.go);
}

void waitAtBarrier(ControlHeader& h)
{
    h.arrived.fetch_add(1, std::memory_order_acq_rel);
    futexWakeAll(h.arrived);
    while (h.go.load(std::memory_order_acquire) == 0 && h.stop.load(std::memory_order_acquire) == 0)
        futexWait(h.go, 0, 100'000'000);
}

} // namespace

void* WorkerThreads::threadMain(void* p)
{
    auto* arg = static_cast<Arg*>(p);
    runWorker(*arg->plan, arg->index);
    return nullptr;
}

void runWorker(const RunPlan& plan, int index)
{
    ControlHeader& h = *plan.block->header();
    WorkerSlot& slot = *plan.block->slot(index);
    slot.pid.store(getpid(), std::memory_order_relaxed);
    slot.tid.store(gettid(), std::memory_order_relaxed);
    // a restarted process's slot may say its previous life was inside a blocking call
    slot.blockCalls.store(0, std::memory_order_relaxed);
    slot.lastCpu.store(sched_getcpu(), std::memory_order_relaxed);
    // the workload's own preparation, before the barrier: it is start-up, not work
    WorkerSetUp prepared;
    if (plan.workload->setUp) {
        prepared = plan.workload->setUp(*plan.spec, plan.args, index, plan.leaderState);
        // a figure for memory that was never there would be a lie
        if (prepared.error) stopWithError(h, prepared.error);
    }
    slot.state.store(static_cast<std::uint32_t>(WorkerState::Waiting), std::memory_order_release);
    waitAtBarrier(h);

    // start-up (a fork's page faults, a thread's creation) is not part of the work. The
    // CPU clock is read after the start time and before the end time, so the CPU time
    // between them lies inside the wall time busy cores divide by.
    slot.startNs.store(monotonicNs(), std::memory_order_relaxed);
    slot.startCpuNs.store(threadCpuNs(), std::memory_order_relaxed);
    publishCpu(slot); // the sampler's first reading of this thread's CPU clock
    slot.state.store(static_cast<std::uint32_t>(WorkerState::Running), std::memory_order_release);
    WorkerContext ctx(*plan.block, index, *plan.spec, plan.args, plan.leaderState, plan.lock,
                      prepared.state);
    if (h.stop.load(std::memory_order_acquire) == 0) {
        if (plan.lock) {
            // a restarted process's slot may say its previous life held or waited for
            // the lock until it died: that stretch ended then, it is not banked now
            enterLockState(slot, LockState::None, 0);
            bool tookFromOther = false;
            plan.lock->acquire(slot, tookFromOther);
        }
        plan.workload->run(ctx);
        if (plan.lock) plan.lock->release(slot);
    }
    if (plan.workload->tearDown && !prepared.error)
        plan.workload->tearDown(prepared.state, plan.args);
    slot.cpuNs.store(threadCpuNs(), std::memory_order_relaxed);
    slot.endNs.store(monotonicNs(), std::memory_order_relaxed);
    writeFinals(slot);
    slot.state.store(static_cast<std::uint32_t>(WorkerState::Exited), std::memory_order_release);
}

bool WorkerThreads::start(const RunPlan& plan, int first, int count)
{
    args_.resize(static_cast<std::size_t>(count)); // never reallocated while threads read it
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    // thousands of workers must fit; kernels keep little on the stack
    pthread_attr_setstacksize(&attr, 256 * 1024);
    bool ok = true;
    for (int i = 0; i < count && ok; ++i) {
        auto& arg = args_[static_cast<std::size_t>(i)];
        arg = {&plan, first + i};
        pthread_t t;
        if (int err = pthread_create(&t, &attr, threadMain, &arg)) {
            stopWithError(*plan.block->header(), err);
            ok = false;
        } else {
            threads_.push_back(t);
        }
    }
    pthread_attr_destroy(&attr);
    return ok;
}

void WorkerThreads::join()
{
    for (pthread_t t : threads_)
        pthread_join(t, nullptr);
    threads_.clear();
}

namespace {

// How long the leader holds the barrier for the engine's reading: far longer than a
// reading takes, even of thousands of processes on a busy machine; an engine that never
// reads costs its run this much and a reading after the release, nothing more.
constexpr std::int64_t kWindowReadingWaitNs = 1'000'000'000;

// The engine reads the window's start (memory, the machine's CPU counters) while every
// worker waits here. After the release two busy workers on two cores can keep the
// engine's thread off a CPU until the first of them has ended, and its reading then
// lies outside the window.
void awaitWindowReading(ControlHeader& h)
{
    const std::int64_t deadline = monotonicNs() + kWindowReadingWaitNs;
    while (h.measured.load(std::memory_order_acquire) == 0 &&
           h.stop.load(std::memory_order_acquire) == 0) {
        const std::int64_t left = deadline - monotonicNs();
        if (left <= 0) return;
        // the stop flag wakes no one here: look at it every 10 ms
        futexWait(h.measured, 0, std::min<std::int64_t>(left, 10'000'000));
    }
}

} // namespace

void openBarrierWhenReady(ControlBlock& block)
{
    ControlHeader& h = *block.header();
    const auto total = h.workerCount;
    for (;;) {
        const std::uint32_t seen = h.arrived.load(std::memory_order_acquire);
        if (seen >= total || h.stop.load(std::memory_order_acquire)) break;
        futexWait(h.arrived, seen, 50'000'000);
    }
    awaitWindowReading(h);
    h.releasedNs.store(monotonicNs(), std::memory_order_relaxed);
    h.runState.store(static_cast<std::uint32_t>(RunState::Running), std::memory_order_release);
    h.go.store(1, std::memory_order_release);
    futexWakeAll(h.go);
}

} // namespace corelab::worker
