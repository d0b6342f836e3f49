#include <QLabel>
#include <QtTest>

#include "Qcp.h"
#include "SweepView.h"
#include "UiTestHelpers.h"
#include "UiTestMain.h"

using namespace corelab;
using namespace corelab::ui;
using corelab::test::graphNamed;

namespace {

std::vector<double> values(const QCPGraph* g)
{
    std::vector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}

QStringList itemTexts(QCustomPlot* plot)
{
    QStringList out;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot->item(i))) out << t->text();
    return out;
}

// Saves the view as a PNG when CORELAB_GRAB_DIR names a folder (for a look at the layout).
void maybeGrab(SweepView& view, const QString& name)
{
    const QString dir = qEnvironmentVariable("CORELAB_GRAB_DIR");
    if (dir.isEmpty()) return;
    view.resize(1280, 800);
    view.plot()->replot();
    view.grab().save(dir % QStringLiteral("/b-sweep-") % name % QStringLiteral(".png"));
}

// threads level off at 3 and lose at 4; processes keep gaining on 4 usable CPUs
std::vector<SweepSeries> twoModels(int usableCpus)
{
    return {{Model::Threads, analyseSweep({{1, 100}, {2, 195}, {3, 200}, {4, 180}}, usableCpus)},
            {Model::Processes, analyseSweep({{1, 100}, {2, 198}, {3, 290}, {4, 370}}, usableCpus)}};
}

} // namespace

class TstSweepView : public QObject {
    Q_OBJECT
private slots:
    void speedupAndEfficiencyPerModel()
    {
        SweepView view;
        view.setSweep(twoModels(4), 4);
        auto* speedup = graphNamed(view.plot(), QStringLiteral("threads, measured"));
        QVERIFY(speedup);
        QCOMPARE(speedup->data()->size(), 4);
        QCOMPARE(values(speedup), (std::vector<double>{1.0, 1.95, 2.0, 1.8}));
        auto* efficiency = graphNamed(view.plot(), QStringLiteral("processes, efficiency"));
        QVERIFY(efficiency);
        const auto eff = values(efficiency);
        QCOMPARE(eff.size(), 4u);
        QCOMPARE(eff[1], 99.0); // fuzzy for doubles
        QVERIFY(qFuzzyCompare(eff[3], 92.5));
        QVERIFY(speedup->valueAxis()->axisRect() != efficiency->valueAxis()->axisRect());
        auto* ideal = graphNamed(view.plot(), QStringLiteral("ideal: speedup = workers"));
        QVERIFY(ideal);
        QCOMPARE(values(ideal), (std::vector<double>{1.0, 4.0}));
        maybeGrab(view, QStringLiteral("full"));
    }

    void amdahlCurveFollowsTheFittedSerialFraction()
    {
        SweepView view;
        const auto series = twoModels(4);
        view.setSweep(series, 4);
        const double s = series[0].analysis.serialFraction;
        QVERIFY(s > 0.05 && s < 0.9);
        const QString name = QStringLiteral("threads: Amdahl fit, serial fraction %1")
                                 .arg(QString::number(s, 'f', 2));
        auto* fit = graphNamed(view.plot(), name);
        QVERIFY2(fit, qPrintable(name));
        QCOMPARE(fit->lineStyle(), QCPGraph::lsLine);
        QCOMPARE(fit->pen().style(), Qt::DotLine);
        const auto at2 = fit->data()->findBegin(2.0, false);
        QCOMPARE(at2->key, 2.0);
        QVERIFY(qFuzzyCompare(at2->value, 1.0 / (s + (1 - s) / 2)));
        QCOMPARE((fit->data()->constEnd() - 1)->key, 4.0);
    }

    void turningPointsAreMarked()
    {
        SweepView view;
        view.setSweep(twoModels(4), 4);
        const QStringList texts = itemTexts(view.plot());
        QVERIFY2(texts.contains(QStringLiteral("threads: stops helping")),
                 qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY(texts.contains(QStringLiteral("threads: starts hurting")));
        QVERIFY(!texts.join(QLatin1Char('|')).contains(QStringLiteral("processes:")));
        bool ringAtHurt = false;
        for (int i = 0; i < view.plot()->itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemTracer*>(view.plot()->item(i)))
                ringAtHurt = ringAtHurt || (t->position->key() == 4 && t->position->value() == 1.8);
        QVERIFY(ringAtHurt);
        QVERIFY(texts.filter(QStringLiteral("usable CPUs: 4")).size() == 1);
        view.setSweep(twoModels(2), 2);
        QVERIFY(itemTexts(view.plot()).contains(QStringLiteral("more workers than CPUs")));
        maybeGrab(view, QStringLiteral("two-cpus"));
    }

    void partialSweepsGrowPointByPoint()
    {
        SweepView view;
        view.setSweep({{Model::Threads, analyseSweep({{1, 100}}, 2)}}, 2);
        QVERIFY(view.plot()->isVisibleTo(&view));
        QCOMPARE(graphNamed(view.plot(), QStringLiteral("threads, measured"))->data()->size(), 1);
        for (int i = 0; i < view.plot()->graphCount(); ++i)
            QVERIFY(!view.plot()->graph(i)->name().contains(QStringLiteral("Amdahl")));
        view.setSweep({{Model::Threads, analyseSweep({{1, 100}, {2, 150}}, 2)}}, 2);
        QCOMPARE(graphNamed(view.plot(), QStringLiteral("threads, measured"))->data()->size(), 2);
        QVERIFY(
            graphNamed(view.plot(), QStringLiteral("threads: Amdahl fit, serial fraction 0.33")));
        // the x axis reaches the usable CPUs before the sweep does
        view.setSweep({{Model::Threads, analyseSweep({{1, 100}, {2, 150}}, 8)}}, 8);
        QVERIFY(view.plot()->axisRect(0)->axis(QCPAxis::atBottom)->range().upper >= 8);
        maybeGrab(view, QStringLiteral("partial"));
    }

    void emptyStateWithoutData()
    {
        SweepView view;
        QVERIFY(!view.plot()->isVisibleTo(&view));
        auto labels = view.findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [&](QLabel* l) {
            return l->isVisibleTo(&view) && l->text().contains(QStringLiteral("No sweep"));
        }));
        maybeGrab(view, QStringLiteral("empty"));
        view.setSweep(twoModels(4), 4);
        QVERIFY(view.plot()->isVisibleTo(&view));
        view.clear();
        QVERIFY(!view.plot()->isVisibleTo(&view));
        QCOMPARE(view.plot()->graphCount(), 0);
        QCOMPARE(view.plot()->itemCount(), 0);
    }

    void followsThePalette()
    {
        SweepView view;
        view.setSweep(twoModels(4), 4);
        QPalette dark;
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::Base, QColor(20, 20, 20));
        view.setPalette(dark);
        auto* axis = view.plot()->axisRect(0)->axis(QCPAxis::atLeft);
        QCOMPARE(axis->tickLabelColor(), QColor(230, 230, 230));
        QCOMPARE(view.plot()->axisRect(0)->backgroundBrush().color(), QColor(20, 20, 20));
        // the data survives a restyle
        QCOMPARE(graphNamed(view.plot(), QStringLiteral("threads, measured"))->data()->size(), 4);
        maybeGrab(view, QStringLiteral("dark"));
    }
};

CORELAB_UI_TEST(TstSweepView)
#include "tst_sweepview.moc"
