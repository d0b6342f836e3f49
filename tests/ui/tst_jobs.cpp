// The window's queued jobs against the real engine: a sweep, repeats, the measured
// table and a preset's one-click comparison, each filling its tab from real runs.
#include <QCheckBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include "CompareTab.h"
#include "EngineController.h"
#include "ExperimentPanel.h"
#include "MainWindow.h"
#include "PresetsTab.h"
#include "Qcp.h"
#include "RepeatTab.h"
#include "RunListModel.h"
#include "RunQueue.h"
#include "SpreadView.h"
#include "SweepTab.h"
#include "SweepView.h"
#include "TableTab.h"
#include "UiTestMain.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

const QString kPresets = QStringLiteral(CORELAB_UI_FIXTURES "/../../../resources/presets");

// Graphs whose points sit at the given x values (worker counts), with a name that
// mentions `model`.
int graphsWithPoints(QCustomPlot* plot, int points)
{
    int n = 0;
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->dataCount() == points) ++n;
    return n;
}

} // namespace

class TstJobs : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> makeWindow(const QString& presets = {})
    {
        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), runs_.path(), false, presets};
        auto w = std::make_unique<MainWindow>(o);
        ExperimentSpec spec;
        spec.workload = "cpu";
        spec.durationS = 0.3;
        w->experimentPanel()->setSpec(spec);
        w->resize(1280, 800);
        w->show();
        return w;
    }
    bool waitForQueue(MainWindow& w, int ms, bool* complete = nullptr)
    {
        QSignalSpy done(w.queue(), &RunQueue::finished);
        if (!done.wait(ms)) return false;
        if (complete) *complete = done.front().at(1).toBool();
        return true;
    }
    QTemporaryDir runs_;

private slots:
    void sweepRunsEveryCountAndDrawsIt()
    {
        auto w = makeWindow();
        SweepTab* tab = w->sweepTab();
        tab->modelBox(Model::Processes)->setChecked(false);
        tab->maxWorkersField()->setValue(3);
        QCOMPARE(tab->planFor(w->experimentPanel()->spec()).specs.size(), std::size_t(3));
        w->startSweep();
        QVERIFY(w->queue()->active());
        QCOMPARE(w->queue()->count(), 3);
        QCOMPARE(w->tabs()->currentWidget(), tab);
        bool complete = false;
        QVERIFY(waitForQueue(*w, 20000, &complete));
        QVERIFY(complete);
        // the threads line has one point per count
        QVERIFY(graphsWithPoints(tab->view()->plot(), 3) >= 1);
        // its picture says what was swept, above the chart (D25)
        const QImage picture = tab->renderImage(1.0);
        QVERIFY(picture.height() > tab->view()->plot()->height());
        // each run of the sweep was kept, in the sweep's own folder, and the runs list
        // shows them under one entry
        QThreadPool::globalInstance()->waitForDone(); // run files are written off the GUI thread
        QTest::qWait(50);                             // and listed back on the GUI thread
        const QFileInfoList jobs =
            QDir(runs_.path()).entryInfoList({QStringLiteral("sweep-*-cpu")}, QDir::Dirs);
        QCOMPARE(jobs.size(), 1);
        const QStringList files =
            QDir(jobs.front().absoluteFilePath())
                .entryList({QStringLiteral("run-*-cpu-threads-*.corelab")}, QDir::Files);
        QCOMPARE(files.size(), 3);
        auto* list = w->findChild<RunListModel*>();
        const QModelIndex job = list->index(0, 0);
        QVERIFY(job.data().toString().startsWith(QStringLiteral("sweep · cpu")));
        QCOMPARE(list->rowCount(job), 3);
        QVERIFY(QFileInfo(list->index(2, 0, job).data(RunListModel::PathRole).toString()).isFile());

        // after a restart the folder scan finds the same job with the same runs
        RunListModel scanned;
        scanned.scanFolder(runs_.path());
        const QModelIndex again = scanned.index(0, 0);
        QCOMPARE(again.data().toString().section(QLatin1Char('\n'), 0, 0),
                 job.data().toString().section(QLatin1Char('\n'), 0, 0));
        QCOMPARE(scanned.rowCount(again), 3);
    }

    // The sweep offers only models the form's workload runs, and only counts it takes.
    void sweepOffersOnlyWhatTheWorkloadRuns()
    {
        auto w = makeWindow();
        SweepTab* tab = w->sweepTab();
        QCheckBox* async = tab->modelBox(Model::Async);
        const auto offersAsync = [&] {
            const auto models = tab->models();
            return std::find(models.begin(), models.end(), Model::Async) != models.end();
        };
        QVERIFY(!async->isEnabled()); // cpu never waits: it has no event-loop form
        QVERIFY(async->toolTip().contains(QStringLiteral("async")));

        ExperimentSpec spec;
        spec.workload = "mixed"; // it waits, so it has one
        spec.durationS = 0.3;
        w->experimentPanel()->setSpec(spec);
        QVERIFY(async->isEnabled());
        async->setChecked(true);
        QVERIFY(offersAsync());

        spec.workload = "memory";
        w->experimentPanel()->setSpec(spec);
        QVERIFY(!async->isEnabled());
        QVERIFY(!offersAsync());

        spec.workload = "pingpong"; // workers in pairs: odd counts are left out, and said
        w->experimentPanel()->setSpec(spec);
        QVERIFY(tab->modelBox(Model::Threads)->isEnabled());
        tab->maxWorkersField()->setValue(4);
        const SweepPlan plan = tab->planFor(w->experimentPanel()->spec());
        QVERIFY(!plan.error);
        std::vector<int> threadCounts;
        for (const ExperimentSpec& s : plan.specs)
            if (s.model == Model::Threads) threadCounts.push_back(s.workers);
        QCOMPARE(threadCounts, (std::vector<int>{2, 4}));
        QVERIFY(!plan.notes.empty());

        spec.workload = "io";
        w->experimentPanel()->setSpec(spec);
        QVERIFY(async->isEnabled());
        QVERIFY(offersAsync()); // still checked
    }

    void repeatsShowTheirSpread()
    {
        auto w = makeWindow();
        ExperimentSpec spec;
        spec.workload = "counter";
        spec.workers = 2;
        spec.durationS = 0.3;
        spec.params = {{"increments", 200000}, {"sync", 0}, {"shared", 1}};
        w->experimentPanel()->setSpec(spec);
        w->repeatTab()->timesField()->setValue(3);
        w->startRepeat();
        QCOMPARE(w->queue()->count(), 3);
        bool complete = false;
        QVERIFY(waitForQueue(*w, 20000, &complete));
        QVERIFY(complete);
        // every run appears in the spread chart: 3 dots in the per-run graph
        QVERIFY(graphsWithPoints(w->repeatTab()->view()->plot(), 3) >= 1);
        // its picture says what was repeated and how often, above the chart (D25)
        const QString caption = w->repeatTab()->caption().join(QLatin1Char('\n'));
        QVERIFY2(caption.contains(QStringLiteral("counter")), qPrintable(caption));
        QVERIFY2(caption.contains(QStringLiteral("3 ×")), qPrintable(caption));
        const QImage picture = w->repeatTab()->renderImage(1.0);
        QVERIFY(picture.height() > w->repeatTab()->view()->plot()->height());
    }

    void theTableMeasuresEveryPresetInTheFolder()
    {
        QTemporaryDir presets;
        for (const char* name : {"/01-startup-cost.json", "/03-cpu-interpreter-lock.json"})
            QVERIFY(
                QFile::copy(kPresets + QLatin1String(name), presets.path() + QLatin1String(name)));
        auto w = makeWindow(presets.path());
        QSignalSpy steps(w->queue(), &RunQueue::stepFinished);
        w->startTable(true);
        const int runs = 2 * 2 * corelab::tableOptions(true).repeats; // A and B, repeated
        QCOMPARE(w->queue()->count(), runs);
        bool complete = false;
        QVERIFY(waitForQueue(*w, 30000, &complete));
        QVERIFY(complete);
        QCOMPARE(steps.count(), runs);
        const QAbstractItemModel* table = w->tableView()->table()->model();
        QCOMPARE(table->rowCount(), 2);
        // every cell but the reason, which an agreeing row on a quiet machine leaves empty
        for (int row = 0; row < 2; ++row)
            for (int col = 0; col < TableTab::Why; ++col)
                QVERIFY2(!table->index(row, col).data().toString().isEmpty(),
                         qPrintable(QStringLiteral("row %1 col %2").arg(row).arg(col)));
        // each row holds its preset's answering figure, measured, beside the article's claim
        for (int row = 0; row < 2; ++row) {
            for (int col : {TableTab::A, TableTab::B}) {
                const QString text = table->index(row, col).data().toString();
                QVERIFY2(!text.contains(QStringLiteral("not measured")), qPrintable(text));
            }
            QVERIFY(table->index(row, TableTab::Claim).data().toString().contains(QChar(0x201C)));
        }
        w->tabs()->setCurrentWidget(w->tableView());
        const QString png = runs_.filePath(QStringLiteral("table.png"));
        QCOMPARE(w->saveImage(png), QString());
        QVERIFY(!QImage(png).isNull());
    }

    void aPresetLoadsTheFormAndRunsItsComparison()
    {
        auto w = makeWindow();
        PresetsTab* gallery = w->presetGallery();
        QVERIFY(gallery->presets().size() >= 12);
        int lock = -1;
        for (std::size_t i = 0; i < gallery->presets().size(); ++i)
            if (gallery->presets()[i].a.interpreterLock) lock = static_cast<int>(i);
        QVERIFY(lock >= 0);
        const Preset& p = gallery->presets()[static_cast<std::size_t>(lock)];
        emit gallery->loadRequested(p);
        QVERIFY(w->experimentPanel()->spec() == p.a);
        QCOMPARE(w->tabs()->currentWidget(), w->compareView());
        const auto specs = w->compareView()->specsFor(w->experimentPanel()->spec());
        QVERIFY(specs.first == p.a);
        QVERIFY(specs.second == p.b);
        // saved for a class, the pair keeps the preset's texts
        const QString lesson = runs_.filePath(QStringLiteral("lesson.json"));
        QCOMPARE(w->saveExperiment(lesson), QString());
        const Preset saved = corelab::loadPreset(lesson.toStdString());
        QCOMPARE(saved.question, p.question);
        QCOMPARE(saved.title, p.title);
        QVERIFY(saved.a == p.a && saved.b == p.b);
        // one click runs it; stop it at once, the point is that A and B are the preset's
        emit gallery->compareRequested(p);
        QVERIFY(w->queue()->active());
        QCOMPARE(w->queue()->count(), 2);
        w->compareView()->runButton()->click(); // Stop
        QVERIFY(waitForQueue(*w, 10000));
        QVERIFY(!w->queue()->active());
    }

    void oneJobAtATime()
    {
        auto w = makeWindow();
        w->repeatTab()->timesField()->setValue(2);
        w->startRepeat();
        QVERIFY(w->queue()->active());
        const int count = w->queue()->count();
        w->startSweep(); // refused while the repeats run
        QCOMPARE(w->queue()->count(), count);
        QVERIFY(w->experimentPanel()->messageText().contains(QStringLiteral("in progress")));
        bool complete = false;
        QVERIFY(waitForQueue(*w, 20000, &complete));
        QVERIFY(complete); // the refused sweep did not disturb the repeats
        QVERIFY(graphsWithPoints(w->repeatTab()->view()->plot(), 2) >= 1);

        // a comparison asked for during a single run is refused, and the run ends normally
        QSignalSpy finished(w->controller(), &EngineController::runFinished);
        w->startRun();
        QVERIFY(w->controller()->running());
        w->startCompare();
        QCOMPARE(w->queue()->count(), 1); // still the single run, not the comparison's two
        QVERIFY(w->experimentPanel()->messageText().contains(QStringLiteral("in progress")));
        QVERIFY(finished.wait(10000));
        QTest::qWait(50);
        QVERIFY(w->experimentPanel()->startButton()->isEnabled());
        w->startCompare(); // and once it has ended, a comparison may start
        QVERIFY(w->queue()->active());
        QVERIFY(waitForQueue(*w, 20000));
    }
};

CORELAB_UI_TEST(TstJobs)
#include "tst_jobs.moc"
