#include <QCheckBox>
#include <QComboBox>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "Qcp.h"

#include "RunSeries.h"
#include "timeline/CorePanel.h"
#include "timeline/EventMarkers.h"
#include "timeline/LanePanel.h"
#include "timeline/LaneState.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

constexpr double kTick = 0.05; // 20 Hz

// A run of `workers` CPU-bound workers on `cores` CPUs, sampled every kTick up to `endS`.
// Worker `dead` (if any) crashes at `crashS`: in one process every worker ends there and
// the samples stop; in processes only the dead one says '!' from then on.
RunRecord cpuRun(Model model, int workers, int cores, double endS, int dead = -1, double crashS = 0)
{
    RunRecord r;
    r.spec.workload = "cpu";
    r.spec.model = model;
    r.spec.workers = workers;
    r.spec.durationS = endS;
    r.spec.rateHz = static_cast<int>(1 / kTick);
    const bool oneProcess = model == Model::Threads;
    for (int k = 0;; ++k) {
        Sample s;
        s.t = k * kTick;
        const bool crashed = dead >= 0 && s.t >= crashS - 1e-9;
        if (crashed && oneProcess) s.t = crashS;
        for (int c = 0; c < cores && k > 0; ++c)
            s.cores.push_back(CoreSample{c, 0.9, 0.1, 0, 1.0});
        for (int i = 0; i < workers; ++i) {
            WorkerSample w;
            w.index = i;
            w.tid = 100 + i;
            const bool gone = crashed && (oneProcess || i == dead);
            const int ranTicks = gone ? static_cast<int>(crashS / kTick) : k;
            w.state = gone ? '!' : 'R';
            w.runNs = static_cast<std::uint64_t>(ranTicks * kTick * 0.95e9);
            w.ops = static_cast<std::uint64_t>(ranTicks) * 1000;
            s.workers.push_back(w);
        }
        r.samples.push_back(s);
        if (crashed && oneProcess) break;
        if (s.t >= endS - 1e-9) break;
    }
    if (dead >= 0)
        for (int i = 0; i < workers; ++i)
            if (oneProcess || i == dead)
                r.events.push_back({crashS, EventKind::WorkerCrashed, i, {}});
    return r;
}

template <typename Panel> Panel* panelOf(const TimelineView& view)
{
    for (auto* p : view.panels())
        if (auto* panel = qobject_cast<Panel*>(p)) return panel;
    return nullptr;
}

// The colour drawn at (t, row) of a colour-map panel, from the rendered plot.
QColor colourAt(TimelineView& view, TimelinePanel* panel, double t, double row)
{
    const QImage image = view.plot()->toPixmap().toImage();
    const int x = static_cast<int>(panel->rect()->axis(QCPAxis::atBottom)->coordToPixel(t));
    const int y = static_cast<int>(panel->rect()->axis(QCPAxis::atLeft)->coordToPixel(row));
    return image.pixelColor(x, y);
}

bool near(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) <= 8 && std::abs(a.green() - b.green()) <= 8 &&
           std::abs(a.blue() - b.blue()) <= 8;
}

QString describe(const QColor& c)
{
    return c.name();
}

} // namespace

class TstTimelineLanes : public QObject {
    Q_OBJECT
private:
    RunSeries series_;
    TimelineView* view_ = nullptr;
    QTemporaryDir dir_;

    void show(RunRecord record)
    {
        series_.setRecord(std::move(record));
        view_->modelChanged();
        view_->refreshNow();
    }
    void expectLane(double t, int worker, LaneState state)
    {
        const QColor got = colourAt(*view_, panelOf<LanePanel>(*view_), t, worker);
        QVERIFY2(near(got, laneStateColor(state)),
                 qPrintable(QStringLiteral("w%1 at %2 s is %3, want %4 (%5)")
                                .arg(worker)
                                .arg(t)
                                .arg(describe(got), describe(laneStateColor(state)),
                                     QString::fromLatin1(laneStateName(state)))));
    }

private slots:
    void init()
    {
        view_ = new TimelineView;
        view_->resize(1200, 1000);
        view_->setModel(&series_);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_));
    }
    void cleanup()
    {
        delete view_;
        view_ = nullptr;
    }

    void aCrashedProcessIsRedToTheEnd()
    {
        show(cpuRun(Model::Processes, 3, 2, 2.0, 1, 0.6));
        expectLane(0.3, 1, LaneState::Running);
        for (double t : {0.9, 1.4, 1.9})
            expectLane(t, 1, LaneState::Crashed);
        expectLane(1.4, 0, LaneState::Running);
    }
    void threadsThatDiedWithTheirProcessAreRedToThePlannedEnd()
    {
        // the samples stop at the crash; every worker is dead from there on
        show(cpuRun(Model::Threads, 3, 2, 2.0, 1, 0.6));
        expectLane(0.3, 0, LaneState::Running);
        for (int w = 0; w < 3; ++w)
            for (double t : {0.9, 1.9})
                expectLane(t, w, LaneState::Crashed);
    }
    void oneWorkerAndOneCpuAreDrawn()
    {
        show(cpuRun(Model::Threads, 1, 1, 1.0));
        expectLane(0.3, 0, LaneState::Running);
        expectLane(0.8, 0, LaneState::Running);
        // 100 % busy (/proc/stat, all programs) is the top of the viridis scale
        auto* modes = view_->findChild<QComboBox*>();
        QVERIFY(modes);
        modes->setCurrentIndex(static_cast<int>(CorePanel::Mode::AllPrograms));
        view_->refreshNow();
        const QColor busy = colourAt(*view_, panelOf<CorePanel>(*view_), 0.5, 0);
        QVERIFY2(near(busy, QColor(0xfd, 0xe7, 0x25)), qPrintable(describe(busy)));
    }
    void aSmallerRunLeavesNoWorkersOfTheEarlierOne()
    {
        QCheckBox* perWorker = nullptr;
        for (auto* box : view_->findChildren<QCheckBox*>())
            if (box->text().contains(u"per worker")) perWorker = box;
        QVERIFY(perWorker);
        perWorker->setChecked(true);
        show(cpuRun(Model::Threads, 16, 2, 0.5));
        auto* legend = qobject_cast<QCPLegend*>(view_->panels()[2]->sideElement());
        QVERIFY(legend);
        QCOMPARE(legend->itemCount(), 1 + 16);
        show(cpuRun(Model::Threads, 2, 2, 0.5));
        QCOMPARE(legend->itemCount(), 1 + 2); // total, w0, w1
        for (int i = 0; i < legend->itemCount(); ++i) {
            auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
            QVERIFY(item);
            QVERIFY(item->plottable()->name() == u"total" || item->plottable()->name() == u"w0" ||
                    item->plottable()->name() == u"w1");
        }
    }
    void oneLinePerCoreLeavesNoColourBarBehind()
    {
        show(cpuRun(Model::Threads, 2, 2, 0.5));
        auto* mode = view_->findChild<QComboBox*>();
        QVERIFY(mode);
        mode->setCurrentIndex(1); // one line per core
        view_->refreshNow();
        view_->plot()->toPixmap(); // lays the plot out
        // an element taken out of the layout keeps drawing at its old place
        for (int i = 0; i < view_->plot()->layerCount(); ++i)
            for (QCPLayerable* l : view_->plot()->layer(i)->children()) {
                auto* element = qobject_cast<QCPLayoutElement*>(l);
                const bool side = qobject_cast<QCPColorScale*>(l) || qobject_cast<QCPLegend*>(l);
                if (!side || !l->realVisibility()) continue;
                QVERIFY2(element->layout(), element->metaObject()->className());
            }
    }
    void crashMarkersSayWhoFaultedAndWhoWentDownWithIt()
    {
        const std::vector<Event> events = {
            {0.6, EventKind::WorkerCrashed, 0, "died with its process when w1 faulted: SIGSEGV"},
            {0.6, EventKind::WorkerCrashed, 1, "faulted: killed by signal 11"},
        };
        const auto markers = markersFor(events, TimeMapping{0, 2, 0, 1000}, 60);
        QCOMPARE(markers.size(), std::size_t{1});
        QVERIFY2(markers[0].label.contains(u"w1 faulted"), qPrintable(markers[0].label));
        QVERIFY2(markers[0].label.contains(u"w0 died with it"), qPrintable(markers[0].label));
    }
    void aStallKilledByCoreLabSaysSoAndIsNoCrash()
    {
        const std::vector<Event> events = {
            {2.6, EventKind::Stalled, -1, "no worker made progress for 2 s"},
            {4.6, EventKind::Stalled, -1, "stopped by CoreLab after 2 s"},
            {4.6, EventKind::Stalled, 0, "ignored the stop request; stopped by CoreLab"},
            {4.6, EventKind::Stalled, 1, "ignored the stop request; stopped by CoreLab"},
        };
        const auto markers = markersFor(events, TimeMapping{0, 5, 0, 1000}, 60);
        QCOMPARE(markers.size(), std::size_t{2});
        QCOMPARE(markers[0].label, QStringLiteral("stalled"));
        QCOMPARE(markers[1].label, QStringLiteral("stalled, stopped by CoreLab after 2 s"));
    }
    void aRealThreadCrashIsRedForEveryWorker()
    {
        const QString out = dir_.filePath(QStringLiteral("crash.json"));
        QProcess p;
        p.start(QStringLiteral(CORELAB_CLI_PATH),
                {QStringLiteral("run"), QStringLiteral("--workload"), QStringLiteral("cpu"),
                 QStringLiteral("--model"), QStringLiteral("threads"), QStringLiteral("--workers"),
                 QStringLiteral("3"), QStringLiteral("--duration"), QStringLiteral("1s"),
                 QStringLiteral("--crash-worker"), QStringLiteral("1"),
                 QStringLiteral("--crash-at"), QStringLiteral("0.3s"), QStringLiteral("--out"),
                 out});
        QVERIFY(p.waitForFinished(30000));
        RunRecord r = loadRunFile(out.toStdString());
        double crashT = -1;
        for (const auto& e : r.events)
            if (e.kind == EventKind::WorkerCrashed) crashT = std::max(crashT, e.t);
        QVERIFY(crashT > 0);
        const double end = r.spec.durationS;
        show(std::move(r));
        for (int w = 0; w < 3; ++w)
            expectLane(crashT + 0.6 * (end - crashT), w, LaneState::Crashed);
    }
};

QTEST_MAIN(TstTimelineLanes)
#include "tst_timelinelanes.moc"
