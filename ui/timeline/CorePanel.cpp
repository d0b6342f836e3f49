#include "timeline/CorePanel.h"

#include <algorithm>
#include <cmath>

#include "Qcp.h"

#include "RunSeries.h"
#include "timeline/ColorMapFill.h"
#include "timeline/ColumnColorMap.h"

namespace corelab::ui {

namespace {

QCPColorGradient busyGradient(const PlotStyle& style)
{
    QCPColorGradient g;
    g.clearColorStops();
    const auto& heat = style.theme.heat;
    for (std::size_t i = 0; i < heat.size(); ++i)
        g.setColorStopAt(static_cast<double>(i) / static_cast<double>(heat.size() - 1), heat[i]);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

// Worker w in the throughput panel's colour for it, one level per worker: categorical,
// not a hue scale.
QCPColorGradient workerGradient(const PlotStyle& style, int workers)
{
    QCPColorGradient g;
    g.clearColorStops();
    const int n = std::max(2, workers);
    g.setLevelCount(n);
    for (int w = 0; w < n; ++w)
        g.setColorStopAt(static_cast<double>(w) / (n - 1), style.theme.worker(w));
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

} // namespace

CorePanel::CorePanel(QCustomPlot* plot, QObject* parent)
    : TimelinePanel(plot, QString(), parent)
    , map_(new ColumnColorMap(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft)))
    , scale_(new QCPColorScale(plot))
{
    map_->setInterpolate(false);
    map_->setDataRange(QCPRange(0, 100));
    map_->setColorScale(scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->setDataRange(QCPRange(0, 100));
    scale_->setBarWidth(12);
    scale_->setRangeDrag(false);
    scale_->setRangeZoom(false);
    rect_->axis(QCPAxis::atLeft)->setLabel(tr("CPU"));
    setMode(Mode::Workers);
}

void CorePanel::setMode(Mode mode)
{
    mode_ = mode;
    // each mode draws other series
    forgetReductions();
    map_->setVisible(mode != Mode::Lines);
    // the side element out of the layout keeps its last place: hidden, it cannot draw
    // over the legend and lanes
    scale_->setVisible(mode != Mode::Lines);
    legendWanted_ = mode == Mode::Lines;
    legend_->setVisible(legendWanted_);
    for (auto& [cpu, graph] : lines_)
        graph->setVisible(mode == Mode::Lines);
    scaledWorkers_ = -1;
    updateGradient();
    switch (mode) {
    case Mode::Workers:
    case Mode::Lines:
        setTitles(tr("Per-core busy — the workers' own (schedstat run time on the CPU last "
                     "seen)"),
                  tr("Per-core busy — workers' own"));
        scale_->setLabel(tr("workers busy %"));
        break;
    case Mode::AllPrograms:
        setTitles(tr("Per-core busy — all programs on the machine (/proc/stat, 10 ms ticks)"),
                  tr("Per-core busy — all programs"));
        scale_->setLabel(tr("all programs busy %"));
        break;
    case Mode::ByWorker:
        setTitles(tr("Per-core — the worker running there at each sample"),
                  tr("Per-core — running worker"));
        scale_->setLabel(tr("worker"));
        break;
    }
    tickedCores_ = -1;
}

QCPLayoutElement* CorePanel::sideElement() const
{
    return mode_ == Mode::Lines ? nullptr : scale_;
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

const std::map<int, Series>& CorePanel::heatSeries(const RunSeries& model) const
{
    switch (mode_) {
    case Mode::AllPrograms:
        return model.coreBusyPercent();
    case Mode::ByWorker:
        return model.coreWorker();
    default:
        return model.coreWorkersPercent();
    }
}

void CorePanel::updateMap(const RunSeries& model, const TimeMapping& map)
{
    const auto& cores = heatSeries(model);
    if (updateGrouping(model, cores)) return updateGroupedMap(model, map);
    updateCoreTicks(cores);
    const int ny = static_cast<int>(cores.size());
    const TimeMapping cells = prepareCellGrid(map_, map, ny);
    if (!cells.valid()) return;
    const BinMode bin = mode_ == Mode::ByWorker ? BinMode::Mode : BinMode::Mean;
    // kept columns are drawn again only where new samples changed them, unless the grid
    // itself changed (mapping, rows, mode)
    const bool whole = gridChanged({cells.t0, cells.t1, static_cast<double>(cells.width),
                                    static_cast<double>(ny), static_cast<double>(mode_)});
    int row = 0;
    for (const auto& [cpu, series] : cores) {
        auto& cache = binned_[cpu];
        const ColumnSpan span = cache.prepare(series, cells, model.maxGap());
        binColumns(series, cells, model.maxGap(), bin, span, cache.columns());
        const ColumnSpan draw = whole ? ColumnSpan::all(cells.width) : span;
        for (int col = draw.first; col <= draw.last; ++col)
            setGridCell(map_, col, row, cache.columns()[static_cast<std::size_t>(col)]);
        map_->markColumns(draw);
        hasData_ = hasData_ || !series.empty();
        ++row;
    }
    if (mode_ == Mode::ByWorker) scaleToWorkers(model.record().spec.totalWorkers());
    rect_->axis(QCPAxis::atLeft)->setRange(-0.5, ny - 0.5);
}

void CorePanel::forgetReductions()
{
    TimelinePanel::forgetReductions();
    binned_.clear();
    groupValues_.clear();
}

// The scale owns the gradient: it overrides the map's own.
void CorePanel::updateGradient()
{
    if (mode_ == Mode::ByWorker) {
        scale_->setGradient(workerGradient(style_, scaledWorkers_));
        return;
    }
    scale_->setGradient(busyGradient(style_));
    scale_->setDataRange(QCPRange(0, 100));
    scale_->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
}

// One colour per worker, named on the scale as the lanes name them (w0, w1 …).
void CorePanel::scaleToWorkers(int workers)
{
    if (workers == scaledWorkers_) return;
    scaledWorkers_ = workers;
    const int n = std::max(2, workers);
    scale_->setGradient(workerGradient(style_, n));
    scale_->setDataRange(QCPRange(0, n - 1));
    auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    const int every = std::max(1, (workers + 7) / 8);
    for (int w = 0; w < workers; w += every)
        ticker->addTick(w, QStringLiteral("w%1").arg(w));
    scale_->axis()->setTicker(ticker);
    scale_->axis()->setSubTicks(false);
}

void CorePanel::updateLines(const RunSeries& model, const TimeMapping& map)
{
    // CPUs of an earlier run's record (another machine) must not linger
    const auto& cores = model.coreWorkersPercent();
    std::erase_if(lines_, [&](const auto& line) {
        if (cores.count(line.first)) return false;
        removeGraph(line.second);
        return true;
    });
    int index = 0;
    for (const auto& [cpu, series] : cores) {
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
    y->setLabel(tr("workers busy %"));
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

// Per CPU: the workers' share, every program's (/proc/stat) and the difference, the other
// programs'; past 8 CPUs the means.
QString CorePanel::describeAt(const RunSeries& model, double t) const
{
    if (grouping_.grouped() && mode_ != Mode::Lines) return describeGroupsAt(model, t);
    const double gap = model.maxGap();
    auto at = [&](const std::map<int, Series>& series, int cpu) {
        const auto it = series.find(cpu);
        return it == series.end() ? std::nan("") : it->second.valueCovering(t, gap);
    };
    auto percent = [](double v) {
        return std::isnan(v) ? QStringLiteral("–") : QStringLiteral("%1 %").arg(std::lround(v));
    };
    QStringList lines;
    double sums[3] = {0, 0, 0};
    int n = 0;
    for (const auto& [cpu, series] : model.coreBusyPercent()) {
        const double all = series.valueCovering(t, gap);
        if (std::isnan(all)) continue;
        const double mine = at(model.coreWorkersPercent(), cpu);
        const double other = at(model.coreOtherPercent(), cpu);
        sums[0] += std::isnan(mine) ? 0 : mine;
        sums[1] += all;
        sums[2] += std::isnan(other) ? 0 : other;
        ++n;
        if (lines.size() < 8)
            lines << tr("cpu%1: workers %2, all programs %3, other programs %4")
                         .arg(cpu)
                         .arg(percent(mine), percent(all), percent(other));
    }
    if (n == 0) return {};
    if (n > 8)
        lines << tr("mean over %1 CPUs: workers %2, all programs %3, other programs %4")
                     .arg(n)
                     .arg(percent(sums[0] / n), percent(sums[1] / n), percent(sums[2] / n));
    return lines.join(QLatin1Char('\n'));
}

void CorePanel::applyStyle(const PlotStyle& style)
{
    TimelinePanel::applyStyle(style);
    style.applyTo(scale_->axis());
    const int workers = scaledWorkers_;
    updateGradient();
    if (mode_ == Mode::ByWorker && workers > 0) {
        scaledWorkers_ = -1;
        scaleToWorkers(workers);
    }
    int index = 0;
    for (auto& [cpu, graph] : lines_)
        styleGraph(graph, style.series(index++));
}

} // namespace corelab::ui
