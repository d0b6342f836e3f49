#include "timeline/LinePanels.h"

#include <algorithm>
#include <cmath>

#include "Qcp.h"

#include "RunSeries.h"

namespace corelab::ui {

namespace {

double maxOf(const Series& s, double floor)
{
    return std::max(s.maxValue(), floor);
}

// Headroom above the highest point, so lines never run along the frame, up to the next
// step of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k: a live run's axis changes only when its
// highest point crosses a step, not with every sample, and a sample then repaints the
// lines alone, not the axes and everything else of the plot (issue 14).
void fitValueAxis(QCPAxis* axis, double maxValue)
{
    const double want = maxValue * 1.15;
    if (!(want > 0) || !std::isfinite(want)) return axis->setRange(0, want);
    const double decade = std::pow(10.0, std::floor(std::log10(want)));
    double upper = 10 * decade;
    for (double step : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0})
        if (step * decade >= want * (1 - 1e-12)) {
            upper = step * decade;
            break;
        }
    axis->setRange(0, upper);
}

} // namespace

ThroughputPanel::ThroughputPanel(QCustomPlot* plot, QObject* parent)
    : TimelinePanel(plot, tr("Throughput — Δops/Δt, control block counters"), parent)
    , total_(addGraph(tr("total")))
{
    setCompactTitle(tr("Throughput — control block"));
    rect_->axis(QCPAxis::atLeft)->setLabel(tr("ops/s"));
}

void ThroughputPanel::setPerWorker(bool on)
{
    perWorker_ = on;
    for (auto& [w, g] : workers_)
        g->setVisible(on);
}

void ThroughputPanel::update(const RunSeries& model, const TimeMapping& map)
{
    const double top = std::max(maxOf(model.opsPerS(), 1), floor_.opsPerS);
    const SiScale scale = siScale(top);
    divisor_ = scale.divisor;
    rect_->axis(QCPAxis::atLeft)->setLabel(scale.prefix % tr("ops/s"));
    setReducedData(total_, model.opsPerS(), map, divisor_);
    if (perWorker_) updateWorkers(model, map);
    fitValueAxis(rect_->axis(QCPAxis::atLeft), top / divisor_);
}

void ThroughputPanel::updateWorkers(const RunSeries& model, const TimeMapping& map)
{
    // an earlier run's workers must not linger in the legend
    std::erase_if(workers_, [&](const auto& w) {
        if (model.workerOpsPerS().count(w.first)) return false;
        removeGraph(w.second);
        return true;
    });
    for (const auto& [worker, series] : model.workerOpsPerS()) {
        if (workers_.size() >= 16) break; // more lines than that is a blur, not a chart
        auto& graph = workers_[worker];
        if (!graph) {
            graph = addGraph(QStringLiteral("w%1").arg(worker));
            styleGraph(graph, style_.series(worker + 1));
        }
        setReducedData(graph, series, map, divisor_);
    }
}

QString ThroughputPanel::describeAt(const RunSeries& model, double t) const
{
    const double v = model.opsPerS().valueCovering(t, model.maxGap());
    if (std::isnan(v)) return {};
    return tr("throughput: %1").arg(formatSi(v, tr("ops/s")));
}

void ThroughputPanel::applyStyle(const PlotStyle& style)
{
    TimelinePanel::applyStyle(style);
    styleGraph(total_, style.series(0));
    for (auto& [w, g] : workers_)
        styleGraph(g, style.series(w + 1));
}

MemoryPanel::MemoryPanel(QCustomPlot* plot, QObject* parent)
    : TimelinePanel(plot, tr("Memory of the worker tree — smaps_rollup"), parent)
    , rss_(addGraph(tr("RSS")))
    , pss_(addGraph(tr("PSS")))
    , uss_(addGraph(tr("USS")))
{
    setCompactTitle(tr("Memory — smaps_rollup"));
    rect_->axis(QCPAxis::atLeft)->setLabel(tr("MiB"));
    for (auto* g : {rss_, pss_, uss_})
        g->setLineStyle(QCPGraph::lsStepRight);
}

void MemoryPanel::update(const RunSeries& model, const TimeMapping& map)
{
    setReducedData(rss_, model.rssMiB(), map);
    setReducedData(pss_, model.pssMiB(), map);
    setReducedData(uss_, model.ussMiB(), map);
    fitValueAxis(rect_->axis(QCPAxis::atLeft),
                 std::max(maxOf(model.rssMiB(), 1), floor_.memoryMiB));
}

QString MemoryPanel::describeAt(const RunSeries& model, double t) const
{
    const double gap = 2.5; // smaps_rollup is read at 2 Hz
    const double rss = model.rssMiB().valueCovering(t, gap);
    if (std::isnan(rss)) return {};
    return tr("memory: RSS %1, PSS %2, USS %3")
        .arg(formatFixed(rss, 2, tr("MiB")),
             formatFixed(model.pssMiB().valueCovering(t, gap), 2, tr("MiB")),
             formatFixed(model.ussMiB().valueCovering(t, gap), 2, tr("MiB")));
}

void MemoryPanel::applyStyle(const PlotStyle& style)
{
    TimelinePanel::applyStyle(style);
    styleGraph(rss_, style.series(0));
    styleGraph(pss_, style.series(1));
    styleGraph(uss_, style.series(2));
}

SchedulingPanel::SchedulingPanel(QCustomPlot* plot, QObject* parent)
    : TimelinePanel(plot, tr("Scheduling — context switches (status), run-queue wait (schedstat)"),
                    parent)
    , voluntary_(addGraph(tr("voluntary switches")))
    , involuntary_(addGraph(tr("involuntary switches")))
    , wait_(new QCPGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atRight)))
{
    setCompactTitle(tr("Scheduling — status, schedstat"));
    wait_->setName(tr("run-queue wait (right)"));
    wait_->addToLegend(legend_);
    rect_->axis(QCPAxis::atLeft)->setLabel(tr("switches/s"));
    rect_->axis(QCPAxis::atRight)->setVisible(true);
    rect_->axis(QCPAxis::atRight)->setLabel(tr("wait ms/s"));
}

void SchedulingPanel::update(const RunSeries& model, const TimeMapping& map)
{
    setReducedData(voluntary_, model.ctxVoluntaryPerS(), map);
    setReducedData(involuntary_, model.ctxInvoluntaryPerS(), map);
    setReducedData(wait_, model.runqueueWaitMsPerS(), map);
    const double sw =
        std::max(maxOf(model.ctxVoluntaryPerS(), 10), maxOf(model.ctxInvoluntaryPerS(), 10));
    fitValueAxis(rect_->axis(QCPAxis::atLeft), std::max(sw, floor_.switchesPerS));
    fitValueAxis(rect_->axis(QCPAxis::atRight),
                 std::max(maxOf(model.runqueueWaitMsPerS(), 10), floor_.waitMsPerS));
}

QString SchedulingPanel::describeAt(const RunSeries& model, double t) const
{
    const double vol = model.ctxVoluntaryPerS().valueCovering(t, 2 * model.maxGap());
    const double invol = model.ctxInvoluntaryPerS().valueCovering(t, 2 * model.maxGap());
    const double wait = model.runqueueWaitMsPerS().valueCovering(t, model.maxGap());
    if (std::isnan(vol) && std::isnan(wait)) return {};
    return tr("switches: %1 voluntary, %2 involuntary; run-queue wait %3 (Σ workers)")
        .arg(formatFixed(vol, 0, tr("/s")), formatFixed(invol, 0, tr("/s")),
             formatFixed(wait, 0, tr("ms/s")));
}

void SchedulingPanel::applyStyle(const PlotStyle& style)
{
    TimelinePanel::applyStyle(style);
    styleGraph(voluntary_, style.series(0));
    styleGraph(involuntary_, style.series(1));
    styleGraph(wait_, style.series(4));
    wait_->setPen(QPen(style.series(4), style_.lineWidth, Qt::DashLine));
}

} // namespace corelab::ui
