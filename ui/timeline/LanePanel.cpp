#include "timeline/LanePanel.h"

#include <cmath>
#include <map>

#include "Qcp.h"

#include "RunSeries.h"
#include "timeline/ColorMapFill.h"

namespace corelab::ui {

namespace {

// one level per state, so every cell gets exactly its state's colour
QCPColorGradient laneGradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setLevelCount(kLaneStateCount);
    for (int i = 0; i < kLaneStateCount; ++i)
        g.setColorStopAt(static_cast<double>(i) / (kLaneStateCount - 1),
                         laneStateColor(static_cast<LaneState>(i)));
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

} // namespace

LanePanel::LanePanel(QCustomPlot* plot, QObject* parent)
    : TimelinePanel(plot, tr("Worker lanes — state per thread (schedstat run/wait, /proc stat)"),
                    parent)
    , map_(new QCPColorMap(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft)))
{
    setCompactTitle(tr("Worker lanes — schedstat"));
    map_->setGradient(laneGradient());
    map_->setInterpolate(false);
    map_->setDataRange(QCPRange(0, kLaneStateCount - 1));
    rect_->axis(QCPAxis::atLeft)->setLabel(tr("worker"));
    // worker 0 on top, like a list
    rect_->axis(QCPAxis::atLeft)->setRangeReversed(true);
    addLegendEntries();
}

void LanePanel::addLegendEntries()
{
    // empty bars only carry a filled swatch into the legend
    for (int i = 0; i < kLaneStateCount; ++i) {
        const auto state = static_cast<LaneState>(i);
        auto* swatch = new QCPBars(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
        swatch->setName(QString::fromLatin1(laneStateName(state)));
        swatch->setBrush(laneStateColor(state));
        swatch->setPen(Qt::NoPen);
        swatch->addToLegend(legend_);
    }
}

double LanePanel::heightWeight(const RunSeries& model) const
{
    const auto n = static_cast<double>(model.record().spec.totalWorkers());
    return std::clamp(1.0 + n / 4.0, 1.5, 3.5);
}

void LanePanel::update(const RunSeries& model, const TimeMapping& map)
{
    updateTicks(model);
    const auto& lanes = model.lanes();
    const int ny = lanes.empty() ? 0 : lanes.rbegin()->first + 1;
    const TimeMapping cells = prepareCellGrid(map_, map, ny);
    if (!cells.valid()) {
        clearCpuLabels();
        return;
    }
    map_->data()->fill(std::nan(""));
    for (const auto& [worker, series] : lanes) {
        const auto values = binSeries(series, cells, model.maxGap(), BinMode::Mode);
        for (int col = 0; col < cells.width; ++col) {
            // NoData (-1) is shown as nothing
            const double v = values[col] < 0 ? std::nan("") : values[col];
            setGridCell(map_, col, worker, v);
        }
        hasData_ = hasData_ || !series.empty();
    }
    rect_->axis(QCPAxis::atLeft)->setRange(-0.5, ny - 0.5);
    updateCpuLabels(model, cells);
}

// Names the core inside each stretch of a lane where the worker ran on one CPU,
// where the stretch is wide enough to hold the label.
void LanePanel::clearCpuLabels()
{
    for (QCPItemText* label : cpuLabels_)
        plot_->removeItem(label);
    cpuLabels_.clear();
}

void LanePanel::updateCpuLabels(const RunSeries& model, const TimeMapping& cells)
{
    clearCpuLabels();
    if (model.workerCpu().size() > 16) return; // lanes too thin to read
    const double pxPerCell = static_cast<double>(std::max(1, rect_->width())) / cells.width;
    const int minCells = static_cast<int>(std::ceil(44 / pxPerCell));
    for (const auto& [worker, series] : model.workerCpu()) {
        const auto cpus = binSeries(series, cells, model.maxGap(), BinMode::Mode);
        for (int col = 0; col < cells.width;) {
            int end = col + 1;
            while (end < cells.width && cpus[end] == cpus[col])
                ++end;
            if (cpus[col] >= 0 && end - col >= minCells && cpuLabels_.size() < 64)
                addCpuLabel(cells.t0 + (col + end) / 2.0 * cells.secondsPerPixel(), worker,
                            static_cast<int>(cpus[col]));
            col = end;
        }
    }
}

void LanePanel::addCpuLabel(double t, int worker, int cpu)
{
    auto* label = new QCPItemText(plot_);
    label->setClipAxisRect(rect_);
    label->setClipToAxisRect(true);
    label->position->setAxes(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
    label->position->setCoords(t, worker);
    label->setText(QStringLiteral("cpu%1").arg(cpu));
    label->setColor(Qt::white);
    cpuLabels_.push_back(label);
}

void LanePanel::updateTicks(const RunSeries& model)
{
    const int n = model.lanes().empty() ? 0 : model.lanes().rbegin()->first + 1;
    if (n == tickedLanes_) return;
    tickedLanes_ = n;
    auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    const int every = std::max(1, (n + 7) / 8);
    for (int i = 0; i < n; i += every)
        ticker->addTick(i, QStringLiteral("w%1").arg(i));
    auto* y = rect_->axis(QCPAxis::atLeft);
    y->setTicker(ticker);
    y->setSubTicks(false);
}

QString LanePanel::describeAt(const RunSeries& model, double t) const
{
    std::map<int, int> counts;
    QStringList each;
    for (const auto& [worker, series] : model.lanes()) {
        const double v = series.valueCovering(t, model.maxGap());
        if (std::isnan(v) || v < 0) continue;
        const auto state = static_cast<LaneState>(static_cast<int>(v));
        ++counts[static_cast<int>(state)];
        if (each.size() >= 4) continue;
        QString text =
            QStringLiteral("w%1 %2").arg(worker).arg(QString::fromLatin1(laneStateName(state)));
        if (auto cpu = model.workerCpu().find(worker); cpu != model.workerCpu().end())
            if (const double c = cpu->second.valueCovering(t, model.maxGap()); !std::isnan(c))
                text += QStringLiteral(" on cpu%1").arg(static_cast<int>(c));
        each << text;
    }
    if (counts.empty()) return {};
    if (model.lanes().size() <= 4) return tr("lanes: ") % each.join(QStringLiteral(", "));
    QStringList parts;
    for (const auto& [state, n] : counts)
        parts << QStringLiteral("%1 %2").arg(n).arg(
            QString::fromLatin1(laneStateName(static_cast<LaneState>(state))));
    return tr("lanes: ") % parts.join(QStringLiteral(", "));
}

} // namespace corelab::ui
