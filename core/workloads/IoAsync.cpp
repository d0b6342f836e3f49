#include <cerrno>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "runtime/AsyncLoop.h"
#include "workloads/EchoServer.h"
#include "workloads/IoLatency.h"
#include "workloads/IoState.h"

namespace corelab {

namespace {

// Each stream sleeps on the loop's shared timer instead of a thread of its own.
class SleepStreams : public AsyncStreams {
public:
    SleepStreams(int n, std::int64_t latencyNs, LatencyHistogram& h)
        : startedNs_(static_cast<std::size_t>(n))
        , latencyNs_(latencyNs)
        , histogram_(h)
    {
    }
    bool start(AsyncLoop& loop, int s) override
    {
        const std::int64_t now = asyncNowNs();
        startedNs_[static_cast<std::size_t>(s)] = now;
        loop.after(now + latencyNs_, static_cast<std::uint64_t>(s));
        return true;
    }
    bool onEvent(AsyncLoop& loop, int s, std::uint32_t) override
    {
        histogram_.record(
            static_cast<std::uint64_t>(asyncNowNs() - startedNs_[static_cast<std::size_t>(s)]));
        return start(loop, s);
    }

private:
    std::vector<std::int64_t> startedNs_;
    std::int64_t latencyNs_;
    LatencyHistogram& histogram_;
};

// Each stream is one non-blocking connection to the echo server.
class SocketStreams : public AsyncStreams {
public:
    SocketStreams(int n, std::uint16_t port, LatencyHistogram& h)
        : streams_(static_cast<std::size_t>(n))
        , port_(port)
        , histogram_(h)
    {
    }
    ~SocketStreams() override
    {
        for (const Stream& s : streams_)
            if (s.fd >= 0) close(s.fd);
    }
    bool start(AsyncLoop& loop, int s) override
    {
        Stream& st = streams_[static_cast<std::size_t>(s)];
        st.fd = connectEcho(port_);
        if (st.fd < 0) return false;
        fcntl(st.fd, F_SETFL, fcntl(st.fd, F_GETFL) | O_NONBLOCK);
        loop.watch(st.fd, EPOLLIN, static_cast<std::uint64_t>(s));
        send(st);
        return true;
    }
    bool onEvent(AsyncLoop&, int s, std::uint32_t) override
    {
        Stream& st = streams_[static_cast<std::size_t>(s)];
        char reply[8];
        const ssize_t n = read(st.fd, reply, sizeof reply - st.got);
        if (n <= 0) return false;
        st.got += static_cast<std::size_t>(n);
        if (st.got < sizeof reply) return false;
        histogram_.record(static_cast<std::uint64_t>(asyncNowNs() - st.sentNs));
        send(st);
        return true;
    }

private:
    struct Stream {
        int fd = -1;
        std::size_t got = 0;
        std::int64_t sentNs = 0;
    };
    static void send(Stream& st)
    {
        st.got = 0;
        st.sentNs = asyncNowNs();
        const char request[8] = {'r', 'e', 'q', 'u', 'e', 's', 't', '\n'};
        (void)!write(st.fd, request, sizeof request); // 8 bytes always fit an idle socket
    }
    std::vector<Stream> streams_;
    std::uint16_t port_;
    LatencyHistogram& histogram_;
};

} // namespace

void runIoAsync(WorkerContext& ctx, const IoState& state)
{
    LatencyHistogram& h = workerHistogram(ctx.sharedArea(), ctx.index());
    const int inFlight = ctx.spec().workers;
    if (state.mode == IoMode::Socket) {
        SocketStreams streams(inFlight, state.port, h);
        runAsyncStreams(ctx, streams, inFlight, kInFlightFigure);
    } else {
        SleepStreams streams(inFlight, state.latencyNs, h);
        runAsyncStreams(ctx, streams, inFlight, kInFlightFigure);
    }
}

} // namespace corelab
