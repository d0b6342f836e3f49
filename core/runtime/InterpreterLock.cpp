#include "runtime/InterpreterLock.h"

#include <chrono>

#include "ipc/ControlBlock.h"

namespace corelab {

namespace {
thread_local int t_identity; // its address tells threads apart
}

InterpreterLock::InterpreterLock(double switchIntervalMs)
    : intervalNs_(static_cast<std::int64_t>(switchIntervalMs * 1e6))
{
}

void InterpreterLock::take(std::unique_lock<std::mutex>& lock, bool& tookFromOther)
{
    while (locked_) {
        const std::uint64_t seen = switches_;
        const bool timedOut = !released_.wait_for(lock, std::chrono::nanoseconds(intervalNs_),
                                                  [this] { return !locked_; });
        // the holder kept it a whole interval without a switch: ask it to let go
        if (timedOut && locked_ && switches_ == seen) dropRequest_ = true;
    }
    locked_ = true;
    tookFromOther = lastHolder_ != nullptr && lastHolder_ != &t_identity;
    if (lastHolder_ != &t_identity) {
        ++switches_;
        dropRequest_ = false;
        switched_.notify_all();
    }
    lastHolder_ = &t_identity;
}

std::uint64_t InterpreterLock::acquire(WorkerSlot& slot, bool& tookFromOther)
{
    const std::int64_t start = monotonicNs();
    enterLockState(slot, LockState::Waiting, start);
    std::unique_lock lock(mutex_);
    take(lock, tookFromOther);
    const std::int64_t got = monotonicNs();
    enterLockState(slot, LockState::Holding, got);
    return static_cast<std::uint64_t>(got - start);
}

void InterpreterLock::release(WorkerSlot& slot)
{
    enterLockState(slot, LockState::None, monotonicNs());
    {
        std::lock_guard lock(mutex_);
        locked_ = false;
    }
    released_.notify_one();
}

std::uint64_t InterpreterLock::yieldIfAsked(WorkerSlot& slot, bool& tookFromOther)
{
    tookFromOther = false;
    std::unique_lock lock(mutex_);
    if (!dropRequest_) return 0;
    const std::int64_t dropped = monotonicNs();
    enterLockState(slot, LockState::Waiting, dropped);
    locked_ = false;
    released_.notify_one();
    const std::uint64_t seen = switches_;
    // forced switching: do not take it straight back before the waiter ran
    switched_.wait_for(lock, std::chrono::nanoseconds(intervalNs_),
                       [&] { return switches_ != seen; });
    take(lock, tookFromOther);
    const std::int64_t got = monotonicNs();
    enterLockState(slot, LockState::Holding, got);
    return static_cast<std::uint64_t>(got - dropped);
}

} // namespace corelab
