#include "timeline/LanePanel.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "Qcp.h"

#include "RunSeries.h"
#include "timeline/ColorMapFill.h"
#include "timeline/ColumnColorMap.h"

namespace corelab::ui {

namespace {

// one level per state, so every cell gets exactly its state's colour
QCPColorGradient laneGradient(const PlotStyle& style)
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setLevelCount(kLaneStateCount);
    for (int i = 0; i < kLaneStateCount; ++i)
        g.setColorStopAt(static_cast<double>(i) / (kLaneStateCount - 1),
                         style.lane(static_cast<LaneState>(i)));
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

// Cells per lane: enough for a share to show to about a tenth when there are few lanes,
// within a bounded number of rows when there are many.
int subRowsFor(int lanes)
{
    return std::clamp(192 / std::max(1, lanes), 2, 12);
}

float total(const LaneShares& shares)
{
    float sum = 0;
    for (float x : shares)
        sum += x;
    return sum;
}

// "62 % holding the interpreter lock, 38 % waiting for the interpreter lock"; a state
// that filled the interval is named alone.
QString inWords(const LaneShares& shares)
{
    const float sum = total(shares);
    std::vector<std::pair<float, LaneState>> parts;
    for (LaneState state : kLaneStackOrder)
        if (const float share = shares[static_cast<std::size_t>(state)] / sum; share >= 0.005f)
            parts.emplace_back(share, state);
    std::stable_sort(parts.begin(), parts.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (parts.size() == 1) return QString::fromLatin1(laneStateName(parts[0].second));
    QStringList words;
    for (const auto& [share, state] : parts)
        words << QStringLiteral("%1 % %2")
                     .arg(std::lround(100 * share))
                     .arg(QString::fromLatin1(laneStateName(state)));
    return words.join(QStringLiteral(", "));
}

} // namespace

// The shares of the intervals inside each column of `span`, summed (not normalised), else
// those of the interval covering the column's centre, else all 0.
void sumLaneColumns(const ShareSeries& shares, const TimeMapping& cells, double maxGap,
                    ColumnSpan span, std::vector<LaneShares>& out)
{
    span.last = std::min(span.last, std::min(cells.width, static_cast<int>(out.size())) - 1);
    if (span.empty() || !cells.valid()) return;
    const double step = cells.secondsPerPixel();
    // one search, then a walk: the columns go forward in time (as binSeries)
    auto lo = std::lower_bound(shares.t.begin(), shares.t.end(), cells.columnStart(span.first));
    for (int col = span.first; col <= span.last; ++col) {
        const double start = cells.columnStart(col);
        while (lo != shares.t.end() && *lo < start)
            ++lo;
        auto hi = lo;
        while (hi != shares.t.end() && *hi < start + step)
            ++hi;
        LaneShares sum{};
        if (lo != hi) {
            for (auto it = lo; it != hi; ++it)
                shares.addTo(static_cast<std::size_t>(it - shares.t.begin()), sum);
        } else if (const auto i = shares.covering(start + step / 2, maxGap); i >= 0) {
            sum = shares.at(static_cast<std::size_t>(i));
        }
        out[static_cast<std::size_t>(col)] = sum;
    }
}

LanePanel::LanePanel(QCustomPlot* plot, QObject* parent)
    : TimelinePanel(plot, tr("Worker lanes — state per thread (schedstat run/wait, /proc stat)"),
                    parent)
    , cpuLabels_(plot, rect_)
    , map_(new ColumnColorMap(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft)))
    , endLabels_(plot, rect_)
{
    setCompactTitle(tr("Worker lanes — schedstat"));
    map_->setGradient(laneGradient(style_));
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
        swatch->setName(QString::fromLatin1(laneStateShortName(state)));
        swatch->setBrush(style_.lane(state));
        swatch->setPen(Qt::NoPen);
        swatch->addToLegend(legend_);
        swatches_.push_back(swatch);
        if (state == LaneState::HoldingLock || state == LaneState::WaitingLock)
            lockSwatches_.push_back(swatch);
    }
    showLockLegend(false);
}

// The lock states only occur in runs with the interpreter lock; elsewhere their
// legend entries would only crowd the others.
void LanePanel::showLockLegend(bool show)
{
    if (show == lockLegend_) return;
    lockLegend_ = show;
    for (QCPBars* swatch : lockSwatches_) {
        if (show)
            swatch->addToLegend(legend_);
        else
            swatch->removeFromLegend(legend_);
    }
}

double LanePanel::heightWeight(const RunSeries& model) const
{
    const auto n = static_cast<double>(model.record().spec.totalWorkers());
    return std::clamp(1.0 + n / 4.0, 1.5, 3.5);
}

void LanePanel::applyStyle(const PlotStyle& style)
{
    TimelinePanel::applyStyle(style);
    map_->setGradient(laneGradient(style));
    for (std::size_t i = 0; i < swatches_.size(); ++i)
        swatches_[i]->setBrush(style.lane(static_cast<LaneState>(i)));
    for (QCPItemText* label : cpuLabels_.all())
        styleCpuLabel(label);
}

void LanePanel::update(const RunSeries& model, const TimeMapping& map)
{
    if (updateGrouping(model)) return updateGrouped(model, map);
    updateTicks(model);
    showLockLegend(model.record().spec.interpreterLock);
    const auto& lanes = model.laneShares();
    const int ny = lanes.empty() ? 0 : lanes.rbegin()->first + 1;
    const int subRows = subRowsFor(ny);
    const TimeMapping cells = prepareCellGrid(map_, map, ny, subRows);
    if (!cells.valid()) {
        cpuLabels_.hideAll();
        return;
    }
    // kept columns are drawn again only where new samples changed them, unless the grid
    // itself changed
    const bool whole = gridChanged({cells.t0, cells.t1, static_cast<double>(cells.width),
                                    static_cast<double>(ny), static_cast<double>(subRows), -1});
    if (whole) {
        map_->data()->fill(std::nan(""));
        map_->markColumns(ColumnSpan::all(cells.width));
    }
    for (const auto& [worker, shares] : lanes) {
        auto& cache = summed_[worker];
        const ColumnSpan span = cache.prepare(shares, cells, model.maxGap());
        sumLaneColumns(shares, cells, model.maxGap(), span, cache.columns());
        fillLane(cache.columns(), worker, whole ? ColumnSpan::all(cells.width) : span, subRows);
        hasData_ = hasData_ || !shares.empty();
    }
    rect_->axis(QCPAxis::atLeft)->setRange(-0.5, ny - 0.5);
    updateCpuLabels(model, cells);
}

void LanePanel::forgetReductions()
{
    TimelinePanel::forgetReductions();
    summed_.clear();
}

// Each cell column of the lane is a stack of its states, in kLaneStackOrder from the
// top, each as many sub-rows as its share of the intervals in the column (their mean
// when several fall in it). Nothing known is drawn as nothing.
void LanePanel::fillLane(const std::vector<LaneShares>& columns, int lane, ColumnSpan span,
                         int subRows)
{
    map_->markColumns(span);
    for (int col = span.first; col <= span.last; ++col) {
        clearGridColumn(map_, col, lane, subRows);
        const LaneShares& sum = columns[static_cast<std::size_t>(col)];
        const float all = total(sum);
        if (all <= 0) continue;
        float cumulative = 0;
        int row = 0;
        for (LaneState state : kLaneStackOrder) {
            cumulative += sum[static_cast<std::size_t>(state)] / all;
            const int end = std::min(subRows, static_cast<int>(std::lround(cumulative * subRows)));
            for (; row < end; ++row)
                setGridSubCell(map_, col, lane, row, subRows, static_cast<double>(state));
        }
    }
}

// Names the core inside each stretch of a lane where the worker ran on one CPU,
// where the stretch is wide enough to hold the label.
void LanePanel::updateCpuLabels(const RunSeries& model, const TimeMapping& cells)
{
    if (model.laneShares().size() > 16) { // lanes too thin to read
        cpuLabels_.hideAll();
        return;
    }
    cpuLabels_.begin();
    const double pxPerCell = static_cast<double>(std::max(1, rect_->width())) / cells.width;
    const int minCells = static_cast<int>(std::ceil(44 / pxPerCell));
    for (const auto& [worker, series] : model.workerCpu()) {
        const auto cpus = binSeries(series, cells, model.maxGap(), BinMode::Mode);
        for (int col = 0; col < cells.width;) {
            int end = col + 1;
            while (end < cells.width && cpus[end] == cpus[col])
                ++end;
            if (cpus[col] >= 0 && end - col >= minCells && cpuLabels_.shown() < 64)
                addCpuLabel(cells.t0 + (col + end) / 2.0 * cells.secondsPerPixel(), worker,
                            static_cast<int>(cpus[col]));
            col = end;
        }
    }
    cpuLabels_.end();
}

void LanePanel::addCpuLabel(double t, int worker, int cpu)
{
    bool made = false;
    auto* label = cpuLabels_.take(&made);
    if (made) styleCpuLabel(label);
    label->position->setCoords(t, worker);
    label->setText(QStringLiteral("cpu%1").arg(cpu));
}

// A tag of its own colours: a lane under it may be any state, or two (holding and
// waiting for the lock meet at the lane's middle), and no one text colour reads on all.
void LanePanel::styleCpuLabel(QCPItemText* label) const
{
    label->setFont(style_.smallFont);
    label->setColor(style_.theme.tagText);
    label->setBrush(QBrush(style_.theme.tagBackground));
    label->setPen(Qt::NoPen);
    label->setPadding(QMargins(3, 0, 3, 0));
}

void LanePanel::updateTicks(const RunSeries& model)
{
    const int n = model.laneShares().empty() ? 0 : model.laneShares().rbegin()->first + 1;
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
    if (grouping_.grouped())
        if (QString group = describeGroupAt(model, t); !group.isEmpty()) return group;
    LaneShares mean{};
    int described = 0;
    QStringList each;
    for (const auto& [worker, shares] : model.laneShares()) {
        const auto i = shares.covering(t, model.maxGap());
        if (i < 0) continue;
        const LaneShares& at = shares.at(static_cast<std::size_t>(i));
        const float all = total(at);
        if (all <= 0) continue;
        for (std::size_t k = 0; k < mean.size(); ++k)
            mean[k] += at[k] / all;
        ++described;
        if (each.size() >= 4) continue;
        QString text = QStringLiteral("w%1 %2").arg(worker).arg(inWords(at));
        if (const int cpu = shares.cpuAt(static_cast<std::size_t>(i)); cpu >= 0)
            text += QStringLiteral(" (on cpu%1)").arg(cpu);
        each << text;
    }
    if (described == 0) return {};
    if (model.laneShares().size() <= 4) return tr("lanes: ") % each.join(QStringLiteral("; "));
    return tr("lanes, %1 workers together: ").arg(described) % inWords(mean);
}

} // namespace corelab::ui
