// LanePanel's grouped lanes: 512 workers in rows of processes (see RowGroups.h).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "Qcp.h"

#include "RunSeries.h"
#include "timeline/ColorMapFill.h"
#include "timeline/ColumnColorMap.h"
#include "timeline/LanePanel.h"

namespace corelab::ui {

namespace {

constexpr int kUngroupedLanes = 64;
constexpr int kMinLanePx = 4;

// A column's shares as fractions of their sum (all 0 when nothing is known).
LaneShares normalised(LaneShares sum)
{
    float all = 0;
    for (float x : sum)
        all += x;
    if (all > 0)
        for (float& x : sum)
            x /= all;
    return sum;
}

// The stack of one cell column, as LanePanel::fillLane draws it, except that a crashed
// or stopped share keeps at least the bottom sub-row: one thread of 64 must still show.
void drawStack(QCPColorMap* map, int col, int row, int subRows, const LaneShares& shares)
{
    float all = 0;
    for (float x : shares)
        all += x;
    if (all <= 0) return;
    float cumulative = 0;
    int sub = 0;
    for (LaneState state : kLaneStackOrder) {
        cumulative += shares[static_cast<std::size_t>(state)] / all;
        const int end = std::min(subRows, static_cast<int>(std::lround(cumulative * subRows)));
        for (; sub < end; ++sub)
            setGridSubCell(map, col, row, sub, subRows, static_cast<double>(state));
    }
    for (LaneState ended : {LaneState::Stopped, LaneState::Crashed})
        if (shares[static_cast<std::size_t>(ended)] > 0)
            setGridSubCell(map, col, row, subRows - 1, subRows, static_cast<double>(ended));
}

// Workers that crashed or were stopped by CoreLab, with the time it happened.
std::map<int, std::pair<double, LaneState>> endedWorkers(const RunRecord& record)
{
    std::map<int, std::pair<double, LaneState>> out;
    for (const Event& e : record.events) {
        if (e.worker < 0) continue;
        if (e.kind == EventKind::WorkerCrashed) out[e.worker] = {e.t, LaneState::Crashed};
        if (e.kind == EventKind::Stalled && !out.count(e.worker))
            out[e.worker] = {e.t, LaneState::Stopped};
    }
    return out;
}

QString sharesInWords(const LaneShares& shares)
{
    std::vector<std::pair<float, LaneState>> parts;
    for (LaneState state : kLaneStackOrder)
        if (const float s = shares[static_cast<std::size_t>(state)]; s >= 0.005f)
            parts.emplace_back(s, state);
    std::stable_sort(parts.begin(), parts.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    QStringList words;
    for (const auto& [share, state] : parts)
        words << QStringLiteral("%1 % %2")
                     .arg(std::lround(100 * share))
                     .arg(QString::fromLatin1(laneStateName(state)));
    return words.join(QStringLiteral(", "));
}

} // namespace

bool LanePanel::updateGrouping(const RunSeries& model)
{
    const int n = model.record().spec.totalWorkers();
    const int height = std::max(1, rect_->height());
    if (n <= kUngroupedLanes || height / std::max(1, n) >= kMinLanePx) {
        if (grouping_.grouped()) {
            grouping_.setGroups({});
            tickedLanes_ = -1;
            groupedFor_ = -1;
            endLabels_.hideAll();
        }
        return false;
    }
    const int maxRows = std::max(4, height / kMinGroupRowPx);
    if (groupedFor_ != n * 10000 + maxRows) {
        groupedFor_ = n * 10000 + maxRows;
        grouping_.setGroups(groupWorkers(n, model.record().spec.threadsPerProcess, maxRows));
    }
    return true;
}

bool LanePanel::toggleRowAt(const QPoint& pos)
{
    if (!grouping_.grouped() || !rect_->visible() || pos.x() >= rect_->left() ||
        pos.y() < rect_->top() || pos.y() > rect_->bottom())
        return false;
    const double row = rect_->axis(QCPAxis::atLeft)->pixelToCoord(pos.y());
    return grouping_.toggle(static_cast<int>(std::lround(row)));
}

void LanePanel::updateGrouped(const RunSeries& model, const TimeMapping& map)
{
    cpuLabels_.hideAll();
    showLockLegend(model.record().spec.interpreterLock);
    const auto& rows = grouping_.rows();
    const int ny = static_cast<int>(rows.size());
    const int subRows = 12;
    const TimeMapping cells = prepareCellGrid(map_, map, ny, subRows);
    if (!cells.valid()) return;
    // the whole grid when the mapping or the rows (a group opened) changed
    std::vector<double> key{cells.t0,
                            cells.t1,
                            static_cast<double>(cells.width),
                            static_cast<double>(ny),
                            static_cast<double>(subRows),
                            static_cast<double>(groupedFor_)};
    for (const GroupRow& r : rows)
        key.insert(key.end(), {static_cast<double>(r.group), static_cast<double>(r.item)});
    const bool whole = gridChanged(std::move(key));
    if (whole) {
        map_->data()->fill(std::nan(""));
        map_->markColumns(ColumnSpan::all(cells.width));
    }
    const auto& lanes = model.laneShares();
    for (std::size_t g = 0; g < grouping_.groups().size(); ++g) {
        ColumnSpan span;
        std::vector<const std::vector<LaneShares>*> summed;
        for (int worker : grouping_.groups()[g].items) {
            const auto it = lanes.find(worker);
            if (it == lanes.end()) {
                summed.push_back(nullptr);
                continue;
            }
            hasData_ = hasData_ || !it->second.empty();
            auto& cache = summed_[worker];
            const ColumnSpan changed = cache.prepare(it->second, cells, model.maxGap());
            sumLaneColumns(it->second, cells, model.maxGap(), changed, cache.columns());
            span.add(changed);
            summed.push_back(&cache.columns());
        }
        drawGroupColumns(static_cast<int>(g), summed, whole ? ColumnSpan::all(cells.width) : span,
                         subRows);
    }
    rect_->axis(QCPAxis::atLeft)->setRange(-0.5, ny - 0.5);
    updateGroupTicks(model);
    markEndedWorkers(model);
}

// Columns `span` of group g's row (its threads' shares stacked together) and, when it is
// open, of its threads' rows; `summed` holds each thread's cells in the group's order.
void LanePanel::drawGroupColumns(int g, const std::vector<const std::vector<LaneShares>*>& summed,
                                 ColumnSpan span, int subRows)
{
    const int groupRow = grouping_.rowOfGroup(g);
    const bool open = grouping_.isOpen(g);
    map_->markColumns(span);
    for (int col = span.first; col <= span.last; ++col) {
        const auto c = static_cast<std::size_t>(col);
        LaneShares sum{};
        int row = groupRow;
        for (const auto* columns : summed) {
            ++row;
            if (!columns) continue;
            const LaneShares shares = normalised((*columns)[c]);
            if (open) {
                clearGridColumn(map_, col, row, subRows);
                drawStack(map_, col, row, subRows, shares);
            }
            for (std::size_t k = 0; k < shares.size(); ++k)
                sum[k] += shares[k];
        }
        clearGridColumn(map_, col, groupRow, subRows);
        drawStack(map_, col, groupRow, subRows, sum);
    }
}

// "▸ p2 · w16–23", and "✕ p2 · w16–23: w19 crashed" for a group one of whose workers
// crashed or was stopped, so it can be found among 64 rows; ▾ when open.
void LanePanel::updateGroupTicks(const RunSeries& model)
{
    const auto ended = endedWorkers(model.record());
    const auto& rows = grouping_.rows();
    const double rowPx =
        static_cast<double>(rect_->height()) / std::max<std::size_t>(1, rows.size());
    const int every =
        std::max(1, static_cast<int>(std::ceil(kMinGroupRowPx / std::max(1.0, rowPx))));
    auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    int sinceLabel = every;
    for (std::size_t r = 0; r < rows.size(); ++r, ++sinceLabel) {
        const GroupRow& row = rows[r];
        if (row.item >= 0) {
            const bool gone = ended.count(row.item) > 0;
            if (sinceLabel >= every || gone) {
                ticker->addTick(
                    static_cast<double>(r),
                    (gone ? QStringLiteral("✕ w%1") : QStringLiteral("w%1")).arg(row.item));
                sinceLabel = 0;
            }
            continue;
        }
        const RowGroup& g = grouping_.groups()[static_cast<std::size_t>(row.group)];
        QStringList gone;
        for (int w : g.items)
            if (const auto it = ended.find(w); it != ended.end())
                gone << QStringLiteral("w%1 %2").arg(w).arg(
                    QString::fromLatin1(laneStateName(it->second.second)));
        QString label =
            (grouping_.isOpen(row.group) ? QStringLiteral("▾ ") : QStringLiteral("▸ ")) + g.label;
        if (!gone.isEmpty())
            label = QStringLiteral("✕ ") + label + QStringLiteral(": ") +
                    gone.join(QStringLiteral(", "));
        ticker->addTick(static_cast<double>(r), label);
        sinceLabel = 0;
    }
    auto* y = rect_->axis(QCPAxis::atLeft);
    y->setTicker(ticker);
    y->setLabel(model.record().spec.threadsPerProcess > 1 ? tr("process") : tr("workers"));
    y->setSubTicks(false);
    tickedLanes_ = -1;
}

// A "✕ w19" inside the group's row where the worker crashed: the event marker above
// says when, this says where.
void LanePanel::markEndedWorkers(const RunSeries& model)
{
    endLabels_.begin();
    for (const auto& [worker, at] : endedWorkers(model.record())) {
        int row = -1;
        for (std::size_t r = 0; r < grouping_.rows().size() && row < 0; ++r) {
            const GroupRow& gr = grouping_.rows()[r];
            const auto& items = grouping_.groups()[static_cast<std::size_t>(gr.group)].items;
            if (gr.item == worker || (gr.item < 0 && !grouping_.isOpen(gr.group) &&
                                      std::count(items.begin(), items.end(), worker)))
                row = static_cast<int>(r);
        }
        if (row < 0 || endLabels_.shown() >= 16) continue;
        bool made = false;
        auto* label = endLabels_.take(&made);
        if (made) label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->position->setCoords(at.first, row);
        label->setText(QStringLiteral(" ✕ w%1 %2")
                           .arg(worker)
                           .arg(QString::fromLatin1(laneStateName(at.second))));
        label->setColor(style_.foreground);
        label->setBrush(style_.background);
        label->setFont(style_.font);
    }
    endLabels_.end();
}

// The hovered group's threads together, and which of them ended.
QString LanePanel::describeGroupAt(const RunSeries& model, double t) const
{
    if (hoverY_ < rect_->top() || hoverY_ > rect_->bottom()) return {};
    const int row =
        static_cast<int>(std::lround(rect_->axis(QCPAxis::atLeft)->pixelToCoord(hoverY_)));
    if (row < 0 || row >= static_cast<int>(grouping_.rows().size())) return {};
    const GroupRow& at = grouping_.rows()[static_cast<std::size_t>(row)];
    const RowGroup& g = grouping_.groups()[static_cast<std::size_t>(at.group)];
    LaneShares mean{};
    int n = 0;
    for (int w : g.items) {
        if (at.item >= 0 && w != at.item) continue;
        const auto it = model.laneShares().find(w);
        if (it == model.laneShares().end()) continue;
        const auto i = it->second.covering(t, model.maxGap());
        if (i < 0) continue;
        const LaneShares& s = it->second.at(static_cast<std::size_t>(i));
        float all = 0;
        for (float x : s)
            all += x;
        if (all <= 0) continue;
        for (std::size_t k = 0; k < mean.size(); ++k)
            mean[k] += s[k] / all;
        ++n;
    }
    const QString who = at.item >= 0 ? QStringLiteral("w%1").arg(at.item) : g.label;
    if (n == 0) return tr("lanes, %1: no data").arg(who);
    for (float& x : mean)
        x /= static_cast<float>(n);
    QString text = tr("lanes, %1 (%2 threads): %3").arg(who).arg(n).arg(sharesInWords(mean));
    QStringList gone;
    for (const auto& [worker, ended] : endedWorkers(model.record()))
        if (std::count(g.items.begin(), g.items.end(), worker))
            gone << tr("w%1 %2 at %3 s")
                        .arg(worker)
                        .arg(QString::fromLatin1(laneStateName(ended.second)))
                        .arg(ended.first, 0, 'f', 1);
    if (!gone.isEmpty()) text += QStringLiteral("\n") + gone.join(QStringLiteral(", "));
    return text;
}

} // namespace corelab::ui
