#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace corelab {

struct WorkerSlot;

// An emulation of CPython's global interpreter lock, one per process. A thread
// holds it while it computes. A thread that wants it waits one switch interval;
// if the holder has not let go by then, it asks for a drop, and the holder hands
// the lock over at its next batch boundary and waits until someone else took it
// (as CPython's "forced switching" does). Blocking calls release it.
// Every call publishes the caller's state in its slot (holding / waiting / none, and
// the time spent in each: enterLockState), so the lanes can draw the turns.
class InterpreterLock {
public:
    explicit InterpreterLock(double switchIntervalMs);

    // Returns the nanoseconds spent waiting; tookFromOther says whether another
    // thread held it since this thread last did.
    std::uint64_t acquire(WorkerSlot& slot, bool& tookFromOther);
    void release(WorkerSlot& slot);
    // At a batch boundary: hands the lock over when another thread asked for it.
    // Returns the nanoseconds from letting go to getting it back (0 when nothing
    // happened).
    std::uint64_t yieldIfAsked(WorkerSlot& slot, bool& tookFromOther);

private:
    // With mutex_ held: waits until the lock is free and takes it.
    void take(std::unique_lock<std::mutex>& lock, bool& tookFromOther);

    std::mutex mutex_;
    std::condition_variable released_; // the lock became free
    std::condition_variable switched_; // another thread took it after a drop
    bool locked_ = false;
    bool dropRequest_ = false;
    std::uint64_t switches_ = 0; // times the lock changed hands
    const void* lastHolder_ = nullptr;
    std::int64_t intervalNs_;
};

} // namespace corelab
