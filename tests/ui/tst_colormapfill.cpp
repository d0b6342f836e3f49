#include <QtTest>

#include "Qcp.h"
#include "UiTestMain.h"

#include "record/RunRecord.h"
#include "timeline/ColorMapFill.h"

using namespace corelab;
using namespace corelab::ui;

class TstColorMapFill : public QObject {
    Q_OBJECT
private slots:
    void aGridOfImpossiblyManyRowsIsNotAllocated()
    {
        // the review's worker index 6400845: 2 × 6400846 rows × the cells wrapped QCP's int
        QCustomPlot plot;
        auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
        const TimeMapping view{0, 2, 0, 1000};
        const TimeMapping cells = prepareCellGrid(map, view, 6400846);
        QCOMPARE(cells.width, 0);
        QCOMPARE(map->data()->keySize(), 0);
        QCOMPARE(map->data()->valueSize(), 0);
    }
    void aGridOfEveryCpuIsAllocated()
    {
        QCustomPlot plot;
        auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
        const TimeMapping cells = prepareCellGrid(map, TimeMapping{0, 2, 0, 1000}, kMaxCpus);
        QCOMPARE(cells.width, 500);
        QCOMPARE(map->data()->valueSize(), 2 * kMaxCpus);
        setGridCell(map, 499, kMaxCpus - 1, 1.0);
        QCOMPARE(map->data()->cell(499, 2 * kMaxCpus - 1), 1.0);
    }
};

CORELAB_UI_TEST(TstColorMapFill)
#include "tst_colormapfill.moc"
