#include <QComboBox>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

#include "Qcp.h"
#include "UiTestMain.h"

#include "MainWindow.h"
#include "RunSeries.h"
#include "SweepTab.h"
#include "SweepView.h"
#include "UiTestHelpers.h"
#include "timeline/CorePanel.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;
using corelab::test::colourAt;
using corelab::test::near;

namespace {

constexpr double kTick = 0.1; // 10 Hz

// One worker busy on cpu0 the whole run while other programs keep cpu1 busy: /proc/stat
// says both CPUs are full, the worker ran on one.
RunRecord loneWorkerBesideOtherLoad()
{
    RunRecord r;
    r.spec.workload = "cpu";
    r.spec.workers = 1;
    r.spec.durationS = 1.0;
    r.spec.rateHz = static_cast<int>(1 / kTick);
    r.machine.logicalCpus = r.machine.usableCpus = 2;
    for (int k = 0; k <= 10; ++k) {
        Sample s;
        s.t = k * kTick;
        if (k > 0)
            for (int c = 0; c < 2; ++c)
                s.cores.push_back(CoreSample{c, 0.95, 0.05, 0, 1.0});
        WorkerSample w;
        w.tid = 100;
        w.state = 'R';
        w.lastCpu = 0;
        w.runNs = static_cast<std::uint64_t>(k * kTick * 1e9);
        w.ops = static_cast<std::uint64_t>(k) * 1000;
        s.workers.push_back(w);
        r.samples.push_back(s);
    }
    r.summary.workers = 1;
    return r;
}

// A run whose summary says other programs took a core two workers needed.
RunRecord crowdedRun()
{
    RunRecord r = loneWorkerBesideOtherLoad();
    r.spec.workers = 2;
    r.summary.workers = 2;
    r.summary.busyCoresMean = 1.0;
    r.summary.machineBusyCoresMean = 2.0;
    return r;
}

// viridis' ends: 0 % is dark purple, 100 % yellow
const QColor kIdle(0x44, 0x01, 0x54);
const QColor kBusy(0xfd, 0xe7, 0x25);

// Is a text element laid out in the plot showing `text`?
bool textInPlot(QCustomPlot& plot, QStringView text)
{
    for (int i = 0; i < plot.plotLayout()->elementCount(); ++i)
        if (auto* t = qobject_cast<QCPTextElement*>(plot.plotLayout()->elementAt(i)))
            if (t->text().contains(text)) return true;
    return false;
}

CorePanel* corePanelOf(const TimelineView& view)
{
    for (auto* p : view.panels())
        if (auto* panel = qobject_cast<CorePanel*>(p)) return panel;
    return nullptr;
}

} // namespace

class TstCorePanel : public QObject {
    Q_OBJECT
private slots:
    void otherProgramsAreNotTheWorkers()
    {
        RunSeries m;
        m.setRecord(loneWorkerBesideOtherLoad());
        const double t = 0.55; // covered by the point at 0.6
        QCOMPARE(m.coreBusyPercent().at(1).valueCovering(t, m.maxGap()), 100.0);
        QCOMPARE(m.coreWorkersPercent().at(1).valueCovering(t, m.maxGap()), 0.0);
        QCOMPARE(m.coreOtherPercent().at(1).valueCovering(t, m.maxGap()), 100.0);
        QCOMPARE(m.coreWorkersPercent().at(0).valueCovering(t, m.maxGap()), 100.0);
        QCOMPARE(m.coreOtherPercent().at(0).valueCovering(t, m.maxGap()), 0.0);
        QVERIFY(std::abs(m.workerBusyCores().valueCovering(t, m.maxGap()) - 1.0) < 1e-9);
    }
    void theMainViewShowsTheWorkersAndTheSecondTheMachine()
    {
        RunSeries m;
        m.setRecord(loneWorkerBesideOtherLoad());
        TimelineView view;
        view.resize(1200, 1000);
        view.setModel(&m);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        CorePanel* cores = corePanelOf(view);
        QVERIFY(cores);
        QCOMPARE(cores->mode(), CorePanel::Mode::Workers);
        QVERIFY(cores->titleElement()->text().contains(u"workers"));
        QVERIFY2(near(colourAt(view, cores, 0.5, 0), kBusy), "cpu0 is the worker's");
        QVERIFY2(near(colourAt(view, cores, 0.5, 1), kIdle), "cpu1 holds no worker");
        auto* modes = view.findChild<QComboBox*>();
        QVERIFY(modes);
        modes->setCurrentIndex(static_cast<int>(CorePanel::Mode::AllPrograms));
        QCOMPARE(cores->mode(), CorePanel::Mode::AllPrograms);
        QVERIFY(modes->currentText().contains(u"all programs"));
        QVERIFY(cores->titleElement()->text().contains(u"all programs"));
        view.refreshNow();
        QVERIFY2(near(colourAt(view, cores, 0.5, 1), kBusy), "other programs fill cpu1");
        // the other modes still draw
        modes->setCurrentIndex(1);
        QCOMPARE(cores->mode(), CorePanel::Mode::Lines);
        QVERIFY(modes->currentText().contains(u"one line per core"));
        modes->setCurrentIndex(2);
        QCOMPARE(cores->mode(), CorePanel::Mode::ByWorker);
        QVERIFY(modes->currentText().contains(u"coloured by worker"));
    }
    void theTooltipSplitsEachCore()
    {
        RunSeries m;
        m.setRecord(loneWorkerBesideOtherLoad());
        TimelineView view;
        view.setModel(&m);
        const QString text = corePanelOf(view)->describeAt(m, 0.55);
        QVERIFY2(text.contains(u"cpu0: workers 100 %, all programs 100 %, other programs 0 %"),
                 qPrintable(text));
        QVERIFY2(text.contains(u"cpu1: workers 0 %, all programs 100 %, other programs 100 %"),
                 qPrintable(text));
    }
    void theRunTabSaysOtherProgramsCrowdedTheRun()
    {
        QTemporaryDir runs;
        MainWindow w(WindowOptions{QStringLiteral(CORELAB_WORKER_PATH), runs.path(), false, {}});
        w.resize(1280, 800);
        w.show();
        const QString quiet = runs.filePath(QStringLiteral("quiet.json"));
        const QString busy = runs.filePath(QStringLiteral("busy.json"));
        RunRecord q = crowdedRun();
        q.summary.machineBusyCoresMean = 1.1;
        saveRunFile(q, quiet.toStdString());
        saveRunFile(crowdedRun(), busy.toStdString());
        w.loadRunAsync(busy);
        QTRY_VERIFY_WITH_TIMEOUT(w.shownModel().record().summary.machineBusyCoresMean == 2.0, 5000);
        w.timeline()->refreshNow();
        const QString note = w.timeline()->otherLoadNote();
        QVERIFY2(note.contains(u"1.0 cores busy (of 2 usable)"), qPrintable(note));
        // drawn in the plot, so the saved picture says it too
        QVERIFY(textInPlot(*w.timeline()->plot(), u"1.0 cores busy"));
        w.loadRunAsync(quiet);
        QTRY_VERIFY_WITH_TIMEOUT(w.shownModel().record().summary.machineBusyCoresMean == 1.1, 5000);
        w.timeline()->refreshNow();
        QCOMPARE(w.timeline()->otherLoadNote(), QString());
        QVERIFY(!textInPlot(*w.timeline()->plot(), u"cores busy"));
    }
    void theSweepTabWarnsOfPointsMeasuredUnderLoad()
    {
        SweepTab tab(2);
        SweepStudy study(ExperimentSpec{}, {Model::Threads}, {1, 2}, 2);
        RunRecord one = crowdedRun();
        one.spec.workers = one.summary.workers = 1;
        one.summary.machineBusyCoresMean = 1.2;
        one.summary.opsPerS = 100;
        study.add(0, one);
        tab.showSweep(study.series());
        QVERIFY(!tab.otherLoadNote()->isVisibleTo(&tab));
        RunRecord two = crowdedRun();
        two.summary.opsPerS = 130;
        study.add(1, two);
        tab.showSweep(study.series());
        QVERIFY(tab.otherLoadNote()->isVisibleTo(&tab));
        QVERIFY2(tab.otherLoadNote()->text().contains(u"threads ×2"),
                 qPrintable(tab.otherLoadNote()->text()));
        // and the chart marks that point
        bool marked = false;
        for (int i = 0; i < tab.view()->plot()->graphCount(); ++i)
            marked = marked || tab.view()->plot()->graph(i)->name().contains(u"other programs");
        QVERIFY(marked);
    }
};

CORELAB_UI_TEST(TstCorePanel)
#include "tst_corepanel.moc"
