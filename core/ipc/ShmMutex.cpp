#include "ipc/ShmMutex.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ipc/ControlBlock.h"

namespace corelab {

namespace {

// Shared (not FUTEX_PRIVATE) wake of one waiter: the word may be in a MAP_SHARED memfd.
void wakeOne(std::atomic<std::uint32_t>& word)
{
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE, 1, nullptr, nullptr, 0);
}

} // namespace

bool ShmMutex::tryLock()
{
    std::uint32_t expected = 0;
    return state.compare_exchange_strong(expected, 1, std::memory_order_acquire);
}

void ShmMutex::lock()
{
    std::uint32_t c = 0;
    if (state.compare_exchange_strong(c, 1, std::memory_order_acquire)) return;
    if (c != 2) c = state.exchange(2, std::memory_order_acquire);
    while (c != 0) {
        futexWait(state, 2, -1);
        c = state.exchange(2, std::memory_order_acquire);
    }
}

void ShmMutex::unlock()
{
    if (state.fetch_sub(1, std::memory_order_release) != 1) {
        state.store(0, std::memory_order_release);
        wakeOne(state);
    }
}

} // namespace corelab
