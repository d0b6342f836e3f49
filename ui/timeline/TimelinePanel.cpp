#include "timeline/TimelinePanel.h"

#include <algorithm>
#include <vector>

#include <QFontMetrics>

#include "Qcp.h"

#include "RunSeries.h"
#include "SpreadText.h"
#include "timeline/ColumnReducer.h"

namespace corelab::ui {

TimelinePanel::TimelinePanel(QCustomPlot* plot, const QString& title, QObject* parent)
    : QObject(parent)
    , plot_(plot)
    , rect_(new QCPAxisRect(plot))
    , header_(new QCPLayoutGrid)
    , title_(new QCPTextElement(plot, title))
    , legend_(new QCPLegend)
    , fullTitle_(title)
    , compactTitle_(title)
{
    // QCustomPlot's default minimum of 50 px for every rect would, in a short plot, take
    // the height from the titles and legends: those are squeezed first, and overlap
    rect_->setMinimumSize(50, 16);
    rect_->setRangeDrag(Qt::Horizontal);
    rect_->setRangeZoom(Qt::Horizontal);
    rect_->axis(QCPAxis::atBottom)->setTickLabels(false);
    title_->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    title_->setMargins(QMargins(8, 2, 8, 0));
    // a legend only accepts plottables once it belongs to the plot; the view re-lays the
    // header out
    plot->plotLayout()->addElement(header_);
    header_->addElement(0, 0, title_);
    header_->addElement(0, 1, legend_);
    header_->setColumnStretchFactor(0, 1);
    header_->setColumnStretchFactor(1, 0.001);
    header_->setColumnSpacing(0);
    legend_->setLayer(QStringLiteral("legend"));
    legend_->setVisible(true);
    legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend_->setMargins(QMargins(8, 0, 8, 0));
    legend_->setColumnSpacing(10);
    legend_->setRowSpacing(0);
}

void TimelinePanel::setCompact(bool compact)
{
    compact_ = compact;
    const QString& title = compact || !fullTitleFits_ ? compactTitle_ : fullTitle_;
    const QString shown = folded_ ? QStringLiteral("▸ ") % title : title;
    // QCPTextElement cuts its text at its own edge: a title wider than the header wraps
    title_->setText(titleRoom_ > 0 ? wrapText(shown, title_->font(), titleRoom_) : shown);
}

void TimelinePanel::setFolded(bool folded)
{
    if (folded == folded_) return;
    folded_ = folded;
    // a hidden element still takes its room in a layout grid: the legend leaves the header
    // and comes back beside the title, where fitLegend() finds it
    if (folded) {
        header_->take(legend_);
        header_->simplify();
    } else {
        header_->addElement(0, 1, legend_);
        header_->setColumnStretchFactor(1, 0.001);
    }
    // the grid rounds each row's height, and the rows together may run a few pixels past
    // the plot: a folded title, often the last row, keeps that slack below its text
    title_->setMargins(QMargins(8, 2, 8, folded ? 5 : 0));
    setCompact(compact_);
}

void TimelinePanel::setTitles(const QString& full, const QString& compact)
{
    fullTitle_ = full;
    compactTitle_ = compact;
    setCompact(compact_);
}

namespace {

// The entries, without the empty cells a grid may have.
std::vector<QCPAbstractLegendItem*> entries(const QCPLegend* legend)
{
    std::vector<QCPAbstractLegendItem*> out;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i)) out.push_back(item);
    return out;
}

} // namespace

bool TimelinePanel::hasLegend() const
{
    return legendWanted_ && !entries(legend_).empty();
}

namespace {

// The most entries to a row whose columns (each as wide as its widest entry, `widths`)
// fit `width`; 0 when not even one column does.
int columnsFitting(const std::vector<int>& widths, const QCPLegend* legend, int width)
{
    const int n = static_cast<int>(widths.size());
    for (int k = n; k >= 1; --k) {
        int total = legend->margins().left() + legend->margins().right() +
                    (k - 1) * legend->columnSpacing();
        for (int c = 0; c < k; ++c) {
            int widest = 0;
            for (int i = c; i < n; i += k)
                widest = std::max(widest, widths[static_cast<std::size_t>(i)]);
            total += widest;
        }
        if (total <= width) return k;
    }
    return 0;
}

} // namespace

// Beside the title when that takes fewer rows than under it; under it otherwise (a
// long title, a narrow half window).
bool TimelinePanel::fitLegend(int headerWidth)
{
    // measuring text shapes it: a fit is made again only when what it depends on changed
    // (not at every live sample)
    QString key = QString::number(headerWidth) % u'|' % fullTitle_ % u'|' % compactTitle_ % u'|' %
                  QString::number(compact_) % QString::number(folded_) % u'|' %
                  title_->font().toString() % u'|' % legend_->font().toString() % u'|' %
                  QString::number(legend_->iconSize().width());
    for (auto* item : entries(legend_)) {
        if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(item))
            key += u'|' % entry->plottable()->name();
        else
            key += u'|' % QString::number(reinterpret_cast<quintptr>(item));
    }
    if (key == fitKey_) return false;
    fitKey_ = std::move(key);
    // a full title longer than the header takes the short one, which wraps if it must
    const QString titleBefore = title_->text();
    titleRoom_ = headerWidth - title_->margins().left() - title_->margins().right();
    fullTitleFits_ = QFontMetrics(title_->font()).horizontalAdvance(fullTitle_) <= titleRoom_;
    setCompact(compact_);
    const bool titleChanged = title_->text() != titleBefore;
    const auto items = entries(legend_);
    const int n = static_cast<int>(items.size());
    if (n == 0) return titleChanged;
    // entries close together, so more of them share a row (entries come and go)
    std::vector<int> widths;
    for (auto* item : items) {
        item->setMargins(QMargins(2, 0, 2, 0));
        widths.push_back(item->minimumOuterSizeHint().width());
    }
    const int besideCols = columnsFitting(
        widths, legend_,
        headerWidth - static_cast<QCPLayoutElement*>(title_)->minimumOuterSizeHint().width());
    const int belowCols = std::max(1, columnsFitting(widths, legend_, headerWidth));
    const int besideRows = besideCols > 0 ? (n + besideCols - 1) / besideCols : 1 << 20;
    const int belowRows = 1 + (n + belowCols - 1) / belowCols;
    // on a tie one row of entries under the title reads better than two beside it
    const bool beside = besideRows == 1 || besideRows < belowRows;
    const int columns = beside ? besideCols : belowCols;
    const bool wasBeside = header_->hasElement(0, 1) && header_->element(0, 1) == legend_;
    bool changed = beside != wasBeside || titleChanged;
    if (changed) {
        header_->take(legend_);
        header_->simplify();
        header_->addElement(beside ? 0 : 1, beside ? 1 : 0, legend_);
        header_->setColumnStretchFactor(0, 1);
        if (beside) header_->setColumnStretchFactor(1, 0.001);
    }
    if (legend_->columnCount() == columns && legend_->rowCount() == (n + columns - 1) / columns)
        return changed;
    const int before = legend_->rowCount();
    legend_->setWrap(columns);
    legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    return changed || legend_->rowCount() != before;
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
    KeptLine& kept = lineCaches_[graph];
    bool changed = true;
    const auto& columns = kept.reduction.reduce(series, map, &changed);
    // the same extents: the graph holds them already
    if (!changed && kept.divisor == divisor) return;
    kept.divisor = divisor;
    QVector<QCPGraphData> points;
    points.reserve(static_cast<int>(columns.size()) * 2);
    for (const auto& c : columns) {
        points.append(QCPGraphData(c.t, c.min / divisor));
        // a vertical stroke shows the column's spread, as Tracy's plots do
        if (c.count > 1 && c.max != c.min) points.append(QCPGraphData(c.t, c.max / divisor));
    }
    graph->data()->set(points, true);
    hasData_ = hasData_ || !points.isEmpty();
}

void TimelinePanel::forgetReductions()
{
    lineCaches_.clear();
    gridKey_.clear();
}

bool TimelinePanel::gridChanged(std::vector<double> key)
{
    if (key == gridKey_) return false;
    gridKey_ = std::move(key);
    return true;
}

void TimelinePanel::removeGraph(QCPGraph* graph)
{
    lineCaches_.erase(graph);
    // the panel's own legend: removeGraph only clears the plot's default one
    graph->removeFromLegend(legend_);
    plot_->removeGraph(graph);
}

void TimelinePanel::styleGraph(QCPGraph* graph, const QColor& color) const
{
    graph->setPen(QPen(color, style_.lineWidth));
}

} // namespace corelab::ui
