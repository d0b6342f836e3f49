#include "OverlayView.h"

#include <algorithm>
#include <cmath>

#include <QEvent>
#include <QTimer>
#include <QVBoxLayout>

#include "Qcp.h"

#include "RunSeries.h"

namespace corelab::ui {

namespace {

Series switchesPerS(const RunSeries& m)
{
    Series out;
    const Series& vol = m.ctxVoluntaryPerS();
    const Series& invol = m.ctxInvoluntaryPerS();
    for (std::size_t i = 0; i < std::min(vol.size(), invol.size()); ++i)
        out.push(vol.t[i], vol.v[i] + invol.v[i]);
    return out;
}

void setSeries(QCPGraph* g, const Series& s)
{
    g->setData(QVector<double>(s.t.begin(), s.t.end()), QVector<double>(s.v.begin(), s.v.end()),
               true);
}

} // namespace

OverlayView::OverlayView(QWidget* parent)
    : QWidget(parent)
    , plot_(new QCustomPlot(this))
    , timer_(new QTimer(this))
{
    plot_->setAutoAddPlottableToLegend(false);
    plot_->plotLayout()->clear();
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    addRow(tr("Throughput — control block counters"), tr("ops/s"));
    // the workers' own, as the verdict's CPU use: /proc/stat would add every other program
    addRow(tr("Busy cores — the workers' own (schedstat run time)"), tr("cores"));
    addRow(tr("Memory (RSS) of the worker tree — smaps_rollup"), tr("MiB"));
    addRow(tr("Context switches — voluntary + involuntary (status)"), tr("switches/s"));
    auto* group = new QCPMarginGroup(plot_);
    for (const Row& r : rows_)
        r.rect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    auto* bottom = rows_.back().rect->axis(QCPAxis::atBottom);
    bottom->setTickLabels(true);
    bottom->setLabel(tr("time since start (s)"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    connect(timer_, &QTimer::timeout, this, [this] {
        if (dirty_) refreshNow();
    });
    timer_->start(100);
    applyStyle();
}

void OverlayView::addRow(const QString& title, const QString& unit)
{
    auto* layout = plot_->plotLayout();
    const int row = layout->rowCount();
    auto* text = new QCPTextElement(plot_, title);
    layout->addElement(row, 0, text);
    layout->setRowStretchFactor(row, 0.001);
    auto* rect = new QCPAxisRect(plot_);
    layout->addElement(row + 1, 0, rect);
    rect->axis(QCPAxis::atLeft)->setLabel(unit);
    rect->axis(QCPAxis::atBottom)->setTickLabels(false);
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    Row r{rect, {}};
    for (int side = 0; side < 2; ++side)
        r.graphs[side] = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    if (rows_.empty()) {
        // one legend above every row, A and B side by side, clear of the lines
        auto* legend = new QCPLegend;
        layout->insertRow(0);
        layout->addElement(0, 0, legend);
        layout->setRowStretchFactor(0, 0.001);
        legend->setLayer(QStringLiteral("legend"));
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        for (QCPGraph* g : r.graphs)
            g->addToLegend(legend);
        legend_ = legend;
    }
    rows_.push_back(r);
    // one time axis: panning or zooming any row moves them all
    connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this](const QCPRange& range) {
                for (const Row& other : rows_)
                    if (other.rect->axis(QCPAxis::atBottom)->range() != range)
                        other.rect->axis(QCPAxis::atBottom)->setRange(range);
                plot_->replot(QCustomPlot::rpQueuedReplot);
            });
}

QCPGraph* OverlayView::graph(int row, int side) const
{
    return rows_.at(static_cast<std::size_t>(row)).graphs[side];
}

void OverlayView::setModels(const RunSeries* a, const RunSeries* b, const QString& labelA,
                            const QString& labelB)
{
    models_[0] = a;
    models_[1] = b;
    for (const Row& r : rows_) {
        r.graphs[0]->setName(QStringLiteral("A: ") % labelA);
        r.graphs[1]->setName(QStringLiteral("B: ") % labelB);
    }
    dirty_ = true;
}

void OverlayView::refreshNow()
{
    dirty_ = false;
    double span = 1;
    double tops[4] = {1, 0.1, 1, 10};
    for (const RunSeries* m : models_)
        if (m) tops[0] = std::max(tops[0], m->opsPerS().maxValue());
    // ops/s in k/M/G steps, as the timeline's throughput panel writes them
    const SiScale scale = siScale(tops[0]);
    const double divisor = scale.divisor;
    rows_[0].rect->axis(QCPAxis::atLeft)->setLabel(scale.prefix % tr("ops/s"));
    tops[0] /= divisor;
    for (int side = 0; side < 2; ++side) {
        const RunSeries* m = models_[side];
        if (!m) continue;
        Series ops = m->opsPerS();
        for (double& v : ops.v)
            v /= divisor;
        const Series series[4] = {ops, m->workerBusyCores(), m->rssMiB(), switchesPerS(*m)};
        for (int row = 0; row < 4; ++row) {
            setSeries(rows_[row].graphs[side], series[row]);
            tops[row] = std::max(tops[row], series[row].maxValue());
        }
        span = std::max(span, m->span());
    }
    for (int row = 0; row < 4; ++row) {
        rows_[row].rect->axis(QCPAxis::atLeft)->setRange(0, tops[row] * 1.15);
        rows_[row].rect->axis(QCPAxis::atBottom)->setRange(0, span);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void OverlayView::applyStyle()
{
    style_ = PlotStyle::from(palette(), font(), 1.5);
    plot_->setBackground(palette().color(QPalette::Window));
    for (int i = 0; i < plot_->plotLayout()->elementCount(); ++i)
        if (auto* text = qobject_cast<QCPTextElement*>(plot_->plotLayout()->elementAt(i))) {
            text->setFont(style_.font);
            text->setTextColor(style_.foreground);
        }
    for (const Row& r : rows_) {
        style_.applyTo(r.rect);
        for (int side = 0; side < 2; ++side)
            r.graphs[side]->setPen(QPen(style_.series(side), 2 * style_.lineWidth / 1.5,
                                        side ? Qt::DashLine : Qt::SolidLine));
    }
    style_.applyTo(legend_);
    dirty_ = true;
}

void OverlayView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) applyStyle();
    QWidget::changeEvent(event);
}

} // namespace corelab::ui
