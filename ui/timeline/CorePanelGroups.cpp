// CorePanel's grouped heat map: 128–256 CPUs in rows of groups (see RowGroups.h).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "Qcp.h"

#include "RunSeries.h"
#include "timeline/ColorMapFill.h"
#include "timeline/ColumnColorMap.h"
#include "timeline/CorePanel.h"

namespace corelab::ui {

namespace {

// Fewer CPUs keep a row each, as do CPUs that get this many pixels each.
constexpr int kUngroupedCpus = 32;
constexpr int kMinCpuRowPx = 6;
// The busiest groups are marked, not moved: rows that reorder as the load moves would
// lose their place on the chip, and the busy and idle halves would stop reading as halves.
constexpr std::size_t kMarkedBusiest = 3;

double meanOf(const std::vector<double>& v)
{
    double sum = 0;
    int n = 0;
    for (double x : v)
        if (!std::isnan(x)) sum += x, ++n;
    return n ? sum / n : std::nan("");
}

QString percentText(double v)
{
    return std::isnan(v) ? QStringLiteral("–") : QStringLiteral("%1 %").arg(std::lround(v));
}

} // namespace

bool CorePanel::updateGrouping(const RunSeries& model, const std::map<int, Series>& cores)
{
    const int n = static_cast<int>(cores.size());
    const int height = std::max(1, rect_->height());
    const bool group = mode_ != Mode::Lines && n > kUngroupedCpus && height / n < kMinCpuRowPx;
    if (!group) {
        if (grouping_.grouped()) {
            grouping_.setGroups({});
            rect_->axis(QCPAxis::atLeft)->setRangeReversed(false);
            tickedCores_ = -1;
            groupedFor_ = -1;
        }
        return false;
    }
    const int maxRows = std::max(4, height / kMinGroupRowPx);
    if (groupedFor_ != n * 10000 + maxRows) {
        groupedFor_ = n * 10000 + maxRows;
        std::vector<int> cpus;
        for (const auto& [cpu, series] : cores)
            cpus.push_back(cpu);
        grouping_.setGroups(groupCpus(cpus, model.record().machine.topology, maxRows));
    }
    return true;
}

bool CorePanel::toggleRowAt(const QPoint& pos)
{
    auto* y = rect_->axis(QCPAxis::atLeft);
    if (!grouping_.grouped() || !rect_->visible() || pos.x() >= rect_->left() ||
        pos.y() < rect_->top() || pos.y() > rect_->bottom())
        return false;
    return grouping_.toggle(static_cast<int>(std::lround(y->pixelToCoord(pos.y()))));
}

void CorePanel::updateGroupedMap(const RunSeries& model, const TimeMapping& map)
{
    const auto& cores = heatSeries(model);
    const auto& rows = grouping_.rows();
    const int ny = static_cast<int>(rows.size());
    const TimeMapping cells = prepareCellGrid(map_, map, ny);
    if (!cells.valid()) return;
    const BinMode bin = mode_ == Mode::ByWorker ? BinMode::Mode : BinMode::Mean;
    const auto& groups = grouping_.groups();
    // the whole grid when the mapping, the mode or the rows (a group opened) changed
    std::vector<double> key{cells.t0,
                            cells.t1,
                            static_cast<double>(cells.width),
                            static_cast<double>(ny),
                            static_cast<double>(mode_),
                            static_cast<double>(groupedFor_)};
    for (const GroupRow& r : rows)
        key.insert(key.end(), {static_cast<double>(r.group), static_cast<double>(r.item)});
    const bool whole = gridChanged(std::move(key));
    groupValues_.resize(groups.size());
    std::vector<double> means(groups.size(), std::nan(""));
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto& group = groups[g];
        ColumnSpan span;
        std::vector<const std::vector<double>*> binned;
        for (int cpu : group.items) {
            const auto it = cores.find(cpu);
            if (it == cores.end()) {
                binned.push_back(nullptr);
                continue;
            }
            auto& cache = binned_[cpu];
            const ColumnSpan changed = cache.prepare(it->second, cells, model.maxGap());
            binColumns(it->second, cells, model.maxGap(), bin, changed, cache.columns());
            span.add(changed);
            binned.push_back(&cache.columns());
            hasData_ = hasData_ || !it->second.empty();
        }
        auto& rowValues = groupValues_[g];
        if (whole || rowValues.size() != static_cast<std::size_t>(cells.width)) {
            rowValues.assign(static_cast<std::size_t>(cells.width), std::nan(""));
            span = ColumnSpan::all(cells.width);
        }
        drawGroupColumns(static_cast<int>(g), binned, span, rowValues);
        means[g] = meanOf(rowValues);
    }
    const double workers = std::max(1, model.record().spec.totalWorkers());
    scale_->setDataRange(mode_ == Mode::ByWorker ? QCPRange(0, workers) : QCPRange(0, 100));
    auto* y = rect_->axis(QCPAxis::atLeft);
    y->setRangeReversed(true); // groups read top to bottom, like a list
    y->setRange(-0.5, ny - 0.5);
    updateGroupTicks(mode_ == Mode::ByWorker ? std::vector<double>() : means);
}

// Columns `span` of group g's row (the mean of its CPUs' cells) and, when it is open, of
// its CPUs' rows; `binned` holds each CPU's cells in the group's order (none: no series).
void CorePanel::drawGroupColumns(int g, const std::vector<const std::vector<double>*>& binned,
                                 ColumnSpan span, std::vector<double>& rowValues)
{
    const bool open = grouping_.isOpen(g);
    const int groupRow = grouping_.rowOfGroup(g);
    map_->markColumns(span);
    for (int col = span.first; col <= span.last; ++col) {
        const auto c = static_cast<std::size_t>(col);
        double sum = 0, first = std::nan("");
        int count = 0;
        int row = groupRow;
        for (const auto* values : binned) {
            ++row; // an open group's CPUs follow its row, in its order
            if (!values) continue;
            const double v = (*values)[c];
            if (open) setGridCell(map_, col, row, v);
            if (std::isnan(v)) continue;
            sum += v;
            ++count;
            if (std::isnan(first)) first = v;
        }
        // a worker index has no mean: coloured by worker, a group shows its first CPU's
        rowValues[c] = mode_ == Mode::ByWorker ? first : count ? sum / count : std::nan("");
        setGridCell(map_, col, groupRow, rowValues[c]);
    }
}

// "▸ P0 D1 c16–23  97 %": ▸ closed, ▾ open, ▲ one of the busiest; an open group's CPUs
// under it, labelled as far as the rows leave room.
void CorePanel::updateGroupTicks(const std::vector<double>& means)
{
    std::vector<std::size_t> order(means.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double x = std::isnan(means[a]) ? -1 : means[a];
        const double y = std::isnan(means[b]) ? -1 : means[b];
        return x > y;
    });
    if (order.size() > kMarkedBusiest) order.resize(kMarkedBusiest);
    const auto& rows = grouping_.rows();
    const double rowPx =
        static_cast<double>(rect_->height()) / std::max<std::size_t>(1, rows.size());
    const int every =
        std::max(1, static_cast<int>(std::ceil(kMinGroupRowPx / std::max(1.0, rowPx))));
    auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    int sinceLabel = every;
    for (std::size_t r = 0; r < rows.size(); ++r, ++sinceLabel) {
        const GroupRow& row = rows[r];
        const auto g = static_cast<std::size_t>(row.group);
        if (row.item >= 0) {
            if (sinceLabel >= every) {
                ticker->addTick(static_cast<double>(r), QStringLiteral("cpu%1").arg(row.item));
                sinceLabel = 0;
            }
            continue;
        }
        const bool busiest = means.size() > 2 * kMarkedBusiest &&
                             std::find(order.begin(), order.end(), g) != order.end();
        QString label =
            (grouping_.isOpen(row.group) ? QStringLiteral("▾ ") : QStringLiteral("▸ ")) +
            grouping_.groups()[g].label;
        if (g < means.size()) label += QStringLiteral("  ") + percentText(means[g]);
        if (busiest) label = QStringLiteral("▲ ") + label;
        ticker->addTick(static_cast<double>(r), label);
        sinceLabel = 0;
    }
    auto* y = rect_->axis(QCPAxis::atLeft);
    y->setTicker(ticker);
    y->setLabel(tr("CPU group"));
    y->setSubTicks(false);
    tickedCores_ = -1;
}

// The hovered group: its mean with the lowest and highest CPU; an open group's CPUs one
// by one. Elsewhere, the busiest and idlest groups.
QString CorePanel::describeGroupsAt(const RunSeries& model, double t) const
{
    const auto& cores = heatSeries(model);
    const double gap = model.maxGap();
    auto statsOf = [&](const RowGroup& g, QStringList* each) {
        double sum = 0, lo = INFINITY, hi = -INFINITY;
        int n = 0, loCpu = -1, hiCpu = -1;
        for (int cpu : g.items) {
            const auto it = cores.find(cpu);
            const double v = it == cores.end() ? std::nan("") : it->second.valueCovering(t, gap);
            if (each) each->append(QStringLiteral("cpu%1 %2").arg(cpu).arg(percentText(v)));
            if (std::isnan(v)) continue;
            sum += v, ++n;
            if (v < lo) lo = v, loCpu = cpu;
            if (v > hi) hi = v, hiCpu = cpu;
        }
        if (!n) return tr("%1: –").arg(g.label);
        return tr("%1: mean %2, min %3 (cpu%4), max %5 (cpu%6)")
            .arg(g.label, percentText(sum / n), percentText(lo))
            .arg(loCpu)
            .arg(percentText(hi))
            .arg(hiCpu);
    };
    const auto* y = rect_->axis(QCPAxis::atLeft);
    const int row = static_cast<int>(std::lround(y->pixelToCoord(hoverY_)));
    const bool over = hoverY_ >= rect_->top() && hoverY_ <= rect_->bottom();
    if (mode_ != Mode::ByWorker && over && row >= 0 &&
        row < static_cast<int>(grouping_.rows().size())) {
        const GroupRow& at = grouping_.rows()[static_cast<std::size_t>(row)];
        const RowGroup& g = grouping_.groups()[static_cast<std::size_t>(at.group)];
        QStringList each;
        const QString line = statsOf(g, grouping_.isOpen(at.group) ? &each : nullptr);
        QStringList lines{line};
        for (int i = 0; i < each.size(); i += 4)
            lines << each.mid(i, 4).join(QStringLiteral(", "));
        return lines.join(QLatin1Char('\n'));
    }
    return tr("%1 CPUs in %2 groups: hover a group for its spread, click its label to open it")
        .arg(cores.size())
        .arg(grouping_.groups().size());
}

} // namespace corelab::ui
