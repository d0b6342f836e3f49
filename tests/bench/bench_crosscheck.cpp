// CoreLab's headline figures beside an independent measurement of the same thing,
// on the same machine in the same run: a minimal pthread_create / fork loop, perf
// bench sched pipe (or a minimal pinned pipe ping-pong), the workers' CPU time from
// getrusage and /proc/PID/stat, a direct sum of smaps Pss lines, and real CPython
// threads against processes. Prints each pair and their ratio; never fails on timing.
//
// Usage: bench_crosscheck [seconds per CoreLab run]   (default 2)

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "TestHelpers.h"
#include "engine/Engine.h"

using namespace corelab;
using namespace corelab::test;

namespace {

std::int64_t nowNs()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// Median of the finite values (a measurement that could not run gives NAN).
double median(std::vector<double> v)
{
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }),
            v.end());
    if (v.empty()) return NAN;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

struct Row {
    std::string figure, unit;
    double corelab = NAN, independent = NAN;
    std::string note; // what the independent figure is, or why it is missing
};
using Rows = std::vector<Row>;

// Collects the record; calls onMemory (on the engine's thread) for every sample
// that carries a memory reading, so a check can read /proc at that moment.
class BenchSink : public RunSink {
public:
    std::function<void(const MemorySample&)> onMemory;
    void onSamples(const std::vector<Sample>& batch) override
    {
        for (const Sample& s : batch)
            if (s.memory && onMemory) onMemory(*s.memory);
    }
    void onEvents(const std::vector<Event>&) override {}
    // read only after Engine::wait(), which joins the thread that writes it
    void onFinished(const RunRecord& r) override { record = r; }
    void onError(const std::string& message) override
    {
        std::fprintf(stderr, "corelab error: %s\n", message.c_str());
    }
    RunRecord record;
};

ExperimentSpec spec(const char* workload, Model model, int workers, double runS)
{
    ExperimentSpec s;
    s.workload = workload;
    s.model = model;
    s.workers = workers;
    s.durationS = runS;
    return s;
}

// Runs spec to its end; `during` runs on this thread while the run goes, with the
// leader's pid (the workers' process group).
RunRecord runCoreLab(const ExperimentSpec& s, BenchSink& sink,
                     const std::function<void(int)>& during = {})
{
    EngineOptions o;
    o.workerPath = CORELAB_WORKER_PATH;
    Engine engine(o);
    if (auto err = engine.start(s, sink)) {
        std::fprintf(stderr, "corelab refused the spec: %s\n", err->c_str());
        return {};
    }
    while (engine.running() && engine.leaderPid() == 0)
        usleep(1000);
    if (during && engine.leaderPid() > 0) during(engine.leaderPid());
    engine.wait();
    return sink.record;
}

RunRecord runCoreLab(const ExperimentSpec& s)
{
    BenchSink sink;
    return runCoreLab(s, sink);
}

double figure(const RunRecord& r, const char* key)
{
    const auto it = r.summary.figures.find(key);
    return it == r.summary.figures.end() ? NAN : it->second;
}

// /proc is read here directly, not through core/probe, so a parser bug shows.
// utime + stime (fields 14, 15) of a process, all its threads, in seconds.
double cpuSecondsOf(int pid)
{
    const std::string text = slurp("/proc/" + std::to_string(pid) + "/stat");
    const auto close = text.rfind(')');
    if (close == std::string::npos) return 0;
    unsigned long long utime = 0, stime = 0;
    // after ')': state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    if (std::sscanf(text.c_str() + close + 2,
                    "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return 0;
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Σ of the "Pss:" lines (kB) of every mapping in /proc/PID/smaps, in bytes.
double pssBytesOf(int pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/smaps");
    double kb = 0;
    for (std::string line; std::getline(in, line);)
        if (line.rfind("Pss:", 0) == 0) kb += std::atof(line.c_str() + 4);
    return kb * 1024;
}

double childrenCpuS()
{
    rusage u{};
    getrusage(RUSAGE_CHILDREN, &u);
    auto s = [](timeval t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

struct SpawnTimes {
    std::vector<double> runningUs, reapedUs;
};

void* markRunning(void* mark)
{
    static_cast<std::atomic<std::int64_t>*>(mark)->store(nowNs(), std::memory_order_release);
    return nullptr;
}

SpawnTimes threadLoop(int n)
{
    SpawnTimes t;
    std::atomic<std::int64_t> mark{0};
    for (int i = 0; i < n; ++i) {
        const std::int64_t start = nowNs();
        pthread_t th;
        if (pthread_create(&th, nullptr, markRunning, &mark) != 0) continue;
        pthread_join(th, nullptr);
        const std::int64_t end = nowNs();
        t.runningUs.push_back(static_cast<double>(mark.load() - start) / 1e3);
        t.reapedUs.push_back(static_cast<double>(end - start) / 1e3);
    }
    return t;
}

SpawnTimes forkLoop(int n)
{
    SpawnTimes t;
    auto* mark = static_cast<std::atomic<std::int64_t>*>(
        mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
    if (mark == MAP_FAILED) return t;
    for (int i = 0; i < n; ++i) {
        const std::int64_t start = nowNs();
        const pid_t pid = fork();
        if (pid == 0) {
            mark->store(nowNs(), std::memory_order_release);
            _exit(0);
        }
        if (pid < 0 || waitpid(pid, nullptr, 0) != pid) continue;
        const std::int64_t end = nowNs();
        t.runningUs.push_back(static_cast<double>(mark->load() - start) / 1e3);
        t.reapedUs.push_back(static_cast<double>(end - start) / 1e3);
    }
    munmap(mark, 4096);
    return t;
}

double rssOfSelf()
{
    long pages = 0;
    std::sscanf(slurp("/proc/self/statm").c_str(), "%*d %ld", &pages);
    return static_cast<double>(pages) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// Alternates CoreLab and the loop three times and takes the medians: on a busy
// machine one measurement after another sees a different load.
void checkSpawn(double runS, Rows& rows)
{
    constexpr int kRounds = 3;
    for (int method : {0, 1}) {
        ExperimentSpec s = spec("spawn", Model::Threads, 1, runS);
        s.params["method"] = method;
        std::vector<double> created, reaped, ownCreated, ownReaped;
        std::uint64_t peakRss = 0;
        for (int round = 0; round < kRounds; ++round) {
            const RunRecord r = runCoreLab(s);
            created.push_back(figure(r, "create_p50_us"));
            reaped.push_back(figure(r, "reaped_p50_us"));
            peakRss = r.summary.peakRssBytes.value_or(0); // 0: not measured
            const SpawnTimes own = method == 0 ? threadLoop(5000) : forkLoop(2000);
            ownCreated.push_back(median(own.runningUs));
            ownReaped.push_back(median(own.reapedUs));
        }
        const std::string what = method == 0 ? "spawn thread" : "spawn fork";
        // a fork copies the page tables of the process that forks: say how large each was
        char loop[160];
        std::snprintf(loop, sizeof loop,
                      "%s loop, p50 (RSS: this bench %.0f MiB, CoreLab tree %.0f MiB)",
                      method == 0 ? "pthread_create+join" : "fork+waitpid", rssOfSelf() / (1 << 20),
                      static_cast<double>(peakRss) / (1 << 20));
        rows.push_back({what + " create_p50", "µs", median(created), median(ownCreated), loop});
        rows.push_back({what + " reaped_p50", "µs", median(reaped), median(ownReaped), loop});
    }
}

void pinTo(int cpu)
{
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    sched_setaffinity(0, sizeof one, &one);
}

// Reads one byte; a non-blocking fd waits in poll() as CoreLab's pipe channel does.
bool readByte(int fd, char& c, bool nonBlocking)
{
    for (;;) {
        if (read(fd, &c, 1) == 1) return true;
        if (!nonBlocking || errno != EAGAIN) return false;
        pollfd p{fd, POLLIN, 0};
        poll(&p, 1, 10);
    }
}

// A pipe ping-pong with both sides pinned to cpu: µs per hand-off (half a round trip).
double pipePingpong(int cpu, bool threads, bool nonBlocking, int trips)
{
    int there[2], back[2];
    const int flags = nonBlocking ? O_NONBLOCK : 0;
    if (pipe2(there, flags) != 0 || pipe2(back, flags) != 0) return NAN;
    auto echo = [&] {
        pinTo(cpu);
        char c;
        for (int i = 0; i < trips; ++i)
            if (!readByte(there[0], c, nonBlocking) || write(back[1], &c, 1) != 1) break;
    };
    std::thread echoThread;
    pid_t child = -1;
    if (threads)
        echoThread = std::thread(echo);
    else if ((child = fork()) == 0)
        echo(), _exit(0);
    cpu_set_t before;
    sched_getaffinity(0, sizeof before, &before);
    pinTo(cpu);
    const std::int64_t start = nowNs();
    char c = 't';
    for (int i = 0; i < trips; ++i)
        if (write(there[1], &c, 1) != 1 || !readByte(back[0], c, nonBlocking)) break;
    const double us = static_cast<double>(nowNs() - start) / 1e3 / (2.0 * trips);
    sched_setaffinity(0, sizeof before, &before);
    if (threads) echoThread.join();
    if (child > 0) waitpid(child, nullptr, 0);
    for (int fd : {there[0], there[1], back[0], back[1]})
        close(fd);
    return us;
}

// perf's "usecs/op" is one round trip; NAN and `why` set when perf cannot run.
double perfPipe(int cpu, bool threads, int trips, std::string& why)
{
    const std::string cmd = "taskset -c " + std::to_string(cpu) + " perf bench sched pipe -l " +
                            std::to_string(trips) + (threads ? " -T" : "") + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return why = "popen failed", NAN;
    double usPerOp = NAN;
    std::string all;
    char line[512];
    while (std::fgets(line, sizeof line, p)) {
        all += line;
        // "       7.373200 usecs/op"; the "ops/sec" line also starts with a number
        if (std::strstr(line, "usecs/op")) usPerOp = std::atof(line);
    }
    const int status = pclose(p);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        why = "perf or taskset is not installed (Debian packages linux-perf, util-linux)";
        return NAN;
    }
    if (std::isnan(usPerOp)) {
        why = "perf bench failed (exit " + std::to_string(WEXITSTATUS(status)) +
              "): " + all.substr(0, all.find('\n'));
        return NAN;
    }
    return usPerOp / 2;
}

// Each measurement three times, alternating, and the median of each: a pinned
// ping-pong shares its CPU with whatever else is runnable there, which changes by
// the second on a busy machine.
void checkPingpong(double runS, Rows& rows)
{
    constexpr int kRounds = 3, kTrips = 100000;
    for (Model model : {Model::Threads, Model::Processes}) {
        ExperimentSpec s = spec("pingpong", model, 2, runS);
        s.params["channel"] = 1; // pipe, as perf bench sched pipe
        s.params["same-core"] = 1;
        const bool threads = model == Model::Threads;
        std::vector<double> corelab, perf, blocking, polling;
        std::string why;
        for (int round = 0; round < kRounds; ++round) {
            const RunRecord r = runCoreLab(s);
            corelab.push_back(figure(r, "us_per_switch"));
            const double pinnedCpu = figure(r, "pinned_cpu");
            const int cpu = std::isnan(pinnedCpu) ? 0 : static_cast<int>(pinnedCpu);
            perf.push_back(perfPipe(cpu, threads, kTrips, why));
            blocking.push_back(pipePingpong(cpu, threads, false, kTrips));
            polling.push_back(pipePingpong(cpu, threads, true, kTrips));
        }
        const std::string what = std::string("pingpong pipe pinned ") +
                                 (threads ? "threads" : "processes") + " us_per_switch";
        const std::string perfNote = std::string("perf bench sched pipe") + (threads ? " -T" : "") +
                                     " under taskset, usecs/op / 2";
        rows.push_back({what, "µs", median(corelab), median(perf),
                        why.empty() ? perfNote : "skipped: " + why});
        rows.push_back({what, "µs", median(corelab), median(blocking),
                        "minimal pinned pipe ping-pong, blocking read"});
        rows.push_back({what, "µs", median(corelab), median(polling),
                        "same, O_NONBLOCK read + poll as CoreLab's pipe channel"});
    }
}

void checkBusyCores(double runS, Rows& rows)
{
    for (Model model : {Model::Threads, Model::Processes}) {
        const ExperimentSpec s = spec("cpu", model, 2, runS);
        double cpuA = 0, cpuB = 0;
        std::int64_t tA = 0, tB = 0;
        // a window inside the run, away from start-up and stop
        auto window = [&](int pgid) {
            usleep(static_cast<useconds_t>(0.4 * 1e6));
            tA = nowNs();
            for (int pid : processesInGroup(pgid))
                cpuA += cpuSecondsOf(pid);
            usleep(static_cast<useconds_t>((runS - 0.7) * 1e6));
            tB = nowNs();
            for (int pid : processesInGroup(pgid))
                cpuB += cpuSecondsOf(pid);
        };
        const double before = childrenCpuS();
        BenchSink sink;
        const RunRecord r = runCoreLab(s, sink, window);
        const double reaped = childrenCpuS() - before;
        const std::string what = std::string("busy cores cpu ") + toString(model);
        rows.push_back({what, "cores", r.summary.busyCoresMean,
                        (cpuB - cpuA) / (static_cast<double>(tB - tA) / 1e9),
                        "Δ(utime+stime) of /proc/PID/stat, window inside the run"});
        rows.push_back({what, "cores", r.summary.busyCoresMean, reaped / r.summary.wallS,
                        "getrusage(RUSAGE_CHILDREN) of the whole tree / wall_s"});
    }
}

void checkPss(double runS, Rows& rows)
{
    for (Model model : {Model::Threads, Model::Processes}) {
        const ExperimentSpec s = spec("memory", model, 2, runS);
        std::atomic<int> leader{0};
        std::atomic<bool> taken{false};
        double corelab = NAN, direct = NAN;
        BenchSink sink;
        int readings = 0;
        sink.onMemory = [&](const MemorySample& m) {
            // from the third reading (about 1 s in) the workers have touched their memory
            if (++readings < 3 || taken || leader == 0) return;
            direct = 0;
            for (int pid : processesInGroup(leader))
                direct += pssBytesOf(pid);
            corelab = static_cast<double>(m.pssBytes);
            taken = true;
        };
        runCoreLab(s, sink, [&](int pgid) { leader = pgid; });
        rows.push_back(
            {std::string("PSS memory ") + toString(model), "MiB", corelab / (1 << 20),
             direct / (1 << 20),
             "Σ Pss: of /proc/PID/smaps of the group, read as CoreLab's sample arrived"});
    }
}

struct PythonRun {
    double opsPerS = NAN;
    double busyCores = NAN; // the script's CPU time (getrusage of children) / its wall time
};

// A script's ops/s from its `corelab-ops N` lines after the first half second
// (CPython and multiprocessing start-up are left out).
PythonRun runPython(const char* script, double seconds)
{
    const std::string cmd = std::string("python3 ") + CORELAB_SCRIPTS_DIR + "/" + script + " 2 " +
                            std::to_string(seconds);
    const double cpuBefore = childrenCpuS();
    const std::int64_t start = nowNs();
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return {};
    std::int64_t from = 0, to = 0;
    double ops = 0;
    char line[256];
    while (std::fgets(line, sizeof line, p)) {
        double n = 0;
        if (std::sscanf(line, "corelab-ops %lf", &n) != 1) continue;
        const std::int64_t now = nowNs();
        if (now - start < 500'000'000) continue;
        if (from == 0) {
            from = now; // counts from here on
            continue;
        }
        ops += n;
        to = now;
    }
    pclose(p);
    PythonRun r;
    if (to > from) r.opsPerS = ops / (static_cast<double>(to - from) / 1e9);
    r.busyCores = (childrenCpuS() - cpuBefore) / (static_cast<double>(nowNs() - start) / 1e9);
    return r;
}

// The threads/processes ratio of each, three times alternating, median of each;
// CoreLab's busy cores are printed too, since the ratio depends on how many cores
// the workers got.
void checkInterpreterLock(double runS, Rows& rows)
{
    constexpr int kRounds = 3;
    std::vector<double> corelab, python, busyThreads, busyProcesses, pyBusyThreads, pyBusyProcesses;
    for (int round = 0; round < kRounds; ++round) {
        ExperimentSpec s = spec("cpu", Model::Threads, 2, runS);
        s.interpreterLock = true;
        const Summary threads = runCoreLab(s).summary;
        s.model = Model::Processes;
        const Summary processes = runCoreLab(s).summary;
        corelab.push_back(threads.opsPerS / processes.opsPerS);
        busyThreads.push_back(threads.busyCoresMean);
        busyProcesses.push_back(processes.busyCoresMean);
        const PythonRun pyThreads = runPython("cpu_threads.py", runS + 1);
        const PythonRun pyProcesses = runPython("cpu_processes.py", runS + 1);
        python.push_back(pyThreads.opsPerS / pyProcesses.opsPerS);
        pyBusyThreads.push_back(pyThreads.busyCores);
        pyBusyProcesses.push_back(pyProcesses.busyCores);
    }
    char note[200];
    std::snprintf(note, sizeof note,
                  "CPython cpu_threads.py / cpu_processes.py ops/s (busy cores, threads / "
                  "processes: CoreLab %.2f / %.2f, CPython %.2f / %.2f)",
                  median(busyThreads), median(busyProcesses), median(pyBusyThreads),
                  median(pyBusyProcesses));
    rows.push_back({"interpreter lock threads/processes (2 workers)", "ratio", median(corelab),
                    median(python), note});
}

void printTable(const Rows& rows)
{
    std::printf("\n%-50s %-6s %10s %12s %7s  %-8s %s\n", "figure", "unit", "CoreLab", "independent",
                "ratio", "±15 %?", "independent measurement (ratio = CoreLab / independent)");
    for (const Row& r : rows) {
        const double ratio = r.corelab / r.independent;
        const bool known = std::isfinite(ratio);
        std::printf("%-50s %-6s %10.3f %12.3f %7.3f  %-8s %s\n", r.figure.c_str(), r.unit.c_str(),
                    r.corelab, r.independent, ratio,
                    !known ? "–" : (std::fabs(ratio - 1) <= 0.15 ? "yes" : "NO"), r.note.c_str());
    }
}

} // namespace

int main(int argc, char** argv)
{
    double runS = 2.0;
    if (argc > 1) runS = std::max(1.5, std::atof(argv[1]));
    std::printf("bench_crosscheck: %.1f s per CoreLab run, %ld CPUs online, load %s", runS,
                sysconf(_SC_NPROCESSORS_ONLN), slurp("/proc/loadavg").c_str());
    Rows rows;
    checkSpawn(runS, rows);
    checkPingpong(runS, rows);
    checkBusyCores(runS, rows);
    checkPss(runS, rows);
    checkInterpreterLock(runS, rows);
    printTable(rows);
    return 0;
}
