#include <QtTest>

#include "Qcp.h"
#include "UiTestMain.h"

#include "RunSeries.h"
#include "timeline/TimelinePanel.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;

class TstTimelineView : public QObject {
    Q_OBJECT
private:
    static RunRecord fixture()
    {
        return loadRunFile(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json");
    }

    // Samples [from, to) of `record` into the live `model`, each in a turn of the event
    // loop of its own (as the engine hands them over), `view` told of each.
    static void feed(RunSeries& model, TimelineView& view, const RunRecord& record,
                     std::size_t from, std::size_t to)
    {
        for (std::size_t i = from; i < to; ++i) {
            model.appendSamples({record.samples.at(i)});
            view.modelChanged();
            QTest::qWait(60); // past the 33 ms between redraws
        }
    }

    // A live view, shown, with the first `settled` samples drawn and its layout settled.
    static void startLive(RunSeries& model, TimelineView& view, const RunRecord& record,
                          std::size_t settled)
    {
        model.beginLive(record.spec, &record.machine);
        view.resize(1200, 800);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        feed(model, view, record, 0, settled);
        QTest::qWait(300);
    }

private slots:
    // The observer effect (issue 14): a view nobody sees draws nothing, however many
    // samples arrive, and draws once when it is shown again.
    void hiddenViewRedrawsOnlyWhenShownAgain()
    {
        const RunRecord record = fixture();
        QVERIFY(record.samples.size() >= 12);
        RunSeries model;
        TimelineView view;
        startLive(model, view, record, 4);
        QSignalSpy redraws(&view, &TimelineView::refreshed);
        view.hide(); // as a tab behind another
        feed(model, view, record, 4, 8);
        QTest::qWait(200);
        QCOMPARE(redraws.count(), 0);
        view.show();
        QVERIFY(redraws.wait(2000));
        QCOMPARE(redraws.count(), 1);
        QTest::qWait(300);
        redraws.clear();

        view.showMinimized();
        QTest::qWait(100);
        QVERIFY(view.isMinimized());
        feed(model, view, record, 8, 12);
        QTest::qWait(200);
        QCOMPARE(redraws.count(), 0);
        view.showNormal();
        QVERIFY(redraws.wait(2000));
        QCOMPARE(redraws.count(), 1);
    }

    // Samples that arrive together are drawn together: one redraw, not one each.
    void samplesOfOneTurnRedrawOnce()
    {
        const RunRecord record = fixture();
        RunSeries model;
        TimelineView view;
        startLive(model, view, record, 4);
        QSignalSpy redraws(&view, &TimelineView::refreshed);
        const int before = view.refreshCount();
        for (std::size_t i = 4; i < 12; ++i) {
            model.appendSamples({record.samples.at(i)});
            view.modelChanged();
        }
        QCOMPARE(redraws.count(), 0); // nothing drawn inside the turn
        QVERIFY(redraws.wait(2000));
        QCOMPARE(redraws.count(), 1);
        QCOMPARE(view.refreshCount(), before + 1);
    }

    // With nothing new, the view stays asleep: no redraw loop of its own (every replot
    // lays the plot out again, and that alone must not ask for another redraw).
    void idleViewDoesNotRedraw()
    {
        const RunRecord record = fixture();
        RunSeries model;
        TimelineView view;
        startLive(model, view, record, 12);
        QSignalSpy redraws(&view, &TimelineView::refreshed);
        QTest::qWait(500);
        QCOMPARE(redraws.count(), 0);
    }

    // Zoomed past the start, the start's label would be cut to its end ("nning"): events
    // left of the view are not labelled at all.
    void zoomedInNoLabelStartsLeftOfTheView()
    {
        RunSeries model;
        model.setRecord(fixture());
        TimelineView view;
        view.resize(1200, 800);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        QCustomPlot* plot = view.plot();
        // the shown ones: labels placed inside lanes are kept hidden when not needed
        auto labels = [plot] {
            std::vector<QCPItemText*> out;
            for (int i = 0; i < plot->itemCount(); ++i)
                if (auto* t = qobject_cast<QCPItemText*>(plot->item(i)); t && t->visible())
                    out.push_back(t);
            return out;
        };
        QVERIFY(!labels().empty()); // the whole run has its spawn label
        const double lower = 0.5;
        view.panels().front()->rect()->axis(QCPAxis::atBottom)->setRange(lower, 1.0);
        view.refreshNow();
        for (QCPItemText* t : labels())
            QVERIFY2(t->position->key() >= lower, qPrintable(t->text()));
    }

    // Hovering draws a vertical cursor line at the mouse across the panels.
    void hoverDrawsACursorLine()
    {
        RunSeries model;
        model.setRecord(fixture());
        TimelineView view;
        view.resize(1200, 800);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        QCustomPlot* plot = view.plot();
        const QRect rect = view.panels().front()->rect()->rect();
        const QPoint at(rect.center().x(), rect.center().y());
        QMouseEvent move(QEvent::MouseMove, at, plot->mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &move);
        QCPItemLine* cursor = nullptr;
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* l = qobject_cast<QCPItemLine*>(plot->item(i));
                l && l->layer() == plot->layer(QStringLiteral("overlay")))
                cursor = l;
        QVERIFY(cursor);
        QVERIFY(cursor->visible());
        QCOMPARE(cursor->start->coords().x(), static_cast<double>(at.x()));
        QCOMPARE(cursor->end->coords().x(), static_cast<double>(at.x()));
        QVERIFY(cursor->end->coords().y() > cursor->start->coords().y() + rect.height());
    }
};

CORELAB_UI_TEST(TstTimelineView)
#include "tst_timelineview.moc"
