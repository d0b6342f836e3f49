#include <QtTest>

#include "Qcp.h"

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

private slots:
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
        auto labels = [plot] {
            std::vector<QCPItemText*> out;
            for (int i = 0; i < plot->itemCount(); ++i)
                if (auto* t = qobject_cast<QCPItemText*>(plot->item(i))) out.push_back(t);
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

QTEST_MAIN(TstTimelineView)
#include "tst_timelineview.moc"
