// TimelinePlot paints a live layer straight onto the widget over a kept image of what lies
// under it (issue 14). What it paints must be what QCustomPlot paints after a whole replot,
// with any background, and the kept image must be made again only by a whole replot.
#include <QScreen>
#include <QtTest>

#include "Qcp.h"
#include "UiTestMain.h"

#include "timeline/TimelinePlot.h"

using namespace corelab::ui;

namespace {

// A plot laid out as the timeline's: a grid and axes, and on a buffered layer above "main"
// a line, a colour map and a text item, which `step` moves.
struct LivePlot {
    TimelinePlot plot;
    QCPLayer* live = nullptr;
    QCPGraph* graph = nullptr;
    QCPColorMap* map = nullptr;
    QCPItemText* label = nullptr;

    explicit LivePlot(const QBrush& background)
    {
        plot.resize(640, 400);
        plot.setBackground(background);
        plot.axisRect()->setBackground(QColor(250, 250, 240));
        plot.addLayer(QStringLiteral("live"), plot.layer(QStringLiteral("main")),
                      QCustomPlot::limAbove);
        live = plot.layer(QStringLiteral("live"));
        live->setMode(QCPLayer::lmBuffered);
        plot.setCurrentLayer(live);
        graph = plot.addGraph();
        map = new QCPColorMap(plot.xAxis, plot.yAxis);
        map->data()->setSize(40, 3);
        map->data()->setRange(QCPRange(0, 10), QCPRange(0, 2));
        map->setGradient(QCPColorGradient::gpThermal);
        map->setDataRange(QCPRange(0, 1));
        label = new QCPItemText(&plot);
        label->setText(QStringLiteral("all running"));
        plot.xAxis->setRange(0, 10);
        plot.yAxis->setRange(-1, 5);
        step(0);
    }

    void step(int i)
    {
        graph->addData(i * 0.1, 1 + std::sin(i * 0.3));
        for (int x = 0; x < 40; ++x)
            for (int y = 0; y < 3; ++y)
                map->data()->setCell(x, y, ((x + i) % 7) / 7.0 + y * 0.1);
        label->position->setCoords(i * 0.1, 4);
    }
};

// The widget painted afresh, whole.
QImage picture(QWidget& w)
{
    return w.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

// What the window's backing store holds: the paints so far, each of its own region.
QImage onScreen(QWidget& w)
{
    QCoreApplication::processEvents();
    return w.screen()->grabWindow(w.winId()).toImage().convertToFormat(QImage::Format_RGB32);
}

} // namespace

class TstTimelinePlot : public QObject {
    Q_OBJECT

    // After layer replots, the picture is the one a whole replot of the same data paints.
    static void paintsWhatAWholeReplotPaints(const QBrush& background)
    {
        LivePlot p(background);
        p.plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p.plot));
        p.plot.replot();
        for (int i = 1; i <= 20; ++i) {
            p.step(i);
            p.plot.replotLayer(p.live);
            QCoreApplication::processEvents();
        }
        const QImage layerOnly = picture(p.plot);
        // the paints of the changed region alone left what painting it all would
        const QImage shown = onScreen(p.plot);
        QCOMPARE(shown.size(), layerOnly.size());
        if (shown != layerOnly) shown.save(QStringLiteral("/tmp/tst_timelineplot-shown.png"));
        QVERIFY2(shown == layerOnly, "the window shows another picture than a whole paint");
        p.plot.replot();
        const QImage whole = picture(p.plot);
        QCOMPARE(layerOnly.size(), whole.size());
        if (layerOnly != whole) {
            layerOnly.save(QStringLiteral("/tmp/tst_timelineplot-layer.png"));
            whole.save(QStringLiteral("/tmp/tst_timelineplot-whole.png"));
        }
        QVERIFY2(layerOnly == whole, "layer replots paint another picture than a whole replot "
                                     "(saved /tmp/tst_timelineplot-*.png)");
    }

private slots:
    void aLayerReplotPaintsWhatAWholeReplotPaints()
    {
        paintsWhatAWholeReplotPaints(QColor(30, 30, 40));
    }

    // A background that cannot be kept as one opaque colour is painted QCustomPlot's way,
    // the directly drawn layer's buffer brought up to date first.
    void aPatternedBackgroundPaintsTheSame()
    {
        QLinearGradient gradient(0, 0, 0, 400);
        gradient.setColorAt(0, Qt::white);
        gradient.setColorAt(1, QColor(200, 200, 255));
        paintsWhatAWholeReplotPaints(QBrush(gradient));
    }

    // Buffers freed for a one-shot picture come back with the next layer replot, whole.
    void releasedBuffersComeBackWithTheNextReplot()
    {
        LivePlot p(QColor(255, 255, 255));
        p.plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p.plot));
        p.plot.replot();
        p.step(5);
        p.plot.replot();
        const QImage before = picture(p.plot);
        p.plot.releasePaintBuffers();
        const QImage drawn = p.plot.toPixmap().toImage();
        QVERIFY(!drawn.isNull());
        QSignalSpy whole(&p.plot, &QCustomPlot::beforeReplot);
        p.plot.replotLayer(p.live);
        QCOMPARE(whole.count(), 1);
        QCOMPARE(picture(p.plot), before);
    }

    // What lies under the charts is blended once per whole replot, not once per paint.
    void theImageUnderTheChartsIsMadeOncePerWholeReplot()
    {
        LivePlot p(QColor(255, 255, 255));
        p.plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p.plot));
        p.plot.replot();
        QCoreApplication::processEvents();
        picture(p.plot);
        const int made = p.plot.basesMade();
        QVERIFY(made >= 1);
        for (int i = 1; i <= 10; ++i) {
            p.step(i);
            p.plot.replotLayer(p.live);
            picture(p.plot);
        }
        QCOMPARE(p.plot.basesMade(), made);
        // an item that joins a layer invalidates the buffers: a whole replot, a new image
        new QCPItemText(&p.plot);
        p.plot.replotLayer(p.live);
        picture(p.plot);
        QCOMPARE(p.plot.basesMade(), made + 1);
    }
};

CORELAB_UI_TEST(TstTimelinePlot)
#include "tst_timelineplot.moc"
