// The Compare tab against the real engine: A then B, one verdict read from the two
// runs, identical scales, a comparison file that round-trips and renders, experiment
// files, and a stopped comparison that leaves no process.
#include <QDir>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include "CompareTab.h"
#include "EngineController.h"
#include "ExperimentPanel.h"
#include "MainWindow.h"
#include "Qcp.h"
#include "RunQueue.h"
#include "TestHelpers.h"
#include "UiTestMain.h"
#include "VerdictTable.h"
#include "analysis/FigureWords.h"
#include "timeline/TimelinePanel.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;
using corelab::test::processGone;

namespace {

const VerdictRow* rowOf(const Comparison& c, const std::string& aspect)
{
    for (const VerdictRow& r : c.verdict)
        if (r.aspect == aspect) return &r;
    return nullptr;
}

QRect imageSize(const QString& path)
{
    QImage image(path);
    return image.isNull() ? QRect() : image.rect();
}

} // namespace

class TstCompare : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> makeWindow()
    {
        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), runs_.path(), false, {}};
        auto w = std::make_unique<MainWindow>(o);
        ExperimentSpec spec;
        spec.workload = "cpu";
        spec.workers = 2;
        spec.durationS = 0.6;
        spec.interpreterLock = true;
        w->experimentPanel()->setSpec(spec);
        w->resize(1280, 800);
        w->show();
        return w;
    }
    // Runs the comparison the Compare tab is set up for; false if it did not finish.
    bool compareToEnd(MainWindow& w)
    {
        steps_.clear();
        auto started = connect(w.queue(), &RunQueue::stepStarted, this,
                               [this](int i) { steps_ << QStringLiteral("start %1").arg(i); });
        auto ended = connect(w.queue(), &RunQueue::stepFinished, this,
                             [this](int i) { steps_ << QStringLiteral("end %1").arg(i); });
        QSignalSpy done(w.queue(), &RunQueue::finished);
        QTest::mouseClick(w.compareView()->runButton(), Qt::LeftButton);
        const bool ok = w.queue()->active() && done.wait(20000) && done.front().at(1).toBool();
        disconnect(started);
        disconnect(ended);
        return ok;
    }
    QStringList steps_;
    QTemporaryDir runs_;

private slots:
    void compareRunsAThenBAndWritesTheVerdictFromBoth()
    {
        auto w = makeWindow();
        QVERIFY(compareToEnd(*w));
        const auto& c = w->compareView()->comparison();
        QVERIFY(c.has_value());
        QCOMPARE(c->a.spec.model, Model::Threads);
        QCOMPARE(c->b.spec.model, Model::Processes);
        // never at the same time: B started after A ended
        QCOMPARE(steps_, QStringList({QStringLiteral("start 0"), QStringLiteral("end 0"),
                                      QStringLiteral("start 1"), QStringLiteral("end 1")}));
        const VerdictRow* t = rowOf(*c, "throughput");
        QVERIFY(t);
        QCOMPARE(t->a, c->a.summary.opsPerS);
        QCOMPARE(t->b, c->b.summary.opsPerS);
        QVERIFY(qAbs(t->ratio - c->b.summary.opsPerS / c->a.summary.opsPerS) < 1e-9);
        // the table shows every verdict row, with the values in its cells
        auto* table = w->compareView()->verdictTable();
        const QAbstractItemModel* cells = table->model();
        QCOMPARE(cells->rowCount(), static_cast<int>(c->verdict.size()));
        // in the verdict's order (other load may lead), a workload figure's key in words
        for (int r = 0; r < cells->rowCount(); ++r)
            QCOMPARE(cells->index(r, 0).data().toString(),
                     QString::fromStdString(figureWords(c->verdict[r].aspect)));
        QVERIFY(
            cells->headerData(1, Qt::Horizontal).toString().contains(QStringLiteral("threads")));
        QVERIFY(cells->index(0, 4).data().toString().size() > 10);
    }

    void bothTimelinesShareTheirScales()
    {
        auto w = makeWindow();
        QVERIFY(compareToEnd(*w));
        for (int side = 0; side < 2; ++side)
            w->compareView()->timeline(side)->refreshNow();
        const auto& panelsA = w->compareView()->timeline(0)->panels();
        const auto& panelsB = w->compareView()->timeline(1)->panels();
        for (std::size_t i = 2; i < panelsA.size(); ++i) { // the line panels
            const auto ya = panelsA[i]->rect()->axis(QCPAxis::atLeft)->range();
            const auto yb = panelsB[i]->rect()->axis(QCPAxis::atLeft)->range();
            QCOMPARE(ya.upper, yb.upper);
        }
        const auto xa = panelsA[0]->rect()->axis(QCPAxis::atBottom)->range();
        const auto xb = panelsB[0]->rect()->axis(QCPAxis::atBottom)->range();
        QCOMPARE(xa.lower, 0.0);
        QCOMPARE(xb.lower, 0.0);
        QCOMPARE(xa.upper, xb.upper);
    }

    void comparisonFilesRoundTripAndRender()
    {
        auto w = makeWindow();
        QVERIFY(compareToEnd(*w));
        const auto list = [this] {
            return QDir(runs_.path())
                .entryInfoList({QStringLiteral("compare-*.json")}, QDir::Files, QDir::Name);
        };
        QTRY_VERIFY_WITH_TIMEOUT(!list().isEmpty(), 5000); // written off the GUI thread
        QThreadPool::globalInstance()->waitForDone();
        const auto files = list();
        const QString path = files.back().absoluteFilePath(); // named by time: the newest
        const Comparison back = loadCompareFile(path.toStdString());
        QVERIFY(back == *w->compareView()->comparison());

        // Save Image on the Compare tab: caption, both timelines, the answer and the verdict, 2×
        w->tabs()->setCurrentWidget(w->compareView());
        const QString png = runs_.filePath(QStringLiteral("compare.png"));
        QCOMPARE(w->saveImage(png), QString());
        // a landscape page for a slide, not a tall portrait
        const QRect size = imageSize(png);
        QVERIFY(size.width() >= 2 * 800);
        QVERIFY(size.width() > size.height());
        const QString pdf = runs_.filePath(QStringLiteral("compare.pdf"));
        QCOMPARE(w->saveImage(pdf), QString());
        QVERIFY(QFileInfo(pdf).size() > 1000);
        QVERIFY(!w->saveImage(runs_.filePath(QStringLiteral("compare.txt"))).isEmpty());

        // headless: corelab render compare.json --out FILE
        const QString out = runs_.filePath(QStringLiteral("rendered.png"));
        QProcess render;
        render.start(QStringLiteral(CORELAB_CLI_PATH),
                     {QStringLiteral("render"), path, QStringLiteral("--out"), out,
                      QStringLiteral("--width"), QStringLiteral("1400")});
        QVERIFY(render.waitForFinished(20000));
        QCOMPARE(render.exitCode(), 0);
        // --width alone: exactly that wide, a 16:10 page
        QCOMPARE(imageSize(out).size(), QSize(1400, 875));
    }

    void openingAComparisonFileShowsIt()
    {
        auto w = makeWindow();
        QVERIFY(compareToEnd(*w));
        const Comparison saved = *w->compareView()->comparison();
        const QString path = runs_.filePath(QStringLiteral("given.json"));
        saveCompareFile(saved, path.toStdString());
        auto fresh = makeWindow();
        fresh->tabs()->setCurrentIndex(0);
        // File > Open accepts comparison files too
        fresh->loadRunAsync(path);
        QTRY_VERIFY_WITH_TIMEOUT(fresh->compareView()->comparison().has_value(), 5000);
        QVERIFY(*fresh->compareView()->comparison() == saved);
        QCOMPARE(fresh->tabs()->currentWidget(), fresh->compareView());
    }

    void experimentFilesCarryBothSpecs()
    {
        auto w = makeWindow();
        w->compareView()->setModels(Model::Threads, Model::Hybrid);
        w->tabs()->setCurrentWidget(w->compareView());
        const QString path = runs_.filePath(QStringLiteral("lesson.json"));
        QCOMPARE(w->saveExperiment(path), QString());
        const auto expected = w->compareView()->specsFor(w->experimentPanel()->spec());

        auto student = makeWindow();
        ExperimentSpec other;
        other.workload = "memory";
        student->experimentPanel()->setSpec(other);
        student->openExperiment(path);
        QCOMPARE(student->tabs()->currentWidget(), student->compareView());
        QVERIFY(student->compareView()->hasFixedSpecs());
        const auto loaded = student->compareView()->specsFor(student->experimentPanel()->spec());
        QVERIFY(loaded.first == expected.first);
        QVERIFY(loaded.second == expected.second);
        QCOMPARE(student->experimentPanel()->spec().workload, std::string("cpu"));

        // a single experiment fills the form and shows the Run tab
        w->tabs()->setCurrentIndex(0);
        QCOMPARE(w->saveExperiment(path), QString());
        student->openExperiment(path);
        QCOMPARE(student->tabs()->currentIndex(), 0);
        QVERIFY(!student->compareView()->hasFixedSpecs());
        QVERIFY(student->experimentPanel()->spec() == w->experimentPanel()->spec());

        // a broken file is named, nothing changes
        QFile bad(runs_.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ nope");
        bad.close();
        student->openExperiment(bad.fileName());
        QVERIFY(student->experimentPanel()->messageText().contains(QStringLiteral("bad.json")));
    }

    void anyTwoSpecsMayBeChosenFromTheForm()
    {
        auto w = makeWindow();
        const ExperimentSpec first = w->experimentPanel()->spec();
        emit w->compareView()->captureRequested(0); // A ← form
        ExperimentSpec second = first;
        second.model = Model::Processes;
        second.workers = 3;
        second.interpreterLock = false;
        w->experimentPanel()->setSpec(second);
        emit w->compareView()->captureRequested(1); // B ← form
        ExperimentSpec unrelated;
        unrelated.workload = "memory";
        w->experimentPanel()->setSpec(unrelated); // the form no longer matters
        const auto [a, b] = w->compareView()->specsFor(w->experimentPanel()->spec());
        QVERIFY(a == first);
        QVERIFY(b == second);
        w->compareView()->clearFixedSpecs();
        QCOMPARE(w->compareView()->specsFor(unrelated).first.workload, std::string("memory"));
    }

    void stoppingAComparisonEndsItWithoutAVerdictOrProcess()
    {
        auto w = makeWindow();
        ExperimentSpec spec = w->experimentPanel()->spec();
        spec.durationS = 30;
        w->experimentPanel()->setSpec(spec);
        QSignalSpy done(w->queue(), &RunQueue::finished);
        QTest::mouseClick(w->compareView()->runButton(), Qt::LeftButton);
        QVERIFY(w->queue()->active());
        QTRY_VERIFY_WITH_TIMEOUT(w->controller()->leaderPid() > 0, 3000);
        const int leader = w->controller()->leaderPid();
        QTest::mouseClick(w->compareView()->runButton(), Qt::LeftButton); // now "Stop"
        QVERIFY(done.wait(10000));
        QCOMPARE(done.front().at(1).toBool(), false);
        // the stopped run is no whole run: it is kept as a file, not counted
        QCOMPARE(done.front().at(0).value<std::vector<RunRecord>>().size(), std::size_t(0));
        QVERIFY(!w->compareView()->comparison().has_value());
        QTRY_VERIFY_WITH_TIMEOUT(processGone(leader), 2000);
        QCOMPARE(w->compareView()->runButton()->text(), QStringLiteral("Run comparison"));
    }

    void stoppingDuringBGivesNoVerdictAndNoFile()
    {
        QTemporaryDir runs;
        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), runs.path(), false, {}};
        MainWindow w(o);
        ExperimentSpec spec;
        spec.durationS = 0.5;
        w.experimentPanel()->setSpec(spec);
        w.show();
        QSignalSpy started(w.queue(), &RunQueue::stepStarted);
        QSignalSpy done(w.queue(), &RunQueue::finished);
        w.startCompare();
        QTRY_VERIFY_WITH_TIMEOUT(started.count() == 2, 10000); // B is on
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->leaderPid() > 0, 3000);
        w.compareView()->runButton()->click(); // Stop
        QVERIFY(done.wait(10000));
        QCOMPARE(done.front().at(1).toBool(), false);
        QVERIFY(!w.compareView()->comparison().has_value());
        QCOMPARE(w.compareView()->verdictTable()->model()->rowCount(), 0);
        QThreadPool::globalInstance()->waitForDone();
        QVERIFY(QDir(runs.path()).entryList({QStringLiteral("compare-*.json")}).isEmpty());
        // both runs are still kept as run files, in the comparison's folder: nothing
        // measured is lost
        const QStringList jobs =
            QDir(runs.path()).entryList({QStringLiteral("compare-*")}, QDir::Dirs);
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(QDir(runs.path() % QLatin1Char('/') % jobs.front())
                     .entryList({QStringLiteral("run-*.corelab")})
                     .size(),
                 2);
    }

    void closingTheWindowMidComparisonLeavesNoProcess()
    {
        auto w = makeWindow();
        ExperimentSpec spec = w->experimentPanel()->spec();
        spec.durationS = 30;
        w->experimentPanel()->setSpec(spec);
        w->startCompare();
        QTRY_VERIFY_WITH_TIMEOUT(w->controller()->leaderPid() > 0, 3000);
        const int leader = w->controller()->leaderPid();
        w->close();
        w.reset();
        QVERIFY(processGone(leader));
    }
};

CORELAB_UI_TEST(TstCompare)
#include "tst_compare.moc"
