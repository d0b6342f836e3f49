// What a live sample paints (issue 14): the window's cost while it watches a run is
// raster work on whole paint buffers, so a sample must paint each chart once, and must
// not repaint the whole window or resize the plot (a text under the charts that changes
// height would lay the window out again and replot every layer). Counts, not times.
#include <QtTest>

#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>
#include <QTabWidget>

#include "Qcp.h"
#include "UiTestMain.h"

#include "ObserverLoad.h"
#include "RunSeries.h"
#include "record/Synthetic.h"
#include "timeline/LiveLayer.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;

class TstPaintCount : public QObject {
    Q_OBJECT

    // `count` samples of `source` into `model`, one every 100 ms (10 Hz, as the engine
    // hands them over), the view told of each and the status note changed once a second.
    // Returns how many of them brought events.
    static int feed(SyntheticSource& source, RunSeries& model, TimelineView& view, QLabel& note,
                    int count)
    {
        int withEvents = 0;
        for (int i = 0; i < count && !source.done(); ++i) {
            std::vector<Event> events;
            std::vector<Sample> batch{source.next(events)};
            if (!events.empty()) {
                model.appendEvents(events);
                ++withEvents;
            }
            model.appendSamples(batch);
            view.modelChanged();
            if (i % 10 == 0) note.setText(QStringLiteral("window %1 % of a core").arg(i));
            QTest::qWait(100);
        }
        return withEvents;
    }

private slots:
    void aSamplePaintsEachChartOnceAndNotTheWindow()
    {
        QMainWindow window;
        // in a tab, as in the window: a tab widget repaints itself whole on a layout request
        auto* tabs = new QTabWidget;
        auto* view = new TimelineView;
        tabs->addTab(view, QStringLiteral("Run"));
        window.setCentralWidget(tabs);
        auto* note = new QLabel;
        window.statusBar()->addPermanentWidget(note);
        window.resize(1280, 800);
        RunSeries model;
        SyntheticSource source(*parseSyntheticShape("2x2x12"));
        model.beginLive(source.spec(), &source.machine());
        view->setModel(&model);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // the first second settles the layout: legends, and the figures text from "appear
        // here" to the live figures
        feed(source, model, *view, *note, 10);
        QTest::qWait(300);

        PaintCounter counter;
        const int wholeBefore = view->liveLayer().wholeReplots();
        const int samples = 40;
        const int withEvents = feed(source, model, *view, *note, samples);
        QTest::qWait(300);
        qInfo().noquote() << counter.report(samples);

        const auto plot = counter.counts(PaintCounter::keyOf(view->plot()));
        // every sample drew something (a sample is drawn in time), and none twice
        QVERIFY2(plot.paints >= samples / 2, qPrintable(counter.report(samples)));
        QVERIFY2(plot.paints <= samples, qPrintable(counter.report(samples)));
        QCOMPARE(plot.resizes, 0);
        // the plot's axes, titles and legends stay in their buffers: a sample repaints the
        // charts' layer alone, unless it brought an event (a new marker is a new item, and
        // QCustomPlot replots every layer after one is added)
        const int whole = view->liveLayer().wholeReplots() - wholeBefore;
        QVERIFY2(whole <= withEvents, qPrintable(QStringLiteral("%1 whole replots, %2 samples "
                                                                "with events")
                                                     .arg(whole)
                                                     .arg(withEvents)));
        // the window, the tabs and the view under the plot are never painted whole (the
        // figures text changes four times a second)
        QCOMPARE(counter.counts(PaintCounter::keyOf(&window)).wholePaints, 0);
        QCOMPARE(counter.counts(PaintCounter::keyOf(tabs)).wholePaints, 0);
        QCOMPARE(counter.counts(PaintCounter::keyOf(view)).wholePaints, 0);
        QCOMPARE(counter.counts(PaintCounter::keyOf(view)).resizes, 0);
    }
};

CORELAB_UI_TEST(TstPaintCount)
#include "tst_paintcount.moc"
