#include "runtime/AsyncLoop.h"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <system_error>

#include <sys/timerfd.h>
#include <unistd.h>

#include "runtime/WorkerContext.h"

namespace corelab {

namespace {

// min-heap on the deadline
bool later(const std::pair<std::int64_t, std::uint64_t>& a,
           const std::pair<std::int64_t, std::uint64_t>& b)
{
    return a.first > b.first;
}

} // namespace

std::int64_t asyncNowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

TimerQueue::TimerQueue()
    : fd_(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC))
{
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "timerfd_create");
}

TimerQueue::~TimerQueue()
{
    close(fd_);
}

void TimerQueue::add(std::int64_t deadlineNs, std::uint64_t token)
{
    heap_.emplace_back(deadlineNs, token);
    std::push_heap(heap_.begin(), heap_.end(), later);
    if (armedFor_ == 0 || deadlineNs < armedFor_) arm();
}

void TimerQueue::popDue(std::int64_t nowNs, std::vector<std::uint64_t>& due)
{
    std::uint64_t expirations = 0;
    (void)!read(fd_, &expirations, sizeof expirations); // clears readiness; EAGAIN is fine
    while (!heap_.empty() && heap_.front().first <= nowNs) {
        std::pop_heap(heap_.begin(), heap_.end(), later);
        due.push_back(heap_.back().second);
        heap_.pop_back();
    }
    arm();
}

void TimerQueue::arm()
{
    itimerspec spec{};
    armedFor_ = heap_.empty() ? 0 : heap_.front().first;
    if (armedFor_) {
        // an absolute time of 0 would disarm the timer: a past deadline fires at once anyway
        const std::int64_t at = std::max<std::int64_t>(armedFor_, 1);
        spec.it_value.tv_sec = at / 1'000'000'000;
        spec.it_value.tv_nsec = at % 1'000'000'000;
    }
    timerfd_settime(fd_, TFD_TIMER_ABSTIME, &spec, nullptr);
}

AsyncLoop::AsyncLoop()
    : events_(1024)
    , epfd_(epoll_create1(EPOLL_CLOEXEC))
{
    if (epfd_ < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
    watch(timers_.fd(), EPOLLIN, kTimerToken);
}

AsyncLoop::~AsyncLoop()
{
    close(epfd_);
}

void AsyncLoop::watch(int fd, std::uint32_t events, std::uint64_t token)
{
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = token;
    if (epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev) != 0)
        throw std::system_error(errno, std::generic_category(), "epoll_ctl");
}

int AsyncLoop::wait(int maxWaitMs)
{
    due_.clear();
    int n = epoll_wait(epfd_, events_.data(), static_cast<int>(events_.size()), maxWaitMs);
    if (n < 0) n = 0; // EINTR: the caller polls again
    // due timers are collected whether or not the timerfd was reported in this round
    timers_.popDue(asyncNowNs(), due_);
    return n;
}

void runAsyncStreams(WorkerContext& ctx, AsyncStreams& streams, int inFlight, int inFlightFigure)
{
    AsyncLoop loop;
    std::uint64_t started = 0;
    for (int s = 0; s < inFlight && !ctx.stopRequested(); ++s)
        if (streams.start(loop, s)) ++started;
    ctx.setFigure(inFlightFigure, started);
    std::int64_t lastBatchNs = asyncNowNs();
    std::uint64_t completed = 0;
    while (ctx.keepGoing()) {
        loop.poll(10, [&](std::uint64_t token, std::uint32_t events) {
            if (streams.onEvent(loop, static_cast<int>(token), events)) ++completed;
        });
        // batches of ~10 ms keep the counters cheap at 100,000 requests/s
        if (const std::int64_t now = asyncNowNs(); now - lastBatchNs >= 10'000'000) {
            ctx.addBatch(completed);
            completed = 0;
            lastBatchNs = now;
        }
    }
    ctx.addBatch(completed);
}

} // namespace corelab
