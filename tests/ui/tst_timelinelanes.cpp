#include <QCheckBox>
#include <QComboBox>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "Qcp.h"
#include "UiTestMain.h"

#include "RunSeries.h"
#include "UiTestHelpers.h"
#include "timeline/CorePanel.h"
#include "timeline/EventMarkers.h"
#include "timeline/LanePanel.h"
#include "timeline/LaneState.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;
using corelab::test::colourAt;
using corelab::test::near;

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

// Two threads of one process under the interpreter lock, sampled at 10 Hz: in every
// 100 ms interval each holds the lock `heldShare` of the time and waits the rest.
RunRecord lockRun(double endS, double heldShare)
{
    RunRecord r;
    r.spec.workload = "cpu";
    r.spec.model = Model::Threads;
    r.spec.workers = 2;
    r.spec.durationS = endS;
    r.spec.rateHz = 10;
    r.spec.interpreterLock = true;
    const double tick = 0.1;
    for (int k = 0; k * tick <= endS + 1e-9; ++k) {
        Sample s;
        s.t = k * tick;
        for (int i = 0; i < 2; ++i) {
            WorkerSample w;
            w.index = i;
            w.pid = 4000;
            w.tid = 4001 + i;
            w.state = i == 0 ? 'R' : 'S';
            const double held = (i == 0 ? heldShare : 1 - heldShare) * k * tick;
            w.runNs = static_cast<std::uint64_t>(0.98 * held * 1e9);
            w.lockHeldNs = static_cast<std::uint64_t>(held * 1e9);
            w.lockWaitNs = static_cast<std::uint64_t>((k * tick - held) * 1e9);
            w.ops = static_cast<std::uint64_t>(k) * 1000;
            s.workers.push_back(w);
        }
        r.samples.push_back(s);
    }
    return r;
}

template <typename Panel> Panel* panelOf(const TimelineView& view)
{
    for (auto* p : view.panels())
        if (auto* panel = qobject_cast<Panel*>(p)) return panel;
    return nullptr;
}

QString describe(const QColor& c)
{
    return c.name();
}

// How many of `points` evenly spaced heights across lane `row` at time t are drawn in
// the state's colour.
int pointsInState(TimelineView& view, double t, int row, LaneState state, int points = 24)
{
    auto* lanes = panelOf<LanePanel>(view);
    const QImage image = view.plot()->toPixmap().toImage();
    const int x = static_cast<int>(lanes->rect()->axis(QCPAxis::atBottom)->coordToPixel(t));
    int n = 0;
    for (int k = 0; k < points; ++k) {
        const double y = row - 0.5 + (k + 0.5) / points;
        const int py = static_cast<int>(lanes->rect()->axis(QCPAxis::atLeft)->coordToPixel(y));
        n += near(image.pixelColor(x, py), laneStateColor(state));
    }
    return n;
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
        QCPLegend* legend = view_->panels()[2]->legend();
        // the legend wraps into rows, which may leave empty cells at the end
        const auto entries = [legend] {
            QList<QCPPlottableLegendItem*> items;
            for (int i = 0; i < legend->itemCount(); ++i)
                if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
                    items << item;
            return items;
        };
        QCOMPARE(entries().size(), 1 + 16);
        show(cpuRun(Model::Threads, 2, 2, 0.5));
        QCOMPARE(entries().size(), 1 + 2); // total, w0, w1
        for (auto* item : entries()) {
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
    void aCellHalfHoldingHalfWaitingDrawsBoth()
    {
        show(lockRun(1.0, 0.5));
        for (int w = 0; w < 2; ++w)
            for (double t : {0.35, 0.75}) {
                const int holding = pointsInState(*view_, t, w, LaneState::HoldingLock);
                const int waiting = pointsInState(*view_, t, w, LaneState::WaitingLock);
                QVERIFY2(holding >= 9 && waiting >= 9,
                         qPrintable(QStringLiteral("w%1 at %2 s: %3 of 24 holding, %4 waiting")
                                        .arg(w)
                                        .arg(t)
                                        .arg(holding)
                                        .arg(waiting)));
            }
        // a 70/30 split looks like one
        show(lockRun(1.0, 0.7));
        const int holding = pointsInState(*view_, 0.55, 0, LaneState::HoldingLock);
        const int waiting = pointsInState(*view_, 0.55, 0, LaneState::WaitingLock);
        QVERIFY2(holding > waiting && waiting >= 4,
                 qPrintable(QStringLiteral("%1 holding, %2 waiting").arg(holding).arg(waiting)));
        // the tooltip says it in words
        const QString text = panelOf<LanePanel>(*view_)->describeAt(series_, 0.55);
        QVERIFY2(text.contains(u"70 % holding the interpreter lock") &&
                     text.contains(u"30 % waiting for the interpreter lock"),
                 qPrintable(text));
    }
    void aRealInterpreterLockRunTakesTurnsInBothLanes()
    {
        const auto runWithLock = [this](const QString& model, const QString& name) {
            const QString out = dir_.filePath(name);
            QProcess p;
            p.start(QStringLiteral(CORELAB_CLI_PATH),
                    {QStringLiteral("run"), QStringLiteral("--workload"), QStringLiteral("cpu"),
                     QStringLiteral("--model"), model, QStringLiteral("--workers"),
                     QStringLiteral("2"), QStringLiteral("--duration"), QStringLiteral("1.5s"),
                     QStringLiteral("--interpreter-lock"), QStringLiteral("--out"), out});
            return p.waitForFinished(30000) && p.exitCode() == 0 ? out : QString();
        };
        const QString threads = runWithLock(QStringLiteral("threads"), QStringLiteral("t.json"));
        QVERIFY(!threads.isEmpty());
        RunRecord r = loadRunFile(threads.toStdString());
        double released = 0;
        for (const auto& e : r.events)
            if (e.kind == EventKind::AllRunning) released = e.t;
        show(std::move(r));
        // along the working middle of the run, each lane shows both holding and waiting
        for (int w = 0; w < 2; ++w) {
            int holding = 0, waiting = 0;
            for (double t = released + 0.3; t < released + 1.2; t += 0.1) {
                holding += pointsInState(*view_, t, w, LaneState::HoldingLock);
                waiting += pointsInState(*view_, t, w, LaneState::WaitingLock);
            }
            QVERIFY2(holding >= 24 && waiting >= 24,
                     qPrintable(QStringLiteral("w%1: %2 holding, %3 waiting (of 240)")
                                    .arg(w)
                                    .arg(holding)
                                    .arg(waiting)));
        }
        // processes have a lock each, which no one waits for: they are drawn running
        const QString processes =
            runWithLock(QStringLiteral("processes"), QStringLiteral("p.json"));
        QVERIFY(!processes.isEmpty());
        r = loadRunFile(processes.toStdString());
        for (const auto& e : r.events)
            if (e.kind == EventKind::AllRunning) released = e.t;
        show(std::move(r));
        for (int w = 0; w < 2; ++w)
            for (double t = released + 0.3; t < released + 1.2; t += 0.3) {
                QCOMPARE(pointsInState(*view_, t, w, LaneState::HoldingLock), 0);
                QCOMPARE(pointsInState(*view_, t, w, LaneState::WaitingLock), 0);
            }
    }
    void aStalledLaneIsHeldToThePlannedEnd()
    {
        // a deadlock: the engine stopped both workers at 1 s of a planned 3 s run
        RunRecord r = cpuRun(Model::Processes, 2, 2, 1.0);
        r.spec.durationS = 3.0;
        for (auto& w : r.samples.back().workers)
            w.state = '#';
        show(std::move(r));
        for (int w = 0; w < 2; ++w) {
            expectLane(0.5, w, LaneState::Running);
            for (double t : {1.5, 2.9})
                expectLane(t, w, LaneState::Stopped);
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

CORELAB_UI_TEST(TstTimelineLanes)
#include "tst_timelinelanes.moc"
