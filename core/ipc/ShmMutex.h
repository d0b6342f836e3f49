#pragma once

#include <atomic>
#include <cstdint>

namespace corelab {

// A mutex that works across processes: one futex word, so it may live in the
// zero-filled shared area (zero = unlocked) with no initialisation. A zeroed
// pthread mutex would use private futexes, which do not reach other processes.
// Drepper's "mutex3" from "Futexes Are Tricky": 0 free, 1 locked, 2 locked with waiters.
struct ShmMutex {
    std::atomic<std::uint32_t> state{0};

    // Waits as long as it takes, like std::mutex: a deadlock stays a deadlock.
    void lock();
    bool tryLock();
    void unlock();
};
static_assert(std::atomic<std::uint32_t>::is_always_lock_free, "futex words are shared");

} // namespace corelab
