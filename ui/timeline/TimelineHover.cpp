// The timeline under the mouse: a tooltip of every panel's values at the hovered time, and
// a cursor line across the panels on the overlay layer.
#include <QFontMetrics>
#include <QMouseEvent>
#include <QToolTip>

#include "Qcp.h"

#include "RunSeries.h"
#include "timeline/CorePanel.h"
#include "timeline/LanePanel.h"
#include "timeline/TimelinePlot.h"
#include "timeline/TimelineView.h"

namespace corelab::ui {

void TimelineView::onMouseMove(QMouseEvent* event)
{
    if (!model_ || model_->record().samples.empty()) return;
    const double t = cores_->rect()->axis(QCPAxis::atBottom)->pixelToCoord(event->pos().x());
    QStringList lines{tr("t = %1 s").arg(t, 0, 'f', 2)};
    cores_->setHoverY(event->pos().y());
    lanes_->setHoverY(event->pos().y());
    for (auto* p : panels_) {
        const QString line = p->describeAt(*model_, t);
        if (!line.isEmpty()) lines << line;
    }
    const QString text = lines.join(QLatin1Char('\n'));
    moveCursor(event->pos().x());
    // beside the cursor line, on the side with more room, so it covers neither the line
    // nor the point it describes
    const int gap = 24;
    const QSize size = QFontMetrics(QToolTip::font())
                           .boundingRect(QRect(0, 0, 2000, 2000), Qt::AlignLeft, text)
                           .size() +
                       QSize(12, 12);
    const bool leftHalf = event->pos().x() < plot_->width() / 2;
    const int x = leftHalf ? event->pos().x() + gap : event->pos().x() - gap - size.width();
    const QPoint at = plot_->mapToGlobal(QPoint(x, cores_->rect()->top()));
    QToolTip::showText(at, text, plot_);
}

// A vertical line across every panel at the hovered time; drawn on the overlay layer,
// so moving it repaints only that layer, not the charts.
void TimelineView::moveCursor(int x)
{
    if (!cursor_) {
        cursor_ = new QCPItemLine(plot_);
        // moved with the mouse, it repaints its own buffer, not the charts'
        plot_->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmBuffered);
        cursor_->setLayer(QStringLiteral("overlay"));
        cursor_->setClipToAxisRect(false);
        for (auto* p : {cursor_->start, cursor_->end})
            p->setType(QCPItemPosition::ptAbsolute);
    }
    const auto shown = shownPanels();
    const int top = shown.front()->rect()->top();
    const int bottom = shown.back()->rect()->bottom();
    const bool inside = x >= cores_->rect()->left() && x <= cores_->rect()->right();
    cursor_->setVisible(inside);
    cursor_->setPen(QPen(style_.foreground, 1));
    cursor_->start->setCoords(x, top);
    cursor_->end->setCoords(x, bottom);
    plot_->layer(QStringLiteral("overlay"))->replot();
}

void TimelineView::leaveEvent(QEvent* event)
{
    if (cursor_ && cursor_->visible()) {
        cursor_->setVisible(false);
        plot_->layer(QStringLiteral("overlay"))->replot();
    }
    QWidget::leaveEvent(event);
}

} // namespace corelab::ui
