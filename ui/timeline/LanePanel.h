#pragma once

#include <map>
#include <vector>

#include "timeline/ColumnCache.h"
#include "timeline/LabelPool.h"
#include "timeline/LaneState.h"
#include "timeline/RowGroups.h"
#include "timeline/TimelinePanel.h"

class QCPBars;
class QCPItemText;

namespace corelab::ui {

class ColumnColorMap;

struct ShareSeries;

// Per cell column of `span`, the lane's shares summed over the intervals inside it (not
// normalised), else the shares of the interval covering its centre, else all 0.
void sumLaneColumns(const ShareSeries& shares, const TimeMapping& cells, double maxGap,
                    ColumnSpan span, std::vector<LaneShares>& out);

// One lane per worker thread. Each interval of a lane is a stacked bar of what the
// worker did in it, state by state (RunSeries::laneShares): running, waiting for a CPU
// (schedstat run-queue wait), sleeping or blocked, holding or waiting for the
// interpreter lock (runs with the lock), exited, crashed, or stalled and stopped by
// CoreLab. Two threads taking turns faster than the sampling look like taking turns.
class LanePanel : public TimelinePanel {
    Q_OBJECT
public:
    explicit LanePanel(QCustomPlot* plot, QObject* parent = nullptr);

    double heightWeight(const RunSeries& model) const override;
    void update(const RunSeries& model, const TimeMapping& map) override;
    QString describeAt(const RunSeries& model, double t) const override;
    // Past 64 workers, when a lane each would get under 4 px, lanes are grouped by
    // process (RowGroups): each group row stacks its threads' states; a group with a
    // crashed or stopped worker is marked and names it.
    const RowGrouping& grouping() const { return grouping_; }
    // A click on a group's row label (widget pixels) opens or closes the group.
    bool toggleRowAt(const QPoint& pos);
    void setHoverY(int y) { hoverY_ = y; }
    void applyStyle(const PlotStyle& style) override;
    void forgetReductions() override;

private:
    void addLegendEntries();
    void showLockLegend(bool show);
    void fillLane(const std::vector<LaneShares>& columns, int lane, ColumnSpan span, int subRows);
    void drawGroupColumns(int g, const std::vector<const std::vector<LaneShares>*>& summed,
                          ColumnSpan span, int subRows);
    void updateTicks(const RunSeries& model);
    void updateCpuLabels(const RunSeries& model, const TimeMapping& cells);
    void addCpuLabel(double t, int worker, int cpu);
    bool updateGrouping(const RunSeries& model);
    void updateGrouped(const RunSeries& model, const TimeMapping& map);
    void updateGroupTicks(const RunSeries& model);
    void markEndedWorkers(const RunSeries& model);
    QString describeGroupAt(const RunSeries& model, double t) const;
    void styleCpuLabel(QCPItemText* label) const;

    LabelPool cpuLabels_;
    ColumnColorMap* map_;
    std::vector<QCPBars*> swatches_; // by LaneState value
    std::vector<QCPBars*> lockSwatches_;
    bool lockLegend_ = true;
    int tickedLanes_ = -1;
    RowGrouping grouping_;
    int groupedFor_ = -1; // workers × 10000 + row budget the groups were made for
    int hoverY_ = -1;
    LabelPool endLabels_;                           // "✕ w19" where a grouped worker crashed
    std::map<int, ColumnCache<LaneShares>> summed_; // per worker, its cells' shares
};

} // namespace corelab::ui
