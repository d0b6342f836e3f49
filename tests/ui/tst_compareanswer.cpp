// The Compare tab answers first: the answering figure large above the charts, the
// verdict for every figure folded under "Details" (remembered), and the preset's
// question, what to watch and what to expect beside the charts, restored from a
// comparison file.
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "CompareTab.h"
#include "MainWindow.h"
#include "RunQueue.h"
#include "UiTestMain.h"
#include "VerdictTable.h"
#include "analysis/Answer.h"
#include "record/RunRecord.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

// Two recorded runs as threads and processes, one doing twice the other's throughput.
Comparison fixtureComparison()
{
    const std::string path = CORELAB_UI_FIXTURES "/run-threads-2w-1s.json";
    Comparison c{loadRunFile(path), loadRunFile(path), {}};
    c.b.spec.model = Model::Processes;
    c.b.summary.opsPerS = 2 * c.a.summary.opsPerS;
    c.verdict = compareRuns(c.a, c.b);
    return c;
}

PresetNote cpuNote()
{
    return {"03-cpu-interpreter-lock",
            "CPU-bound work under an interpreter lock",
            "Do threads of one process use both cores when they hold one lock?",
            "The cores heat map and the lanes",
            "Threads take turns; processes keep every core busy.",
            "CPU utilization",
            "throughput"};
}

} // namespace

class TstCompareAnswer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir runs_;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void openingAFileWithAPresetShowsTheAnswerAndTheQuestion()
    {
        Comparison c = fixtureComparison();
        c.preset = cpuNote();
        const QString path = runs_.filePath(QStringLiteral("with-preset.json"));
        saveCompareFile(c, path.toStdString());

        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), runs_.path(), false, {}};
        MainWindow w(o);
        w.resize(1280, 800);
        w.show();
        w.loadRunAsync(path);
        CompareTab* tab = w.compareView();
        QTRY_VERIFY_WITH_TIMEOUT(tab->comparison().has_value(), 5000);
        QCOMPARE(tab->comparison()->preset, c.preset);

        // the answer, from the one verdict: throughput, both values, the ratio, the
        // winner and the article's expectation (processes for CPU work)
        const auto answer = answerOf(c);
        QVERIFY(answer.has_value());
        const QString shown = tab->answerText();
        QVERIFY2(shown.startsWith(QStringLiteral("throughput: threads ")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral(" vs processes ")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("2.0×")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("Processes did better, as the preset expects.")),
                 qPrintable(shown));
        QCOMPARE(shown,
                 QString::fromStdString(answerHeadline(*answer) + "\n" + answerVerdict(*answer)));

        // the preset's texts stay beside the charts
        const QString texts = tab->presetText();
        for (const std::string& part :
             {c.preset->title, c.preset->question, c.preset->watch, c.preset->expect})
            QVERIFY2(texts.contains(QString::fromStdString(part).toHtmlEscaped()),
                     qPrintable(texts));

        // a file of two forms has no preset: no panel text, the answer still first
        Comparison plain = fixtureComparison();
        tab->setComparison(plain);
        QCOMPARE(tab->presetText(), QString());
        QVERIFY(tab->answerText().startsWith(QStringLiteral("throughput: ")));
        QVERIFY(!tab->answerText().contains(QStringLiteral("preset")));
    }

    // During a preset's run the question is already beside the charts; after it, the
    // comparison (and so its file) carries the preset.
    void aPresetsQuestionStaysBesideTheChartsDuringAndAfterItsRun()
    {
        Preset p;
        p.id = "test-preset";
        p.title = "Two threads or two processes";
        p.aspect = "CPU utilization";
        p.question = "Do two threads keep both cores busy?";
        p.watch = "The throughput panel";
        p.expect = "Processes fill both cores.";
        p.a.workload = p.b.workload = "cpu";
        p.a.workers = p.b.workers = 2;
        p.a.durationS = p.b.durationS = 0.4;
        p.b.model = Model::Processes;
        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), runs_.path(), false, {}};
        MainWindow w(o);
        w.resize(1280, 800);
        w.show();
        w.loadPreset(p);
        CompareTab* tab = w.compareView();
        QSignalSpy started(w.queue(), &RunQueue::stepStarted);
        QSignalSpy done(w.queue(), &RunQueue::finished);
        w.startCompare();
        QVERIFY(started.wait(10000));
        QVERIFY(tab->presetText().contains(QStringLiteral("Do two threads keep both cores busy?")));
        QVERIFY(tab->answerText().isEmpty()); // no answer before both ran
        QVERIFY(done.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(tab->comparison().has_value(), 5000);
        QVERIFY(tab->comparison()->preset.has_value());
        QCOMPARE(tab->comparison()->preset->id, std::string("test-preset"));
        QVERIFY(tab->presetText().contains(QStringLiteral("Processes fill both cores.")));
        QVERIFY(tab->answerText().startsWith(QStringLiteral("throughput: threads ")));
    }

    void theDetailsAreFoldedUntilOpenedAndStayAsLeft()
    {
        QSettings().remove(QStringLiteral("compare/details"));
        // the window that reads and writes its settings, as a user's does
        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), runs_.path(), true, {}};
        {
            MainWindow w(o);
            w.show();
            w.tabs()->setCurrentWidget(w.compareView());
            CompareTab* tab = w.compareView();
            tab->setComparison(fixtureComparison());
            QVERIFY(!tab->detailsShown());
            QVERIFY(!tab->verdictTable()->isVisible());
            QVERIFY(!tab->answerText().isEmpty()); // the answer needs no unfolding
            tab->setDetailsShown(true);
            QVERIFY(tab->verdictTable()->isVisible());
            QCOMPARE(tab->verdictTable()->model()->rowCount(),
                     static_cast<int>(tab->comparison()->verdict.size()));
            w.close();
        }
        {
            MainWindow w(o);
            QVERIFY(w.compareView()->detailsShown()); // remembered
            w.compareView()->setDetailsShown(false);
            w.close();
        }
        MainWindow w(o);
        QVERIFY(!w.compareView()->detailsShown());
        QSettings().remove(QStringLiteral("compare/details"));
    }

    void theAnswerGoesOnThePictureWithTheQuestion()
    {
        Comparison c = fixtureComparison();
        c.preset = cpuNote();
        CompareTab tab;
        tab.resize(1280, 800);
        tab.show();
        tab.setComparison(c);
        // the picture differs from one of the same comparison without its preset
        const QImage with = tab.renderImage(1.0);
        QVERIFY(!with.isNull());
        tab.setComparison(fixtureComparison());
        const QImage without = tab.renderImage(1.0);
        QCOMPARE(with.size(), without.size());
        QVERIFY(with != without);
    }
};

CORELAB_UI_TEST(TstCompareAnswer)
#include "tst_compareanswer.moc"
