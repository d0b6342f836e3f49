// Size, save time and load time of the compact run file (schema 2) against issue 14's
// budget: ≤ 25 bytes per worker-sample, and a 10-minute run of 512 workers on 256 cores
// at 10 Hz that opens (`corelab render`) in ≤ 3 s and ≤ 300 MB RSS. The runs come from a
// generator here (random-walk CPU shares, changing states, batches of ops), so the
// columns carry a real run's entropy rather than constants that compress to nothing.
// Each step runs in a child process so its peak RSS is its own. Prints, never fails.
//
// usage: bench_run_file [--json] [MINUTES…]   (default 2 10; --json also times schema 1)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "record/RunRecord.h"

using namespace corelab;

namespace {

constexpr int kWorkers = 512;
constexpr int kCores = 256;
constexpr int kRateHz = 10;

struct Walk {
    double share = 0.5; // of a core, wandering in 0 … 1
    int cpu = 0;
};

// A run as the sampler would record it: 512 worker processes on 256 cores, each
// worker's CPU share a random walk, /proc/stat shares in 10 ms ticks, status counters
// refreshed at 5 Hz, memory at 2 Hz.
RunRecord generate(int minutes)
{
    std::mt19937_64 rng(42);
    std::normal_distribution<double> step(0, 0.05), jitter(0, 0.0003);
    std::uniform_real_distribution<double> unit(0, 1);
    RunRecord r;
    r.corelabVersion = "bench";
    r.startedAt = "2026-12-01T00:00:00Z";
    r.spec.workload = "cpu";
    r.spec.model = Model::Processes;
    r.spec.workers = kWorkers;
    r.spec.durationS = minutes * 60.0;
    r.spec.rateHz = kRateHz;
    r.machine = {"bench", "synthetic", kCores, kCores, "6.1.0", 64ull << 30, {}};
    std::vector<Walk> walks(kWorkers);
    std::vector<WorkerSample> workers(kWorkers);
    for (int w = 0; w < kWorkers; ++w) {
        workers[w].index = w;
        workers[w].pid = workers[w].tid = 20000 + 3 * w;
        walks[w].cpu = w % kCores;
    }
    const int samples = minutes * 60 * kRateHz;
    r.samples.reserve(samples);
    std::uint64_t rss = 900ull << 20;
    for (int i = 0; i < samples; ++i) {
        Sample s;
        s.t = 0.25 + i / double(kRateHz) + jitter(rng);
        for (int c = 0; c < kCores && i > 0; ++c) {
            const int ticks = 10 + int(unit(rng) * 3) - 1; // 9 … 11 ticks in the interval
            const int user = std::min(ticks, int(unit(rng) * (ticks + 1)));
            const int system = std::min(ticks - user, int(unit(rng) * 2));
            s.cores.push_back({c, user / double(ticks), system / double(ticks), 0,
                               (user + system) / double(ticks)});
        }
        for (int w = 0; w < kWorkers; ++w) {
            Walk& k = walks[w];
            WorkerSample& x = workers[w];
            k.share = std::clamp(k.share + step(rng), 0.0, 1.0);
            if (unit(rng) < 0.2) k.cpu = int(unit(rng) * kCores);
            const double u = unit(rng);
            x.state = u < 0.55 ? 'R' : u < 0.97 ? 'S' : 'D';
            x.lastCpu = k.cpu;
            const auto ran = std::uint64_t(k.share * 1e8 * (0.95 + 0.1 * unit(rng)));
            x.runNs += ran;
            x.waitNs += std::uint64_t((1 - k.share) * 3e7 * unit(rng));
            x.timeslices += 1 + std::uint64_t(unit(rng) * 40);
            x.ops += 1000 * std::uint64_t(ran / 2.5e6); // batches of 1000 ops, 2.5 ms each
            if (i % 2 == 0) {
                x.ctxVoluntary += std::uint64_t(unit(rng) * 20);
                x.ctxInvoluntary += std::uint64_t(unit(rng) * 60);
            }
            if (unit(rng) < 0.1) x.minorFaults += 1 + std::uint64_t(unit(rng) * 30);
            s.workers.push_back(x);
        }
        if (i % (kRateHz / 2) == 0) {
            rss += std::uint64_t(unit(rng) * 64) * 4096;
            s.memory = MemorySample{rss, rss / 2, rss / 3, rss / 2, kWorkers + 1};
            s.pressure = PressureSample{unit(rng) * 0.3, 0, unit(rng) * 0.01};
        }
        r.samples.push_back(std::move(s));
    }
    r.summary.workers = kWorkers;
    r.summary.processes = kWorkers;
    return r;
}

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct ChildResult {
    double seconds = 0;
    double cpuSeconds = 0; // user + system: what the wall time would be on a quiet machine
    long peakRssKiB = 0;
    int status = 0;
};

// Runs work in a child; the child's own peak RSS comes back through wait4.
ChildResult inChild(const std::function<void()>& work)
{
    const double start = now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        try {
            work();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "  failed: %s\n", e.what());
            ::_exit(1);
        }
        ::_exit(0);
    }
    ChildResult out;
    struct rusage usage {};
    ::wait4(pid, &out.status, 0, &usage);
    out.seconds = now() - start;
    out.peakRssKiB = usage.ru_maxrss;
    out.cpuSeconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                     (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    return out;
}

void measure(int minutes, const std::string& extension, const std::string& folder)
{
    const std::string path = folder + "/run-" + std::to_string(minutes) + "min" + extension;
    const double workerSamples = double(minutes) * 60 * kRateHz * kWorkers;
    double saveSeconds = 0;
    const ChildResult save = inChild([&] {
        const RunRecord r = generate(minutes);
        const double start = now();
        saveRunFile(r, path);
        std::FILE* f = std::fopen((path + ".took").c_str(), "w");
        std::fprintf(f, "%f\n", now() - start);
        std::fclose(f);
    });
    if (std::FILE* f = std::fopen((path + ".took").c_str(), "r")) {
        if (std::fscanf(f, "%lf", &saveSeconds) != 1) saveSeconds = 0;
        std::fclose(f);
    }
    if (save.status != 0) {
        std::printf("%3d min %-9s save failed\n", minutes, extension.c_str());
        return;
    }
    const auto bytes = std::filesystem::file_size(path);
    const ChildResult load = inChild([&] { (void)loadRunFile(path); });
    const ChildResult render = inChild([&] {
        const std::string png = path + ".png";
        ::execl(CORELAB_CLI_PATH, "corelab", "render", path.c_str(), "--out", png.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    });
    std::printf("%3d min %-9s %7.1f MB %6.2f B/worker-sample  save %5.2f s  load %5.2f s "
                "(CPU %5.2f s) %5.0f MB  render %5.2f s (CPU %5.2f s) %5.0f MB%s\n",
                minutes, extension.c_str(), bytes / 1e6, bytes / workerSamples, saveSeconds,
                load.seconds, load.cpuSeconds, load.peakRssKiB / 1024.0, render.seconds,
                render.cpuSeconds, render.peakRssKiB / 1024.0,
                render.status == 0 ? "" : "  (render failed)");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    bool json = false;
    std::vector<int> minutes;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--json")
            json = true;
        else
            minutes.push_back(std::atoi(argv[i]));
    }
    if (minutes.empty()) minutes = {2, 10};
    const auto folder = std::filesystem::temp_directory_path() / "corelab-bench-run-file";
    std::filesystem::create_directories(folder);
    std::printf("run file: %d workers, %d cores, %d Hz (synthetic); load = loadRunFile in a "
                "child, render = `corelab render` of the file; MB = peak RSS\n",
                kWorkers, kCores, kRateHz);
    std::printf("budget: ≤ 25 B/worker-sample; 10 min opens in ≤ 3 s and ≤ 300 MB\n");
    for (int m : minutes) {
        measure(m, ".corelab", folder);
        if (json) measure(m, ".json", folder);
    }
    std::filesystem::remove_all(folder);
    return 0;
}
