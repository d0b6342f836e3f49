#pragma once

#include <vector>

#include "timeline/TimelinePanel.h"

class QCPBars;
class QCPColorMap;
class QCPItemText;

namespace corelab::ui {

struct ShareSeries;

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
    void applyStyle(const PlotStyle& style) override;

private:
    void addLegendEntries();
    void showLockLegend(bool show);
    void fillLane(const ShareSeries& shares, int lane, const TimeMapping& cells, int subRows,
                  double maxGap);
    void updateTicks(const RunSeries& model);
    void clearCpuLabels();
    void updateCpuLabels(const RunSeries& model, const TimeMapping& cells);
    void addCpuLabel(double t, int worker, int cpu);
    void styleCpuLabel(QCPItemText* label) const;

    std::vector<QCPItemText*> cpuLabels_;
    QCPColorMap* map_;
    std::vector<QCPBars*> swatches_; // by LaneState value
    std::vector<QCPBars*> lockSwatches_;
    bool lockLegend_ = true;
    int tickedLanes_ = -1;
};

} // namespace corelab::ui
