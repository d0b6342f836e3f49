#include <QComboBox>
#include <QLabel>
#include <QtTest>
#include <cmath>
#include <numeric>

#include "Qcp.h"
#include "UiTestHelpers.h"
#include "UiTestMain.h"

#include "SpreadView.h"

using namespace corelab;
using namespace corelab::ui;
using corelab::test::graphNamed;

namespace {

RunRecord cpuRun(double opsPerS, double wallS)
{
    RunRecord r;
    r.spec.workload = "cpu";
    r.summary.opsPerS = opsPerS;
    r.summary.wallS = wallS;
    return r;
}

RunRecord counterRun(double actual)
{
    RunRecord r;
    r.spec.workload = "counter";
    r.spec.workers = 2;
    r.spec.params = {{"increments", 1000}, {"sync", 0}, {"shared", 0}};
    r.summary.figures = {{"actual_count", actual}, {"expected_count", 2000}};
    return r;
}

// Σ(x − mean)² / (n − 1), written out here rather than taken from the code under test.
double sampleSd(const std::vector<double>& v)
{
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double squares = 0;
    for (double x : v)
        squares += (x - mean) * (x - mean);
    return std::sqrt(squares / static_cast<double>(v.size() - 1));
}

template <typename T> T* plottable(QCustomPlot* plot)
{
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* p = qobject_cast<T*>(plot->plottable(i))) return p;
    return nullptr;
}

double histogramTotal(QCustomPlot* plot)
{
    double total = 0;
    for (const auto& bar : *plottable<QCPBars>(plot)->data())
        total += bar.value;
    return total;
}

QString allText(QCustomPlot* plot)
{
    QString text;
    for (auto* e : plot->plotLayout()->elements(true))
        if (auto* t = qobject_cast<QCPTextElement*>(e)) text += t->text() + QStringLiteral("\n");
    return text;
}

QCPItemStraightLine* expectedLine(QCustomPlot* plot)
{
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* line = qobject_cast<QCPItemStraightLine*>(plot->item(i))) return line;
    return nullptr;
}

bool showsEmptyState(SpreadView& view)
{
    return view.findChild<QLabel*>(QStringLiteral("spreadEmpty"))->isVisibleTo(&view);
}

} // namespace

class TstSpreadView : public QObject {
    Q_OBJECT
private slots:
    void noRunsShowTheEmptyState()
    {
        SpreadView view;
        QVERIFY(showsEmptyState(view));
        view.setRuns({});
        QVERIFY(showsEmptyState(view));
        view.setRuns({cpuRun(1e6, 1)});
        QVERIFY(!showsEmptyState(view));
        view.setRuns({});
        QVERIFY(showsEmptyState(view));
    }

    void eachRunWithMeanAndSampleSd()
    {
        const std::vector<double> ops = {100e6, 110e6, 90e6, 105e6, 95e6};
        std::vector<RunRecord> runs;
        for (double v : ops)
            runs.push_back(cpuRun(v, 3));
        SpreadView view;
        view.setRuns(runs);
        QCustomPlot* plot = view.plot();
        QCOMPARE(view.findChild<QComboBox*>()->currentData().toString(),
                 QStringLiteral("ops_per_s"));
        QCOMPARE(graphNamed(plot, QStringLiteral("runs"))->dataCount(), 5);
        const double mean = std::accumulate(ops.begin(), ops.end(), 0.0) / 5;
        // the plot shows M ops/s: compare scale-free, sd relative to the mean
        const double shownMean =
            graphNamed(plot, QStringLiteral("mean ± sd"))->data()->at(0)->value;
        auto* bars = plottable<QCPErrorBars>(plot);
        QCOMPARE(bars->dataCount(), 1);
        QVERIFY(qFuzzyCompare(bars->data()->at(0).errorPlus / shownMean, sampleSd(ops) / mean));
        QVERIFY(qFuzzyCompare(bars->data()->at(0).errorMinus / shownMean, sampleSd(ops) / mean));
        QCOMPARE(histogramTotal(plot), 5.0);
        const QString text = allText(plot);
        QVERIFY2(text.contains(QStringLiteral("5 runs")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("± 7.9 %")), qPrintable(text)); // 7.906 M / 100 M
        QVERIFY2(text.contains(QStringLiteral("sample sd")), qPrintable(text));
    }

    void counterShowsFinalCountsAgainstTheExpectedCount()
    {
        const std::vector<double> counts = {1500, 1720, 1500, 2000};
        std::vector<RunRecord> runs;
        for (double c : counts)
            runs.push_back(counterRun(c));
        SpreadView view;
        view.setRuns(runs);
        QCustomPlot* plot = view.plot();
        QCOMPARE(view.findChild<QComboBox*>()->currentData().toString(),
                 QStringLiteral("actual_count"));
        QCOMPARE(graphNamed(plot, QStringLiteral("runs"))->dataCount(), 4);
        QVERIFY(qFuzzyCompare(plottable<QCPErrorBars>(plot)->data()->at(0).errorPlus,
                              sampleSd(counts)));
        // the run that reached 2000 lost nothing: it has its own bar
        QCOMPARE(histogramTotal(plot), 3.0);
        QCOMPARE(view.noneLostBars()->data()->size(), 1);
        QCOMPARE(view.noneLostBars()->data()->at(0)->value, 1.0);
        QCPItemStraightLine* line = expectedLine(plot);
        QVERIFY(line && line->visible());
        QCOMPARE(line->point1->key(), 2000.0); // 2 workers × 1000 increments
        const QString text = allText(plot);
        QVERIFY2(text.contains(QStringLiteral("reached by 1 of 4 runs")), qPrintable(text));
    }

    // A run that lost one update and a run that lost none never share a bar: the first
    // is left of the expected count, the second right of it in a bar of its own.
    void noneLostAndSomeLostHaveSeparateBins()
    {
        SpreadView view;
        view.setRuns({counterRun(1999), counterRun(2000), counterRun(2000), counterRun(1500)});
        QCPBars* some = view.histogramBars();
        QCPBars* none = view.noneLostBars();
        double someTotal = 0;
        for (const auto& bar : *some->data()) {
            QVERIFY2(bar.key < 2000, qPrintable(QString::number(bar.key)));
            someTotal += bar.value;
        }
        QCOMPARE(someTotal, 2.0);
        QCOMPARE(none->data()->size(), 1);
        QVERIFY(none->data()->at(0)->key >= 2000);
        QCOMPARE(none->data()->at(0)->value, 2.0);
        QVERIFY(some->name() != none->name());
        QVERIFY(allText(view.plot()).contains(QStringLiteral("none")));
    }

    void oneRunHasNoSpreadYet()
    {
        SpreadView view;
        view.setRuns({counterRun(1800)});
        QCustomPlot* plot = view.plot();
        QCOMPARE(graphNamed(plot, QStringLiteral("runs"))->dataCount(), 1);
        QCOMPARE(plottable<QCPErrorBars>(plot)->dataCount(), 0);
        QCOMPARE(histogramTotal(plot), 1.0);
        QVERIFY(allText(plot).contains(QStringLiteral("1 run")));
        view.setRuns({counterRun(1800), counterRun(1900)});
        QCOMPARE(graphNamed(plot, QStringLiteral("runs"))->dataCount(), 2);
        QCOMPARE(plottable<QCPErrorBars>(plot)->dataCount(), 1);
        QCOMPARE(histogramTotal(plot), 2.0);
    }

    void chosenFigureStaysAsRunsArrive()
    {
        std::vector<RunRecord> runs = {cpuRun(1e6, 2.9), cpuRun(1.1e6, 3.1)};
        SpreadView view;
        view.setRuns(runs);
        auto* box = view.findChild<QComboBox*>();
        const int wall = box->findData(QStringLiteral("wall_s"));
        QVERIFY(wall >= 0);
        box->setCurrentIndex(wall);
        emit box->activated(wall);
        runs.push_back(cpuRun(0.9e6, 3.0));
        view.setRuns(runs);
        QCOMPARE(box->currentData().toString(), QStringLiteral("wall_s"));
        QCPGraph* points = graphNamed(view.plot(), QStringLiteral("runs"));
        QCOMPARE(points->dataCount(), 3);
        QCOMPARE(points->data()->at(0)->value, 2.9); // seconds, unscaled
    }

    // The figure box names the engine's figures in the catalogue's words, a workload's
    // figure by its key read out.
    void figuresAreNamedByTheirWords()
    {
        SpreadView view;
        view.setRuns({counterRun(1990), counterRun(2000)});
        auto* box = view.findChild<QComboBox*>();
        auto textOf = [&](const char* key) {
            const int i = box->findData(QString::fromUtf8(key));
            return i < 0 ? QString() : box->itemText(i);
        };
        QCOMPARE(textOf("peak_rss_bytes"), QStringLiteral("peak RSS (MiB)"));
        QCOMPARE(textOf("busy_cores_mean"), QStringLiteral("CPU use (busy cores)"));
        QCOMPARE(textOf("machine_busy_cores_mean"), QStringLiteral("busy cores (machine) (cores)"));
        QCOMPARE(textOf("actual_count"), QStringLiteral("actual count (increments)"));
    }

    void recoloursOnPaletteChange()
    {
        SpreadView view;
        view.setRuns({cpuRun(1e6, 3), cpuRun(2e6, 3)});
        QPalette dark = view.palette();
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        view.setPalette(dark);
        auto* y = view.plot()->axisRect(0)->axis(QCPAxis::atLeft);
        QCOMPARE(y->labelColor(), QColor(230, 230, 230));
    }
};

CORELAB_UI_TEST(TstSpreadView)
#include "tst_spreadview.moc"
