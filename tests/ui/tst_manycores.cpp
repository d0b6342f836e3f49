#include <set>

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>

#include "EngineController.h"
#include "MainWindow.h"
#include "Qcp.h"
#include "UiTestMain.h"
#include "record/Synthetic.h"
#include "timeline/CorePanel.h"
#include "timeline/LanePanel.h"
#include "timeline/RowGroups.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

QMap<double, QString> tickLabels(QCPAxisRect* rect)
{
    auto ticker = rect->axis(QCPAxis::atLeft)->ticker().dynamicCast<QCPAxisTickerText>();
    return ticker ? ticker->ticks() : QMap<double, QString>{};
}

int groupOf(const RowGrouping& g, int item)
{
    for (std::size_t i = 0; i < g.groups().size(); ++i)
        for (int x : g.groups()[i].items)
            if (x == item) return static_cast<int>(i);
    return -1;
}

// The mean a group's label ends with ("▸ P0 D1 c24–31  3 %" → 3).
int labelPercent(const QString& label)
{
    static const QRegularExpression re(QStringLiteral("(\\d+) %$"));
    const auto m = re.match(label);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

SyntheticShape shape(int cpus, int workers, int seconds)
{
    SyntheticShape s;
    s.cpus = cpus;
    s.workers = workers;
    s.seconds = seconds;
    return s;
}

} // namespace

class TestManyCores : public QObject {
    Q_OBJECT
private slots:
    void groupsCoresByDieKeepingSiblingsTogether();
    void groupsCoresInBlocksWithoutTopology();
    void groupsWorkersByWholeProcesses();
    void openingAGroupAddsItsRows();
    void syntheticRunIsReadableAt1280x800();
};

void TestManyCores::groupsCoresByDieKeepingSiblingsTogether()
{
    const MachineInfo m = SyntheticSource(shape(256, 16, 1)).machine();
    std::vector<int> cpus;
    for (int c = 0; c < 256; ++c)
        cpus.push_back(c);
    const auto groups = groupCpus(cpus, m.topology, 16);
    QCOMPARE(groups.size(), std::size_t(16));
    for (const RowGroup& g : groups) {
        QCOMPARE(g.items.size(), std::size_t(16));
        const CpuPlace& first = m.topology[static_cast<std::size_t>(g.items.front())];
        for (int cpu : g.items) {
            const CpuPlace& p = m.topology[static_cast<std::size_t>(cpu)];
            QCOMPARE(p.package, first.package);
            QCOMPARE(p.die, first.die);
            // the sibling thread is in the same group
            QVERIFY(std::count(g.items.begin(), g.items.end(), (cpu + 128) % 256));
        }
    }
    QCOMPARE(groups.front().label, QStringLiteral("P0 D0 c0–7"));
    // room for more rows: smaller groups, never fewer than 8 CPUs
    QCOMPARE(groupCpus(cpus, m.topology, 40).size(), std::size_t(32));
    QCOMPARE(groupCpus(cpus, m.topology, 1000).size(), std::size_t(32));
    // room for very few: groups grow past the dies
    QVERIFY(groupCpus(cpus, m.topology, 4).size() <= 4);
}

void TestManyCores::groupsCoresInBlocksWithoutTopology()
{
    std::vector<int> cpus;
    for (int c = 0; c < 100; ++c)
        cpus.push_back(c);
    const auto groups = groupCpus(cpus, {}, 20);
    QCOMPARE(groups.size(), std::size_t(13)); // blocks of 8, the last of 4
    QCOMPARE(groups.front().label, QStringLiteral("cpu0–7"));
    QCOMPARE(groups.back().items.size(), std::size_t(4));
    QCOMPARE(groupCpus(cpus, {}, 10).size(), std::size_t(7)); // blocks of 16
}

void TestManyCores::groupsWorkersByWholeProcesses()
{
    const auto processes = groupWorkers(512, 8, 100);
    QCOMPARE(processes.size(), std::size_t(64));
    QCOMPARE(processes[2].label, QStringLiteral("p2 · w16–23"));
    const auto blocks = groupWorkers(512, 8, 10);
    QCOMPARE(blocks.size(), std::size_t(8)); // 8 processes a row
    QCOMPARE(blocks[1].label, QStringLiteral("p8–15 · w64–127"));
    QCOMPARE(groupWorkers(100, 1, 20).front().label, QStringLiteral("w0–7"));
}

void TestManyCores::openingAGroupAddsItsRows()
{
    RowGrouping g;
    g.setGroups(groupWorkers(64, 8, 100));
    QCOMPARE(g.rows().size(), std::size_t(8));
    QVERIFY(g.toggle(2));
    QCOMPARE(g.rows().size(), std::size_t(16));
    QCOMPARE(g.rows()[3], (GroupRow{2, 16}));
    QCOMPARE(g.rowOfGroup(3), 11);
    // regrouped with the same groups, it stays open; a row of the open group closes it
    g.setGroups(groupWorkers(64, 8, 100));
    QVERIFY(g.isOpen(2));
    QVERIFY(g.toggle(5));
    QCOMPARE(g.rows().size(), std::size_t(8));
    QVERIFY(!g.toggle(8));
}

// The live path end to end: the synthetic run plays through the controller's signals
// into the window, then the finished record is shown; at 1280×800 the groups must say
// which half is busy, which group is idle and which worker crashed.
void TestManyCores::syntheticRunIsReadableAt1280x800()
{
    QTemporaryDir runs;
    MainWindow w(WindowOptions{{}, runs.path(), false, {}});
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const SyntheticShape s = shape(256, 512, 3);
    const SyntheticPlan plan = SyntheticSource(s).plan();
    w.controller()->setSynthetic(s);
    QSignalSpy samples(w.controller(), &EngineController::samplesAvailable);
    QSignalSpy finished(w.controller(), &EngineController::runFinished);
    w.startRun();
    QVERIFY(finished.wait(15000));
    QVERIFY(samples.count() >= 20); // one batch a tick, not one record at the end
    QTest::qWait(100);
    TimelineView* view = w.timeline();
    view->refreshNow();
    auto* cores = qobject_cast<CorePanel*>(view->panels()[0]);
    auto* lanes = qobject_cast<LanePanel*>(view->panels()[1]);
    QVERIFY(cores && lanes);

    // the heat map: a few rows, each tall enough for its label
    const RowGrouping& cg = cores->grouping();
    QVERIFY(cg.grouped());
    const auto rows = static_cast<int>(cg.rows().size());
    QVERIFY2(rows <= 32, qPrintable(QString::number(rows)));
    QVERIFY2(
        cores->rect()->height() / rows >= 8,
        qPrintable(QStringLiteral("%1 px for %2 rows").arg(cores->rect()->height()).arg(rows)));

    // which half is busy, which group idle: the labels carry each group's mean
    const auto labels = tickLabels(cores->rect());
    const std::set<int> busy(plan.busyCpus.begin(), plan.busyCpus.end());
    int idleInBusyHalf = 0;
    for (int g = 0; g < static_cast<int>(cg.groups().size()); ++g) {
        const auto& items = cg.groups()[static_cast<std::size_t>(g)].items;
        const auto busyItems =
            std::count_if(items.begin(), items.end(), [&](int cpu) { return busy.count(cpu) > 0; });
        const QString label = labels.value(cg.rowOfGroup(g));
        const int percent = labelPercent(label);
        // the idle block and the idle package fall on whole groups
        QVERIFY2(busyItems == 0 || busyItems == static_cast<long>(items.size()), qPrintable(label));
        if (busyItems)
            QVERIFY2(percent > 60, qPrintable(label));
        else
            QVERIFY2(percent >= 0 && percent < 10, qPrintable(label));
        if (!busyItems && std::count(plan.idleCpus.begin(), plan.idleCpus.end(), items.front()))
            ++idleInBusyHalf;
    }
    QVERIFY(idleInBusyHalf >= 1);

    // the crashed worker's group is marked and names it
    const RowGrouping& lg = lanes->grouping();
    QVERIFY(lg.grouped());
    const int crashedGroup = groupOf(lg, plan.crashedWorker);
    const QString crashedLabel = tickLabels(lanes->rect()).value(lg.rowOfGroup(crashedGroup));
    QVERIFY2(crashedLabel.startsWith(QStringLiteral("✕")), qPrintable(crashedLabel));
    QVERIFY2(crashedLabel.contains(QStringLiteral("w%1 crashed").arg(plan.crashedWorker)),
             qPrintable(crashedLabel));
    const auto laneLabels = tickLabels(lanes->rect());
    for (auto it = laneLabels.begin(); it != laneLabels.end(); ++it)
        if (it.key() != lg.rowOfGroup(crashedGroup))
            QVERIFY2(!it.value().startsWith(QStringLiteral("✕")), qPrintable(it.value()));

    // a click on a group's label opens it: one row per CPU, labelled with its id
    const int busyGroup = groupOf(cg, plan.busyCpus.front());
    auto* y = cores->rect()->axis(QCPAxis::atLeft);
    const QPoint at(cores->rect()->left() - 30,
                    static_cast<int>(y->coordToPixel(cg.rowOfGroup(busyGroup))));
    QTest::mouseClick(view->plot(), Qt::LeftButton, {}, at);
    view->refreshNow();
    QVERIFY(cg.isOpen(busyGroup));
    const auto& items = cg.groups()[static_cast<std::size_t>(busyGroup)].items;
    QCOMPARE(static_cast<int>(cg.rows().size()), rows + static_cast<int>(items.size()));
    const auto opened = tickLabels(cores->rect());
    // "▲ ▾ P0 D0 c0–15  88 %": the open marker, and the busiest one where it is
    QVERIFY2(opened.value(cg.rowOfGroup(busyGroup)).contains(QStringLiteral("▾ P")),
             qPrintable(opened.value(cg.rowOfGroup(busyGroup))));
    // its CPUs in its order, labelled as far as the rows leave room
    int labelled = 0;
    for (std::size_t k = 0; k < items.size(); ++k) {
        const int row = cg.rowOfGroup(busyGroup) + 1 + static_cast<int>(k);
        QCOMPARE(cg.rows()[static_cast<std::size_t>(row)], (GroupRow{busyGroup, items[k]}));
        if (!opened.contains(row)) continue;
        QCOMPARE(opened.value(row), QStringLiteral("cpu%1").arg(items[k]));
        ++labelled;
    }
    QVERIFY(labelled >= 2);

    // hovering the open group: its mean with min and max, and each CPU's own value
    view->refreshNow();
    const QPoint over(cores->rect()->center().x(),
                      static_cast<int>(y->coordToPixel(cg.rowOfGroup(busyGroup))));
    QTest::mouseMove(view->plot(), over);
    QTRY_VERIFY(QToolTip::isVisible());
    const QString tip = QToolTip::text();
    QVERIFY2(tip.contains(QStringLiteral("mean")) && tip.contains(QStringLiteral("min")) &&
                 tip.contains(QStringLiteral("max")),
             qPrintable(tip));
    for (int cpu : items)
        QVERIFY2(tip.contains(QRegularExpression(QStringLiteral("cpu%1 \\d+ %").arg(cpu))),
                 qPrintable(tip));
}

CORELAB_UI_TEST(TestManyCores)
#include "tst_manycores.moc"
