#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace corelab {

// A single-producer single-consumer ring of fixed-size messages in memory both ends
// map (the shared area: the same memory for threads, a shared segment for processes).
// Zero-filled memory is an empty ring. A side that finds the ring empty (or full)
// sleeps on a futex; the other side wakes it only when it says it sleeps, so the
// busy path makes no system call.
class ShmRing {
public:
    struct alignas(64) Header {
        std::atomic<std::uint64_t> head; // messages published, written by the producer
        std::atomic<std::uint32_t> dataSeq;
        std::atomic<std::uint32_t> consumerWaiting;
        alignas(64) std::atomic<std::uint64_t> tail; // messages consumed, by the consumer
        std::atomic<std::uint32_t> spaceSeq;
        std::atomic<std::uint32_t> producerWaiting;
    };

    static std::size_t bytesFor(std::size_t slots, std::size_t messageBytes);
    ShmRing(std::byte* base, std::size_t slots, std::size_t messageBytes);

    // Copies one message in (out); false when the ring is full (empty).
    bool tryPush(const void* message);
    bool tryPop(void* message);
    // Sleep until the other side makes progress or the timeout passes.
    void waitForData(std::int64_t timeoutNs);
    void waitForSpace(std::int64_t timeoutNs);
    std::size_t slots() const { return slots_; }

private:
    std::byte* slot(std::uint64_t n) const { return data_ + (n % slots_) * messageBytes_; }

    Header* h_;
    std::byte* data_;
    std::size_t slots_;
    std::size_t messageBytes_;
};

} // namespace corelab
