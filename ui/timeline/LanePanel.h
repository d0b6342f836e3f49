#pragma once

#include <vector>

#include "timeline/TimelinePanel.h"

class QCPColorMap;
class QCPItemText;

namespace corelab::ui {

// One lane per worker thread, coloured by what it mostly did in each interval: running,
// waiting for a CPU (schedstat run-queue wait), sleeping or blocked, exited, crashed, or
// stalled and stopped by CoreLab.
class LanePanel : public TimelinePanel {
    Q_OBJECT
public:
    explicit LanePanel(QCustomPlot* plot, QObject* parent = nullptr);

    double heightWeight(const RunSeries& model) const override;
    void update(const RunSeries& model, const TimeMapping& map) override;
    QString describeAt(const RunSeries& model, double t) const override;

private:
    void addLegendEntries();
    void updateTicks(const RunSeries& model);
    void clearCpuLabels();
    void updateCpuLabels(const RunSeries& model, const TimeMapping& cells);
    void addCpuLabel(double t, int worker, int cpu);

    std::vector<QCPItemText*> cpuLabels_;
    QCPColorMap* map_;
    int tickedLanes_ = -1;
};

} // namespace corelab::ui
