#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/AsyncLoop.h"
#include "workloads/EchoServer.h"
#include "workloads/IoLatency.h"
#include "workloads/IoState.h"

namespace corelab {

namespace {

constexpr std::int64_t kBlock = 4096;

// Runs requests until stop, timing each one; request() returns the bytes it moved,
// or -1 when it did not complete (the run stopped, or the server went away).
template <typename Request> void runRequests(WorkerContext& ctx, Request&& request)
{
    LatencyHistogram& h = workerHistogram(ctx.sharedArea(), ctx.index());
    while (ctx.keepGoing()) {
        std::uint64_t ops = 0, bytes = 0;
        const std::int64_t batchStart = asyncNowNs();
        std::int64_t now = batchStart;
        // fast requests (page-cache reads) are batched ~1 ms so counting costs nothing
        do {
            const std::int64_t t0 = now;
            const std::int64_t moved = request();
            now = asyncNowNs();
            if (moved < 0) {
                ctx.addBatch(ops, bytes);
                return;
            }
            h.record(static_cast<std::uint64_t>(now - t0));
            ++ops;
            bytes += static_cast<std::uint64_t>(moved);
        } while (now - batchStart < 1'000'000 && !ctx.stopRequested());
        ctx.addBatch(ops, bytes);
    }
}

std::uint64_t threadReadBytes()
{
    unsigned long long value = 0;
    if (FILE* f = std::fopen("/proc/thread-self/io", "re")) {
        char line[128];
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "read_bytes: %llu", &value) == 1) break;
        std::fclose(f);
    }
    return value;
}

void runFile(WorkerContext& ctx, const IoState& st)
{
    const std::uint64_t before = threadReadBytes();
    std::uint64_t x = 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(ctx.index() + 1);
    alignas(64) char buf[kBlock];
    runRequests(ctx, [&]() -> std::int64_t {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; // xorshift: a random block each time
        const auto offset = static_cast<off_t>(x % st.fileBlocks) * kBlock;
        WorkerContext::Blocking blocking(ctx);
        const ssize_t n = pread(st.fileFd, buf, kBlock, offset);
        if (st.dropCache) posix_fadvise(st.fileFd, offset, kBlock, POSIX_FADV_DONTNEED);
        return n;
    });
    ctx.setFigure(kIoDiskBytesFigure, threadReadBytes() - before);
}

void runSocket(WorkerContext& ctx, const IoState& st)
{
    const int fd = connectEcho(st.port);
    if (fd < 0) return;
    const timeval tv{0, 50'000}; // a blocked read looks at the stop flag every 50 ms
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    runRequests(ctx, [&]() -> std::int64_t {
        WorkerContext::Blocking blocking(ctx);
        const char request[8] = {'r', 'e', 'q', 'u', 'e', 's', 't', '\n'};
        if (write(fd, request, sizeof request) != sizeof request) return -1;
        char reply[8];
        for (std::size_t got = 0; got < sizeof reply;) {
            const ssize_t n = read(fd, reply + got, sizeof reply - got);
            if (n > 0)
                got += static_cast<std::size_t>(n);
            else if (n == 0 || (errno != EAGAIN && errno != EINTR) || ctx.stopRequested())
                return -1;
        }
        return 16;
    });
    close(fd);
}

void runIo(WorkerContext& ctx)
{
    // an exec'd worker has no leader state; sleep mode needs none
    const IoState sleepOnly{IoMode::Sleep, static_cast<std::int64_t>(ctx.arg(1) * 1e6)};
    const auto* st =
        ctx.leaderState() ? static_cast<const IoState*>(ctx.leaderState()) : &sleepOnly;
    if (st->error) {
        ctx.header().leaderError.store(st->error);
        ctx.header().stop.store(1);
        futexWakeAll(ctx.header().stop); // others sleep on it
        return;
    }
    if (ctx.spec().model == Model::Async) return runIoAsync(ctx, *st);
    if (st->mode == IoMode::File) return runFile(ctx, *st);
    if (st->mode == IoMode::Socket) return runSocket(ctx, *st);
    runRequests(ctx, [&]() -> std::int64_t {
        WorkerContext::Blocking blocking(ctx);
        return sleepFor(ctx, st->latencyNs) ? 0 : -1;
    });
}

// Writes real blocks (a sparse file would be read as zeros without touching the
// disk), then syncs so DONTNEED can drop them from the page cache.
int fillFile(int fd, std::uint64_t bytes, bool dropCache)
{
    std::vector<char> chunk(1 << 20);
    for (std::size_t i = 0; i < chunk.size(); ++i)
        chunk[i] = static_cast<char>(i * 131 + 7);
    // a short write is not an error yet: the next call says why (ENOSPC on a full disk)
    for (std::uint64_t done = 0; done < bytes;) {
        const std::size_t want = static_cast<std::size_t>(
            std::min<std::uint64_t>(chunk.size() - done % chunk.size(), bytes - done));
        const ssize_t n = write(fd, chunk.data() + done % chunk.size(), want);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return EIO;
        done += static_cast<std::uint64_t>(n);
    }
    posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM); // no readahead: one read, one block
    if (dropCache) {
        if (fdatasync(fd) != 0) return errno;
        posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    }
    return 0;
}

void openDataFile(IoState& st, std::uint64_t mib)
{
    const char* dir = std::getenv("TMPDIR");
    std::string path = std::string(dir && *dir ? dir : "/tmp") + "/corelab-io-XXXXXX";
    st.fileFd = mkostemp(path.data(), O_CLOEXEC);
    if (st.fileFd < 0) {
        st.error = errno;
        return;
    }
    unlink(path.c_str()); // the open fd keeps it alive; no name is left to clean up
    st.fileBlocks = mib * (1 << 20) / kBlock;
    st.error = fillFile(st.fileFd, mib << 20, st.dropCache);
}

void* prepareIo(const ExperimentSpec& spec, const std::vector<double>& args)
{
    auto* st = new IoState; // lives as long as the leader
    st->mode = static_cast<IoMode>(static_cast<int>(args[0]));
    st->latencyNs = static_cast<std::int64_t>(args[1] * 1e6);
    st->dropCache = args[3] != 0;
    if (st->mode == IoMode::File) openDataFile(*st, static_cast<std::uint64_t>(args[2]));
    if (st->mode == IoMode::Socket) {
        // the server holds one socket per connection in this same process
        rlimit lim{};
        if (getrlimit(RLIMIT_NOFILE, &lim) == 0) {
            lim.rlim_cur = lim.rlim_max;
            setrlimit(RLIMIT_NOFILE, &lim);
        }
        st->port = EchoServer::start(st->latencyNs);
        if (st->port == 0) st->error = errno ? errno : EIO;
    }
    (void)spec;
    return st;
}

std::string ioUnsupported(const ExperimentSpec& spec)
{
    const auto mode = static_cast<IoMode>(static_cast<int>(paramOr(spec, "mode", 0)));
    const bool exec = spec.spawn == SpawnMethod::Exec && spec.processCount() > 0;
    if (exec && mode != IoMode::Sleep)
        return "io file/socket needs --spawn fork: the data file and the echo server live in "
               "the leader, and an exec'd worker inherits neither";
    if (spec.model == Model::Async && mode == IoMode::File)
        return "async io covers sleep and socket: epoll cannot wait for regular-file reads "
               "(that needs io_uring)";
    rlimit lim{};
    if (spec.model == Model::Async && mode == IoMode::Socket &&
        getrlimit(RLIMIT_NOFILE, &lim) == 0 &&
        static_cast<rlim_t>(2 * spec.workers + 64) > lim.rlim_max)
        return "async socket needs two descriptors per request in flight (client and server): "
               "at most " +
               std::to_string((lim.rlim_max - 64) / 2) + " with this RLIMIT_NOFILE";
    return "";
}

std::size_t ioSharedBytes(const ExperimentSpec& spec)
{
    return latencyAreaBytes(spec.totalWorkers());
}

void summarizeIo(const WorkloadResult& r, std::map<std::string, double>& out)
{
    std::uint64_t ops = 0, disk = 0;
    for (std::size_t w = 0; w < r.ops.size(); ++w) {
        ops += r.ops[w];
        disk += r.figures[w][kIoDiskBytesFigure];
    }
    out["requests_per_s"] = r.wallS > 0 ? static_cast<double>(ops) / r.wallS : 0;
    addLatencyFigures(r.sharedArea, static_cast<int>(r.ops.size()), out);
    if (static_cast<int>(r.spec.params.at("mode")) == static_cast<int>(IoMode::File) && ops)
        out["disk_read_share"] = static_cast<double>(disk) / (static_cast<double>(ops) * kBlock);
    if (r.spec.model == Model::Async && !r.figures.empty())
        out["in_flight"] = static_cast<double>(r.figures[0][kInFlightFigure]);
}

} // namespace

// Sleeps for ns on the control block's stop word; false when the run stopped first. A stop
// wakes it at once, so a long sleep is one wait, not a wake-up every few ms that would
// show as work (and make the sampler read the thread's /proc files each tick).
bool sleepFor(WorkerContext& ctx, std::int64_t ns)
{
    const std::int64_t deadline = asyncNowNs() + ns;
    for (std::int64_t now = asyncNowNs(); now < deadline; now = asyncNowNs()) {
        if (ctx.stopRequested()) return false;
        futexWait(ctx.header().stop, 0, deadline - now);
    }
    return true;
}

double paramOr(const ExperimentSpec& spec, const char* name, double fallback)
{
    const auto it = spec.params.find(name);
    return it == spec.params.end() ? fallback : it->second;
}

WorkloadInfo ioWorkload()
{
    WorkloadInfo w;
    w.name = "io";
    w.description = "Blocking waits: a simulated network delay, random 4 KiB file reads, or "
                    "request/response with a loopback echo server.";
    w.opUnit = "request";
    w.params = {
        {"mode", "", 0, 0, 2, "what one request waits for", {"sleep", "file", "socket"}},
        {"latency-ms", "ms", 10, 0, 1000, "sleep length, and the echo server's reply delay"},
        {"file-mib", "MiB", 64, 1, 4096, "file mode: size of the data file (in $TMPDIR)"},
        {"drop-cache",
         "",
         0,
         0,
         1,
         "file mode: yes drops each block from the page cache after reading it, so reads "
         "reach the disk",
         {"no", "yes"}}};
    w.run = runIo;
    w.sharedAreaBytes = ioSharedBytes;
    w.prepare = prepareIo;
    w.unsupported = ioUnsupported;
    w.summarize = summarizeIo;
    w.figures = {{"requests_per_s", "requests/s", Better::Higher,
                  "requests completed per second, all workers"},
                 {"latency_p50_ms", "ms", Better::Lower,
                  "median time from issuing a request to its completion"},
                 {"latency_p99_ms", "ms", Better::Lower,
                  "99th percentile of the same (histogram, 8 buckets per octave)"},
                 {"disk_read_share", "ratio", Better::Neither,
                  "file mode: bytes read from storage (/proc/thread-self/io) per byte requested; "
                  "0 = every read hit the page cache"},
                 {"in_flight", "requests", Better::Neither,
                  "async: requests the event loop kept outstanding at once"}};
    w.supportsAsync = true;
    return w;
}

} // namespace corelab
