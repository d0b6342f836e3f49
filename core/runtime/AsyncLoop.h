#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <sys/epoll.h>

namespace corelab {

class WorkerContext;

// Deadlines on one timerfd: a min-heap holds them all and the timerfd is armed for
// the earliest, so 100,000 pending sleeps cost one file descriptor, not 100,000.
class TimerQueue {
public:
    TimerQueue(); // throws std::system_error
    ~TimerQueue();
    TimerQueue(const TimerQueue&) = delete;
    TimerQueue& operator=(const TimerQueue&) = delete;

    int fd() const { return fd_; }
    void add(std::int64_t deadlineNs, std::uint64_t token); // CLOCK_MONOTONIC
    // Moves every token due at nowNs into `due` and re-arms the timerfd.
    void popDue(std::int64_t nowNs, std::vector<std::uint64_t>& due);
    std::size_t size() const { return heap_.size(); }

private:
    void arm();
    std::vector<std::pair<std::int64_t, std::uint64_t>> heap_;
    std::int64_t armedFor_ = 0;
    int fd_ = -1;
};

// One epoll set plus a TimerQueue, driven by one thread: the async model's loop.
// Tokens are the caller's (a request stream's index); a timer reports events 0.
class AsyncLoop {
public:
    AsyncLoop(); // throws std::system_error
    ~AsyncLoop();
    AsyncLoop(const AsyncLoop&) = delete;
    AsyncLoop& operator=(const AsyncLoop&) = delete;

    void watch(int fd, std::uint32_t events, std::uint64_t token); // level-triggered
    void after(std::int64_t deadlineNs, std::uint64_t token) { timers_.add(deadlineNs, token); }
    // Waits at most maxWaitMs, then calls handler(token, events) for every ready fd
    // and every due timer. Returns how many callbacks ran.
    template <typename F> int poll(int maxWaitMs, F&& handler)
    {
        const int n = wait(maxWaitMs);
        for (std::uint64_t token : due_)
            handler(token, 0u);
        for (int i = 0; i < n; ++i)
            if (events_[static_cast<std::size_t>(i)].data.u64 != kTimerToken)
                handler(events_[static_cast<std::size_t>(i)].data.u64,
                        events_[static_cast<std::size_t>(i)].events);
        return n + static_cast<int>(due_.size());
    }

private:
    static constexpr std::uint64_t kTimerToken = ~0ULL;
    int wait(int maxWaitMs); // fills events_ and due_
    TimerQueue timers_;
    std::vector<epoll_event> events_;
    std::vector<std::uint64_t> due_;
    int epfd_ = -1;
};

// Request streams run by the async model: each stream keeps one request in flight.
class AsyncStreams {
public:
    virtual ~AsyncStreams() = default;
    // Issues the stream's first request; false when it could not (e.g. no connection).
    virtual bool start(AsyncLoop& loop, int stream) = 0;
    // A watched fd became ready (events != 0) or the stream's timer fired (events == 0).
    // Returns true when this event completed a request.
    virtual bool onEvent(AsyncLoop& loop, int stream, std::uint32_t events) = 0;
};

// Runs `inFlight` streams on the calling thread until the run stops; every
// completed request is one op. Writes the number of streams that really started
// (each keeps one request outstanding) into figure inFlightFigure.
void runAsyncStreams(WorkerContext& ctx, AsyncStreams& streams, int inFlight, int inFlightFigure);

std::int64_t asyncNowNs();

} // namespace corelab
