#include "workloads/PairIo.h"

#include <cerrno>

#include <poll.h>
#include <unistd.h>

#include "ipc/Channels.h"

namespace corelab {

namespace {

constexpr int kPollMs = 10;

// After EAGAIN: one wait for the fd, then what the caller should do next.
Xfer waitReady(WorkerContext& ctx, int fd, short events, bool started)
{
    bool ready = false;
    {
        WorkerContext::Blocking blocking(ctx);
        ready = pollFd(fd, events, kPollMs);
    }
    if (ctx.stopRequested()) return Xfer::Ended;
    return ready || started ? Xfer::Done : Xfer::Idle;
}

template <typename Io>
Xfer transfer(WorkerContext& ctx, int fd, char* p, std::size_t n, short events, Io io)
{
    const std::size_t total = n;
    while (n > 0) {
        const ssize_t done = io(fd, p, n);
        if (done > 0) {
            p += done;
            n -= static_cast<std::size_t>(done);
            continue;
        }
        if (done == 0 || (errno != EAGAIN && errno != EINTR)) return Xfer::Ended;
        // Done here means "try again": the fd became ready or a message is half-moved
        if (Xfer next = waitReady(ctx, fd, events, n < total); next != Xfer::Done) return next;
    }
    return Xfer::Done;
}

} // namespace

std::string pairsUnsupported(const ExperimentSpec& spec, const char* workload)
{
    if (spec.totalWorkers() % 2 == 0) return "";
    return std::string(workload) +
           " runs workers in pairs (2k, 2k+1): the total number of "
           "workers must be even, not " +
           std::to_string(spec.totalWorkers());
}

Xfer sendAll(WorkerContext& ctx, int fd, const void* data, std::size_t n)
{
    auto* p = const_cast<char*>(static_cast<const char*>(data));
    return transfer(ctx, fd, p, n, POLLOUT,
                    [](int f, char* b, std::size_t len) { return write(f, b, len); });
}

Xfer recvAll(WorkerContext& ctx, int fd, void* data, std::size_t n)
{
    return transfer(ctx, fd, static_cast<char*>(data), n, POLLIN,
                    [](int f, char* b, std::size_t len) { return read(f, b, len); });
}

} // namespace corelab
