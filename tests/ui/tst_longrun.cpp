// The end of a long live run in the window: the record holds no samples (the engine
// spooled them, engine/SampleStore), the timeline keeps what it derived live instead of
// deriving the run again on the GUI thread, and the run file is written from the spool.

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "CompareTab.h"
#include "EngineController.h"
#include "MainWindow.h"
#include "RunQueue.h"
#include "RunSeries.h"
#include "StudyRunner.h"
#include "UiTestMain.h"
#include "record/SampleSpool.h"
#include "record/Synthetic.h"

using namespace corelab;
using namespace corelab::ui;

class TestLongRun : public QObject {
    Q_OBJECT
private slots:
    void aSpooledRunEndsWithItsLiveTimelineAndItsFile();
    void aSpooledComparisonKeepsBothTimelines();
};

void TestLongRun::aSpooledRunEndsWithItsLiveTimelineAndItsFile()
{
    QTemporaryDir runs, spools;
    qputenv("TMPDIR", spools.path().toLocal8Bit());
    MainWindow w(WindowOptions{{}, runs.path(), false, {}});
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // 601 samples of 256 workers: 154 000 worker readings, past the engine's 100 000
    SyntheticShape shape;
    shape.cpus = 8;
    shape.workers = 256;
    shape.seconds = 60;
    w.controller()->setSynthetic(shape, 20);

    const RunSeries* live = nullptr;
    connect(w.runner(), &StudyRunner::liveChanged, this, [&](RunSeries* s) { live = s; });
    bool spooled = false;
    std::size_t heldSamples = 0;
    connect(w.controller(), &EngineController::runFinished, this, [&](const RunRecord& r) {
        spooled = r.spool && r.spool->samples() == 601;
        heldSamples = r.samples.size();
    });
    QSignalSpy finished(w.controller(), &EngineController::runFinished);
    w.startRun();
    QVERIFY(finished.wait(60000));
    QVERIFY(spooled);
    QCOMPARE(heldSamples, std::size_t(0));
    QTest::qWait(50);

    // the timeline still shows the whole run: what was derived live, not emptied by an
    // empty record nor derived again
    QVERIFY(live);
    QVERIFY(!live->live());
    QCOMPARE(live->lanes().size(), std::size_t(256));
    QCOMPARE(live->record().samples.size(), std::size_t(1)); // the latest, for the cursor
    QVERIFY(qAbs(live->lastTime() - 60.0) < 1e-6);
    QVERIFY(live->record().summary.opsTotal > 0);

    // the file is written off the GUI thread from the spool, with every sample
    QString file;
    QTRY_VERIFY_WITH_TIMEOUT(
        !(file = QDir(runs.path()).entryList({QStringLiteral("*.corelab")}).value(0)).isEmpty(),
        20000);
    const RunRecord saved =
        loadRunFile(QString(runs.path() + QLatin1Char('/') + file).toStdString());
    QCOMPARE(saved.samples.size(), std::size_t(601));
    QVERIFY(saved.summary == live->record().summary);

    // "Save Run As…" saves what the timeline shows: every sample, from the spool
    const std::string again = QString(runs.path() + QStringLiteral("/again.corelab")).toStdString();
    saveRunFile(live->record(), again);
    QCOMPARE(loadRunFile(again).samples.size(), std::size_t(601));

    // the same series as the finished file gives when it is opened (a crash only shades
    // lanes differently live, where its event comes a batch after its samples)
    RunSeries opened;
    opened.setRecord(saved);
    QCOMPARE(opened.opsPerS().t, live->opsPerS().t);
    QCOMPARE(opened.opsPerS().v, live->opsPerS().v);
    QCOMPARE(opened.coreBusyPercent().size(), live->coreBusyPercent().size());
    QCOMPARE(opened.lanes().at(3).t, live->lanes().at(3).t);

    // and no spool is left in TMPDIR: it never had a name
    QCOMPARE(QDir(spools.path())
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                 .size(),
             0);
}

// A comparison of two long runs: both records hold no samples (spooled), and both sides
// still show the whole run they showed live, not an empty timeline derived from them.
void TestLongRun::aSpooledComparisonKeepsBothTimelines()
{
    QTemporaryDir runs, spools;
    qputenv("TMPDIR", spools.path().toLocal8Bit());
    MainWindow w(WindowOptions{{}, runs.path(), false, {}});
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    SyntheticShape shape;
    shape.cpus = 8;
    shape.workers = 256;
    shape.seconds = 60;
    w.controller()->setSynthetic(shape, 20);

    QSignalSpy done(w.queue(), &RunQueue::finished);
    QTest::mouseClick(w.compareView()->runButton(), Qt::LeftButton);
    QVERIFY(done.wait(120000));
    QTRY_VERIFY_WITH_TIMEOUT(w.compareView()->comparison().has_value(), 5000);
    const Comparison& c = *w.compareView()->comparison();
    QVERIFY(c.a.samples.empty() && c.a.spool);
    QVERIFY(c.b.samples.empty() && c.b.spool);
    for (int side : {0, 1}) {
        const RunSeries& s = w.compareView()->series(side);
        QVERIFY(!s.live());
        QCOMPARE(s.lanes().size(), std::size_t(256));
        QVERIFY(qAbs(s.lastTime() - 60.0) < 1e-6);
        QVERIFY(s.record().summary.opsTotal > 0);
    }
}

CORELAB_UI_TEST(TestLongRun)
#include "tst_longrun.moc"
