#include "ipc/ShmRing.h"

#include <cstring>

#include "ipc/ControlBlock.h"

namespace corelab {

namespace {

std::size_t roundUp64(std::size_t n)
{
    return (n + 63) / 64 * 64;
}

// Wakes the other side only when it announced that it sleeps. The fence pairs with
// the one in sleepUnless(): either the sleeper sees our progress, or we see its flag.
void wakeIfWaiting(std::atomic<std::uint32_t>& waiting, std::atomic<std::uint32_t>& seq)
{
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (waiting.load(std::memory_order_relaxed) == 0) return;
    seq.fetch_add(1, std::memory_order_release);
    futexWakeAll(seq);
}

// Free slots at which a consumer wakes a producer waiting for space: half the ring.
std::size_t wakeRoom(std::size_t slots)
{
    return slots > 1 ? slots / 2 : 1;
}

template <typename Ready>
void sleepUnless(std::atomic<std::uint32_t>& waiting, std::atomic<std::uint32_t>& seq,
                 std::int64_t timeoutNs, Ready ready)
{
    waiting.store(1, std::memory_order_relaxed);
    const std::uint32_t seen = seq.load(std::memory_order_acquire);
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (!ready()) futexWait(seq, seen, timeoutNs);
    waiting.store(0, std::memory_order_relaxed);
}

} // namespace

std::size_t ShmRing::bytesFor(std::size_t slots, std::size_t messageBytes)
{
    return sizeof(Header) + roundUp64(slots * messageBytes);
}

ShmRing::ShmRing(std::byte* base, std::size_t slots, std::size_t messageBytes)
    : h_(reinterpret_cast<Header*>(base))
    , data_(base + sizeof(Header))
    , slots_(slots)
    , messageBytes_(messageBytes)
{
}

bool ShmRing::tryPush(const void* message)
{
    const std::uint64_t head = h_->head.load(std::memory_order_relaxed);
    if (head - h_->tail.load(std::memory_order_acquire) >= slots_) return false;
    std::memcpy(slot(head), message, messageBytes_);
    h_->head.store(head + 1, std::memory_order_release);
    wakeIfWaiting(h_->consumerWaiting, h_->dataSeq);
    return true;
}

bool ShmRing::tryPop(void* message)
{
    const std::uint64_t tail = h_->tail.load(std::memory_order_relaxed);
    const std::uint64_t head = h_->head.load(std::memory_order_acquire);
    if (head == tail) return false;
    std::memcpy(message, slot(tail), messageBytes_);
    h_->tail.store(tail + 1, std::memory_order_release);
    // A producer that sleeps on a full ring is woken once half of it is free, not at
    // every slot: it then refills several slots per wake-up instead of paying a sleep
    // and a wake-up for each message. `head` may be older than the producer's latest
    // push, which only wakes it sooner; a consumer drains the ring before it sleeps, so
    // it always passes the mark (and the fence) while a producer waits.
    if (head - (tail + 1) <= slots_ - wakeRoom(slots_))
        wakeIfWaiting(h_->producerWaiting, h_->spaceSeq);
    return true;
}

void ShmRing::waitForData(std::int64_t timeoutNs)
{
    sleepUnless(h_->consumerWaiting, h_->dataSeq, timeoutNs, [this] {
        return h_->head.load(std::memory_order_acquire) != h_->tail.load(std::memory_order_relaxed);
    });
}

void ShmRing::waitForSpace(std::int64_t timeoutNs)
{
    sleepUnless(h_->producerWaiting, h_->spaceSeq, timeoutNs, [this] {
        return h_->head.load(std::memory_order_relaxed) - h_->tail.load(std::memory_order_acquire) <
               slots_;
    });
}

} // namespace corelab
