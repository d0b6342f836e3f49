#include <cmath>

#include <QtTest>

#include "RunSeries.h"
#include "UiTestMain.h"
#include "timeline/ColorMapFill.h"
#include "timeline/ColumnReducer.h"
#include "timeline/TimeMapping.h"

using namespace corelab::ui;

class TstTimeMapping : public QObject {
    Q_OBJECT
private slots:
    void pixelsAndSecondsRoundTrip()
    {
        const TimeMapping m{2.0, 4.0, 100, 200};
        QCOMPARE(m.secondsPerPixel(), 0.01);
        QCOMPARE(m.toPixel(2.0), 100.0);
        QCOMPARE(m.toPixel(4.0), 300.0);
        QCOMPARE(m.toTime(m.toPixel(3.1)), 3.1);
    }
    void columnsCoverTheViewOnly()
    {
        const TimeMapping m{0.0, 1.0, 0, 10};
        QCOMPARE(m.column(0.0), 0);
        QCOMPARE(m.column(0.55), 5);
        QCOMPARE(m.column(1.0), 9); // the right edge belongs to the last column
        QCOMPARE(m.column(-0.01), -1);
        QCOMPARE(m.column(1.01), -1);
        QVERIFY(!TimeMapping({1.0, 1.0, 0, 10}).valid());
    }
    void reducerKeepsExtremesPerColumn()
    {
        // 1000 points across 10 columns: at most one extent per column plus neighbours
        std::vector<double> t, v;
        for (int i = 0; i < 1000; ++i) {
            t.push_back(i / 1000.0);
            v.push_back(i % 7);
        }
        const auto cols = reduceToColumns(t, v, TimeMapping{0.0, 1.0, 0, 10});
        QCOMPARE(cols.size(), std::size_t(10));
        int total = 0;
        for (const auto& c : cols) {
            QCOMPARE(c.min, 0.0);
            QCOMPARE(c.max, 6.0);
            QVERIFY(std::abs(c.count - 100) <= 1); // column edges are floating point
            total += c.count;
        }
        QCOMPARE(total, 1000);
    }
    void reducerKeepsOneNeighbourOutside()
    {
        const std::vector<double> t{0, 1, 2, 3, 4}, v{0, 10, 20, 30, 40};
        const auto cols = reduceToColumns(t, v, TimeMapping{1.5, 2.5, 0, 100});
        QCOMPARE(cols.size(), std::size_t(3)); // 1 (left of view), 2, 3 (right of view)
        QCOMPARE(cols.front().t, 1.0);
        QCOMPARE(cols.back().t, 3.0);
    }
    void binsFillGapsFromTheCoveringSample()
    {
        Series s;
        s.push(0.1, 10);
        s.push(0.2, 20);
        // ten columns of 20 ms: a sample stands for the interval before it
        const auto bins = binSeries(s, TimeMapping{0.0, 0.2, 0, 10}, 0.25, BinMode::Mean);
        QCOMPARE(bins[0], 10.0);
        QCOMPARE(bins[5], 10.0); // the column holding t = 0.1
        QCOMPARE(bins[7], 20.0);
        const auto after = binSeries(s, TimeMapping{0.3, 0.5, 0, 4}, 0.25, BinMode::Mean);
        QVERIFY(std::isnan(after[0]));
    }
};

CORELAB_UI_TEST(TstTimeMapping)
#include "tst_timemapping.moc"
