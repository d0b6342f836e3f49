// What observing costs: the CPU time of the `corelab run` process (engine, sampler and
// progress line, on a terminal) while its workers sleep, at 64 and 512 workers, and
// beside it `top -b -H -d 0.1` watching the same 64 workers. Prints % of one core and
// the ratio; never fails (the machine may be noisy).
//
//   bench_observer [seconds per run, default 20]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <spawn.h>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of a process so far, ns: schedstat summed over its threads (threads that have
// ended are not counted, so measure a window in which none ends).
std::uint64_t cpuNs(int pid)
{
    std::uint64_t sum = 0;
    std::error_code ec;
    const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
    for (const auto& entry : std::filesystem::directory_iterator(tasks, ec)) {
        std::ifstream in(entry.path() / "schedstat");
        std::uint64_t run = 0;
        if (in >> run) sum += run;
    }
    return sum;
}

// `corelab run` on a terminal of its own (so its progress line is drawn and counted),
// its output drained so it never blocks on the terminal.
class CorelabRun {
public:
    CorelabRun(int workers, int seconds)
    {
        const std::string w = std::to_string(workers), d = std::to_string(seconds) + "s";
        pid_ = forkpty(&master_, nullptr, nullptr, nullptr);
        if (pid_ == 0) {
            execl(CORELAB_CLI_PATH, "corelab", "run", "--workload", "io", "--mode", "sleep",
                  "--latency-ms", "1000", "--workers", w.c_str(), "--rate", "10", "--duration",
                  d.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
    }
    ~CorelabRun()
    {
        if (pid_ > 0) {
            kill(pid_, SIGINT);
            drainUntil(Clock::now() + std::chrono::seconds(10), true);
            waitpid(pid_, nullptr, 0);
        }
        if (master_ >= 0) close(master_);
    }
    int pid() const { return pid_; }
    // Until the progress line says the workers run; false if it never did.
    bool waitUntilRunning()
    {
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        while (Clock::now() < deadline && output_.find("running") == std::string::npos)
            if (!drainFor(std::chrono::milliseconds(50))) return false;
        return output_.find("running") != std::string::npos;
    }
    bool drainFor(std::chrono::milliseconds d) { return drainUntil(Clock::now() + d, false); }

private:
    bool drainUntil(Clock::time_point until, bool toEnd)
    {
        char buf[4096];
        while (Clock::now() < until) {
            pollfd fd{master_, POLLIN, 0};
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
            if (poll(&fd, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
            const ssize_t n = read(master_, buf, sizeof buf);
            if (n <= 0) return false; // the run ended
            if (!toEnd) output_.append(buf, static_cast<std::size_t>(std::min<ssize_t>(n, 512)));
            if (output_.size() > 65536) output_.erase(0, output_.size() - 4096);
        }
        return true;
    }

    int pid_ = -1;
    int master_ = -1;
    std::string output_;
};

struct Costs {
    double corelab = 0; // % of one core
    std::optional<double> top;
};

// Share of one core of each process over a window inside the run: from 2 s after the
// workers started until 2 s before they end.
std::optional<Costs> measure(int workers, int seconds, bool withTop)
{
    CorelabRun run(workers, seconds);
    if (run.pid() < 0 || !run.waitUntilRunning()) return std::nullopt;
    pid_t top = -1;
    if (withTop) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        const char* argv[] = {"top", "-b", "-H", "-d", "0.1", nullptr};
        if (posix_spawnp(&top, "top", &actions, nullptr, const_cast<char**>(argv), environ) != 0)
            top = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    run.drainFor(std::chrono::seconds(2));
    const auto t0 = Clock::now();
    const std::uint64_t corelab0 = cpuNs(run.pid()), top0 = top > 0 ? cpuNs(top) : 0;
    run.drainFor(std::chrono::seconds(std::max(1, seconds - 4)));
    const std::uint64_t corelab1 = cpuNs(run.pid()), top1 = top > 0 ? cpuNs(top) : 0;
    const double wallNs = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
    Costs c;
    c.corelab = 100.0 * static_cast<double>(corelab1 - corelab0) / wallNs;
    if (top > 0) {
        c.top = 100.0 * static_cast<double>(top1 - top0) / wallNs;
        kill(top, SIGTERM);
        waitpid(top, nullptr, 0);
    }
    return c;
}

double loadAverage()
{
    double load = 0;
    std::ifstream("/proc/loadavg") >> load;
    return load;
}

} // namespace

int main(int argc, char** argv)
{
    const int seconds = argc > 1 ? std::max(6, std::atoi(argv[1])) : 20;
    std::printf("CoreLab bench: observer cost, io --mode sleep --latency-ms 1000, 10 Hz, "
                "%d s runs (CPU of the process over the middle %d s)\n",
                seconds, seconds - 4);
    std::printf("load average before: %.2f on %u CPUs\n", loadAverage(),
                std::thread::hardware_concurrency());
    for (int workers : {64, 512}) {
        if (const auto c = measure(workers, seconds, false))
            std::printf("corelab run, %3d sleeping workers: %.3f %% of a core   (budget %s)\n",
                        workers, c->corelab, workers == 64 ? "0.5 %" : "2 %");
        else
            std::printf("corelab run, %3d workers: did not start\n", workers);
    }
    if (const auto c = measure(64, seconds, true); c && c->top)
        std::printf("beside top -b -H -d 0.1, 64 workers: corelab %.3f %%, top %.3f %%, "
                    "corelab / top = %.3f×   (budget 0.25×)\n",
                    c->corelab, *c->top, c->corelab / *c->top);
    else
        std::printf("beside top: top or corelab did not run\n");
    std::printf("load average after: %.2f\n", loadAverage());
    return 0;
}
