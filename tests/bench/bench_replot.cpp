// Replots of the timeline for a long, wide run: 256 CPUs × 512 workers × 10 minutes of
// synthetic samples (record/Synthetic.h) at 1920×1080, as issue 14 budgets them (median
// ≤ 16 ms of what the window does per replot). Two kinds, REPEATS of each:
//   cold: a new mapping (the view's reductions forgotten): every panel reduces its whole
//         series to pixel columns again and the plot draws every layer;
//   live: one more sample arrived, the mapping holds: what the window does per sample
//         (the new columns reduced, the charts' layer repainted) and the paint.
// Prints the medians of the CPU time of the thread; never fails on them.
//   bench_replot [CPUSxWORKERSxSECONDS] [REPEATS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include <QApplication>

#include "Qcp.h"
#include "RunSeries.h"
#include "record/Synthetic.h"
#include "timeline/LiveLayer.h"
#include "timeline/TimelineView.h"

namespace {

// CPU time of this thread: on a machine shared with builds, wall time mostly measures
// the wait for a core
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Counts the plot's paint events: the live replots must each end in one.
struct PaintCounter : QObject {
    int count = 0;
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint) ++count;
        return false;
    }
};

long rssMiB()
{
    FILE* f = std::fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
        std::fclose(f);
    }
    return rss * 4096 / (1024 * 1024);
}

} // namespace

int main(int argc, char** argv)
{
    using namespace corelab;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
    const auto shape = parseSyntheticShape(argc > 1 ? argv[1] : "256x512x600");
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 15;
    if (!shape) {
        std::fprintf(stderr, "usage: bench_replot [CPUSxWORKERSxSECONDS] [REPEATS]\n");
        return 2;
    }
    // the live path: samples are derived one by one and not kept, as in the window; the
    // last REPEATS samples are held back for the live replots
    SyntheticSource source(*shape);
    ui::RunSeries model;
    model.beginLive(source.spec(), &source.machine());
    auto nextBatch = [&] {
        std::vector<Event> events;
        std::vector<Sample> batch{source.next(events)};
        if (!events.empty()) model.appendEvents(events);
        model.appendSamples(batch);
    };
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i + repeats < source.sampleCount(); ++i)
        nextBatch();
    const double deriveMs = msSince(t0);

    ui::TimelineView view;
    view.setModel(&model);
    view.resize(1920, 1080);
    view.show();
    QCoreApplication::processEvents();
    view.refreshNow();
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    view.refreshNow();
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    struct Times {
        std::vector<double> wall, cpu;
        void add(double w, double c)
        {
            wall.push_back(w);
            cpu.push_back(c);
        }
        double median(std::vector<double>& v) const
        {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        }
    } cold, live;
    for (int i = 0; i < repeats; ++i) {
        view.forgetReductions();
        t0 = std::chrono::steady_clock::now();
        const double cpu0 = threadCpuMs();
        view.refreshNow();
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        cold.add(msSince(t0), threadCpuMs() - cpu0);
    }
    PaintCounter paints;
    view.plot()->installEventFilter(&paints);
    const int wholeBefore = view.liveLayer().wholeReplots();
    for (int i = 0; i < repeats && !source.done(); ++i) {
        nextBatch();
        t0 = std::chrono::steady_clock::now();
        const double cpu0 = threadCpuMs();
        view.refreshNow();
        // a whole replot is queued, a live layer's asks for a paint: both are done here
        QCoreApplication::processEvents();
        live.add(msSince(t0), threadCpuMs() - cpu0);
    }
    const int whole = view.liveLayer().wholeReplots() - wholeBefore;
    std::printf(
        "bench_replot %dx%dx%g at 1920x1080: %d samples derived in %.1f s; "
        "cold replot median %.1f ms CPU (%.1f ms wall), live replot median %.1f ms CPU "
        "(%.1f ms wall, %d of %zu repainted every layer, %d paints), %d repeats; budget 16 ms; "
        "RSS %ld MiB\n",
        shape->cpus, shape->workers, shape->seconds, source.sampleCount() - repeats,
        deriveMs / 1000, cold.median(cold.cpu), cold.median(cold.wall), live.median(live.cpu),
        live.median(live.wall), whole, live.cpu.size(), paints.count, repeats, rssMiB());
    return 0;
}
