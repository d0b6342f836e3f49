#include "timeline/CorePanel.h"

#include <cmath>

#include "Qcp.h"

#include "RunSeries.h"
#include "timeline/ColorMapFill.h"

namespace corelab::ui {

namespace {

QCPColorGradient busyGradient()
{
    // viridis: perceptually even, readable in grey and for colour-blind viewers
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(0x44, 0x01, 0x54));
    g.setColorStopAt(0.25, QColor(0x3b, 0x52, 0x8b));
    g.setColorStopAt(0.5, QColor(0x21, 0x91, 0x8c));
    g.setColorStopAt(0.75, QColor(0x5e, 0xc9, 0x62));
    g.setColorStopAt(1.0, QColor(0xfd, 0xe7, 0x25));
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

QCPColorGradient workerGradient()
{
    QCPColorGradient g(QCPColorGradient::gpHues);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

} // namespace

CorePanel::CorePanel(QCustomPlot* plot, QObject* parent)
    : TimelinePanel(plot, tr("Per-core busy — /proc/stat (10 ms ticks)"), parent)
    , map_(new QCPColorMap(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft)))
    , scale_(new QCPColorScale(plot))
{
    setCompactTitle(tr("Per-core busy — /proc/stat"));
    map_->setInterpolate(false);
    map_->setDataRange(QCPRange(0, 100));
    map_->setColorScale(scale_);
    // the scale owns the gradient: it overrides the map's own
    scale_->setGradient(busyGradient());
    scale_->setType(QCPAxis::atRight);
    scale_->setDataRange(QCPRange(0, 100));
    scale_->setLabel(tr("busy %"));
    scale_->setBarWidth(12);
    scale_->setRangeDrag(false);
    scale_->setRangeZoom(false);
    rect_->axis(QCPAxis::atLeft)->setLabel(tr("CPU"));
    legend_->setVisible(false); // the colour scale stands beside the heat map instead
}

void CorePanel::setMode(Mode mode)
{
    mode_ = mode;
    map_->setVisible(mode != Mode::Lines);
    // the side element out of the layout keeps its last place: hidden, it cannot draw
    // over the legend and lanes
    scale_->setVisible(mode != Mode::Lines);
    legend_->setVisible(mode == Mode::Lines);
    for (auto& [cpu, graph] : lines_)
        graph->setVisible(mode == Mode::Lines);
    scale_->setGradient(mode == Mode::ByWorker ? workerGradient() : busyGradient());
    scale_->setLabel(mode == Mode::ByWorker ? tr("worker (hue)") : tr("busy %"));
    tickedCores_ = -1;
}

QCPLayoutElement* CorePanel::sideElement() const
{
    return mode_ == Mode::Lines ? legend_ : static_cast<QCPLayoutElement*>(scale_);
}

double CorePanel::heightWeight(const RunSeries& model) const
{
    const auto n = static_cast<double>(model.coreBusyPercent().size());
    return std::clamp(1.0 + n / 4.0, 2.0, 4.0);
}

void CorePanel::update(const RunSeries& model, const TimeMapping& map)
{
    if (mode_ == Mode::Lines)
        updateLines(model, map);
    else
        updateMap(model, map);
}

void CorePanel::updateMap(const RunSeries& model, const TimeMapping& map)
{
    const auto& cores = mode_ == Mode::ByWorker ? model.coreWorker() : model.coreBusyPercent();
    updateCoreTicks(model.coreBusyPercent());
    const int ny = static_cast<int>(cores.size());
    const TimeMapping cells = prepareCellGrid(map_, map, ny);
    if (!cells.valid()) return;
    const BinMode bin = mode_ == Mode::ByWorker ? BinMode::Mode : BinMode::Mean;
    int row = 0;
    for (const auto& [cpu, series] : cores) {
        const auto values = binSeries(series, cells, model.maxGap(), bin);
        for (int col = 0; col < cells.width; ++col)
            setGridCell(map_, col, row, values[col]);
        hasData_ = hasData_ || !series.empty();
        ++row;
    }
    const double workers = std::max(1, model.record().spec.totalWorkers());
    scale_->setDataRange(mode_ == Mode::ByWorker ? QCPRange(0, workers) : QCPRange(0, 100));
    rect_->axis(QCPAxis::atLeft)->setRange(-0.5, ny - 0.5);
}

void CorePanel::updateLines(const RunSeries& model, const TimeMapping& map)
{
    // CPUs of an earlier run's record (another machine) must not linger
    std::erase_if(lines_, [&](const auto& line) {
        if (model.coreBusyPercent().count(line.first)) return false;
        // the panel's own legend: removeGraph only clears the plot's default one
        line.second->removeFromLegend(legend_);
        plot_->removeGraph(line.second);
        return true;
    });
    int index = 0;
    for (const auto& [cpu, series] : model.coreBusyPercent()) {
        auto& graph = lines_[cpu];
        if (!graph) {
            graph = addGraph(QStringLiteral("cpu%1").arg(cpu));
            styleGraph(graph, style_.series(index));
        }
        setReducedData(graph, series, map);
        ++index;
    }
    auto* y = rect_->axis(QCPAxis::atLeft);
    y->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    y->setLabel(tr("busy %"));
    y->setRange(0, 105);
    tickedCores_ = -1;
}

void CorePanel::updateCoreTicks(const std::map<int, Series>& cores)
{
    const int n = static_cast<int>(cores.size());
    if (n == tickedCores_) return;
    tickedCores_ = n;
    auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    const int every = std::max(1, (n + 7) / 8);
    int row = 0;
    for (const auto& [cpu, series] : cores) {
        if (row % every == 0) ticker->addTick(row, QStringLiteral("cpu%1").arg(cpu));
        ++row;
    }
    auto* y = rect_->axis(QCPAxis::atLeft);
    y->setTicker(ticker);
    y->setLabel(tr("CPU"));
    y->setSubTicks(false);
}

QString CorePanel::describeAt(const RunSeries& model, double t) const
{
    QStringList parts;
    double sum = 0;
    int n = 0;
    for (const auto& [cpu, series] : model.coreBusyPercent()) {
        const double v = series.valueCovering(t, model.maxGap());
        if (std::isnan(v)) continue;
        sum += v;
        ++n;
        if (parts.size() < 8) parts << QStringLiteral("cpu%1 %2 %").arg(cpu).arg(std::lround(v));
    }
    if (n == 0) return {};
    if (n > 8) parts << tr("mean %1 % over %2 CPUs").arg(std::lround(sum / n)).arg(n);
    return tr("busy (/proc/stat): ") % parts.join(QStringLiteral(", "));
}

void CorePanel::applyStyle(const PlotStyle& style)
{
    TimelinePanel::applyStyle(style);
    style.applyTo(scale_->axis());
    int index = 0;
    for (auto& [cpu, graph] : lines_)
        styleGraph(graph, style.series(index++));
}

} // namespace corelab::ui
