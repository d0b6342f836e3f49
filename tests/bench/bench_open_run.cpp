// Opening a long, wide run, both ways the program opens one, against issue 14's budget:
// a 10-minute run of 512 workers on 256 CPUs at 10 Hz opens in ≤ 3 s and ≤ 300 MB.
//   render: `corelab render RUN.corelab --out RUN.png` (1920×1080 by default)
//   window: what File → Open and the runs list do (RunSeries::loadFile, as RunFiles::load
//           does on its pool thread), then the Run tab's timeline drawn once at
//           1920×1080 on the offscreen platform, without the rest of the window
// The run is the synthetic machine's (record/Synthetic.h, default 256x512x600), written
// once as .corelab in a temporary folder; or a run file named on the command line (the
// default synthetic run is written there first, and kept, if there is none). Each opening
// runs in a child process, so its wall time, CPU time (user + system) and peak RSS are its
// own. Prints the figures; never fails on them.
//   bench_open_run [CPUSxWORKERSxSECONDS | RUN.corelab] [REPEATS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <QApplication>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "Qcp.h"
#include "RunSeries.h"
#include "record/Synthetic.h"
#include "timeline/TimelineView.h"

using namespace corelab;

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Child {
    double seconds = 0;
    double cpuSeconds = 0;
    double peakMiB = 0;
    int status = -1;
};

// Runs argv in a child and waits for it; its own peak RSS comes back through wait4.
Child run(const std::vector<std::string>& args)
{
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const double start = now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    Child out;
    struct rusage usage {};
    ::wait4(pid, &out.status, 0, &usage);
    out.seconds = now() - start;
    out.cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    out.peakMiB = double(usage.ru_maxrss) / 1024.0;
    return out;
}

// The child that opens the run as the window does.
int openAsTheWindow(int argc, char** argv, const std::string& path)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
    ui::RunSeries model;
    model.loadFile(path);
    ui::TimelineView view;
    view.setModel(&model);
    view.resize(1920, 1080);
    view.show();
    QCoreApplication::processEvents();
    view.refreshNow();
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    return view.plot()->graphCount() > 0 || view.plot()->plottableCount() > 0 ? 0 : 1;
}

// The synthetic run, written by a child so this process stays small.
bool writeSynthetic(const SyntheticShape& shape, const std::string& path)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        try {
            saveRunFile(syntheticRecord(shape), path);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "cannot write %s: %s\n", path.c_str(), e.what());
            ::_exit(1);
        }
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void report(const char* way, std::vector<Child> runs)
{
    std::sort(runs.begin(), runs.end(),
              [](const Child& a, const Child& b) { return a.seconds < b.seconds; });
    const Child& median = runs[runs.size() / 2];
    double peak = 0;
    bool ok = true;
    for (const Child& c : runs) {
        peak = std::max(peak, c.peakMiB);
        ok = ok && WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0;
    }
    std::printf("  %-7s median of %zu: %5.2f s wall, %5.2f s CPU, peak RSS %4.0f MiB "
                "(most of all runs)%s\n",
                way, runs.size(), median.seconds, median.cpuSeconds, peak, ok ? "" : "  FAILED");
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::string(argv[1]) == "--window")
        return openAsTheWindow(argc, argv, argv[2]);
    const std::string what = argc > 1 ? argv[1] : "256x512x600";
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const auto folder = std::filesystem::temp_directory_path() /
                        ("corelab-bench-open-run-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    std::string path = what;
    if (const auto shape = parseSyntheticShape(what)) {
        path = (folder / ("synthetic-" + what + ".corelab")).string();
        const double start = now();
        if (!writeSynthetic(*shape, path)) return 1;
        std::printf("wrote %s (%.1f MB) in %.1f s\n", path.c_str(),
                    double(std::filesystem::file_size(path)) / 1e6, now() - start);
    } else if (!std::filesystem::exists(path)) {
        if (!path.ends_with(".corelab")) {
            std::fprintf(stderr, "usage: bench_open_run [CPUSxWORKERSxSECONDS | RUN.corelab] "
                                 "[REPEATS]\n");
            return 2;
        }
        if (!writeSynthetic(*parseSyntheticShape("256x512x600"), path)) return 1;
        std::printf("wrote %s (%.1f MB)\n", path.c_str(),
                    double(std::filesystem::file_size(path)) / 1e6);
    }
    std::printf("opening %s: budget ≤ 3 s and ≤ 300 MB (10 min × 512 workers × 256 CPUs)\n",
                path.c_str());
    const std::string png = (folder / "render.png").string();
    std::vector<Child> render, window;
    for (int i = 0; i < repeats; ++i) {
        render.push_back(run({CORELAB_CLI_PATH, "render", path, "--out", png}));
        window.push_back(run({argv[0], "--window", path}));
    }
    report("render", render);
    report("window", window);
    std::filesystem::remove_all(folder);
    return 0;
}
