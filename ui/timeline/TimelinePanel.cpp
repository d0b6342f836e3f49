#include "timeline/TimelinePanel.h"

#include "Qcp.h"

#include "RunSeries.h"
#include "timeline/ColumnReducer.h"

namespace corelab::ui {

TimelinePanel::TimelinePanel(QCustomPlot* plot, const QString& title, QObject* parent)
    : QObject(parent)
    , plot_(plot)
    , rect_(new QCPAxisRect(plot))
    , title_(new QCPTextElement(plot, title))
    , legend_(new QCPLegend)
    , fullTitle_(title)
    , compactTitle_(title)
{
    rect_->setRangeDrag(Qt::Horizontal);
    rect_->setRangeZoom(Qt::Horizontal);
    rect_->axis(QCPAxis::atBottom)->setTickLabels(false);
    title_->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    title_->setMargins(QMargins(8, 4, 8, 0));
    // a legend only accepts plottables once it belongs to the plot; the view re-lays it out
    plot->plotLayout()->addElement(legend_);
    legend_->setLayer(QStringLiteral("legend"));
    legend_->setVisible(true);
    legend_->setFillOrder(QCPLayoutGrid::foRowsFirst);
}

void TimelinePanel::setCompact(bool compact)
{
    compact_ = compact;
    title_->setText(compact ? compactTitle_ : fullTitle_);
}

void TimelinePanel::setTitles(const QString& full, const QString& compact)
{
    fullTitle_ = full;
    compactTitle_ = compact;
    setCompact(compact_);
}

QCPLayoutElement* TimelinePanel::sideElement() const
{
    return legend_;
}

void TimelinePanel::applyStyle(const PlotStyle& style)
{
    style_ = style;
    style.applyTo(rect_);
    style.applyTo(legend_);
    QFont f = style.font;
    f.setBold(true);
    title_->setFont(f);
    title_->setTextColor(style.foreground);
}

QCPGraph* TimelinePanel::addGraph(const QString& name)
{
    auto* graph = new QCPGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
    graph->setName(name);
    graph->addToLegend(legend_);
    return graph;
}

void TimelinePanel::setReducedData(QCPGraph* graph, const Series& series, const TimeMapping& map,
                                   double divisor)
{
    QVector<QCPGraphData> points;
    const auto columns = reduceToColumns(series.t, series.v, map);
    points.reserve(static_cast<int>(columns.size()) * 2);
    for (const auto& c : columns) {
        points.append(QCPGraphData(c.t, c.min / divisor));
        // a vertical stroke shows the column's spread, as Tracy's plots do
        if (c.count > 1 && c.max != c.min) points.append(QCPGraphData(c.t, c.max / divisor));
    }
    graph->data()->set(points, true);
    hasData_ = hasData_ || !points.isEmpty();
}

void TimelinePanel::styleGraph(QCPGraph* graph, const QColor& color) const
{
    graph->setPen(QPen(color, style_.lineWidth));
}

} // namespace corelab::ui
