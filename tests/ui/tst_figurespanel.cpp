#include <QtTest>

#include "FiguresPanel.h"
#include "RunSeries.h"
#include "UiTestMain.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

// A finished counter run as its run file has it: 2 workers, 1,000,000 increments each.
RunRecord counterRun()
{
    RunRecord r;
    r.startedAt = "2026-12-01T00:00:00Z";
    r.spec.workload = "counter";
    r.spec.workers = 2;
    r.summary.wallS = 0.5;
    r.summary.opsTotal = 1'500'000;
    r.summary.opsPerS = 3e6;
    r.summary.figures = {
        {"expected_count", 2'000'000}, {"actual_count", 1'500'000}, {"lost_updates", 500'000}};
    return r;
}

} // namespace

class TstFiguresPanel : public QObject {
    Q_OBJECT
private slots:
    // The answer to a counter run is its lost updates: first, in words, with the unit.
    void counterRunShowsLostUpdatesInWordsFirst()
    {
        RunSeries model;
        model.setRecord(counterRun());
        FiguresPanel panel;
        panel.setModel(&model);
        panel.refreshNow();
        const QString text = panel.text();
        const qsizetype lost = text.indexOf(QStringLiteral("lost updates"));
        QVERIFY2(lost >= 0, qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("500,000 increments")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("lost_updates")), qPrintable(text));
        const qsizetype throughput = text.indexOf(QStringLiteral("throughput"));
        QVERIFY2(throughput > lost, qPrintable(text));
    }

    // Memory was never read in so short a run: the panel says so instead of "0 B".
    void aFigureNotMeasuredSaysSo()
    {
        RunSeries model;
        model.setRecord(counterRun());
        FiguresPanel panel;
        panel.setModel(&model);
        panel.refreshNow();
        const QString text = panel.text();
        QVERIFY2(text.contains(QStringLiteral("peak RSS <b>not measured")), qPrintable(text));
    }

    // A preset's figure comes first even when the workload would answer otherwise.
    void presetFigureComesFirst()
    {
        RunSeries model;
        model.setRecord(counterRun());
        FiguresPanel panel;
        panel.setModel(&model);
        panel.setPresetFigure("throughput");
        panel.refreshNow();
        const QString text = panel.text();
        QVERIFY2(text.indexOf(QStringLiteral("throughput")) <
                     text.indexOf(QStringLiteral("lost updates")),
                 qPrintable(text));
    }
};

CORELAB_UI_TEST(TstFiguresPanel)
#include "tst_figurespanel.moc"
