#pragma once

#include <map>

#include "timeline/ColumnCache.h"
#include "timeline/RowGroups.h"
#include "timeline/TimelinePanel.h"

class QCPColorScale;

namespace corelab::ui {

class ColumnColorMap;

// Per-core busy share. The main view is a heat map (cores × time, readable from 2 to 256
// cores) of the workers' own share, from their schedstat run time on the CPU each was
// last seen on; the second is the same map for every program on the machine
// (/proc/stat). Or one line per core of the workers' share for 16 cores or fewer, or
// each core coloured by the worker that was running on it.
class CorePanel : public TimelinePanel {
    Q_OBJECT
public:
    // in the order of the view's mode choice; the machine's map came last, so the older
    // choices keep their places
    enum class Mode { Workers, Lines, ByWorker, AllPrograms };
    explicit CorePanel(QCustomPlot* plot, QObject* parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return mode_; }
    QCPLayoutElement* sideElement() const override;
    double heightWeight(const RunSeries& model) const override;
    void update(const RunSeries& model, const TimeMapping& map) override;
    QString describeAt(const RunSeries& model, double t) const override;
    void applyStyle(const PlotStyle& style) override;
    void forgetReductions() override;
    // Past 32 CPUs, when a row each would get under 6 px, CPUs are drawn in groups
    // (RowGroups): each row the group's mean, its label the mean over the view.
    const RowGrouping& grouping() const { return grouping_; }
    // A click on a group's row label (widget pixels) opens or closes the group.
    bool toggleRowAt(const QPoint& pos);
    // The hovered pixel row, so the tooltip can name the group under the cursor.
    void setHoverY(int y) { hoverY_ = y; }

private:
    void updateMap(const RunSeries& model, const TimeMapping& map);
    void updateLines(const RunSeries& model, const TimeMapping& map);
    void updateGradient();
    void scaleToWorkers(int workers);
    void updateCoreTicks(const std::map<int, struct Series>& cores);
    const std::map<int, struct Series>& heatSeries(const RunSeries& model) const;
    bool updateGrouping(const RunSeries& model, const std::map<int, struct Series>& cores);
    void updateGroupedMap(const RunSeries& model, const TimeMapping& map);
    void drawGroupColumns(int g, const std::vector<const std::vector<double>*>& binned,
                          ColumnSpan span, std::vector<double>& rowValues);
    void updateGroupTicks(const std::vector<double>& means);
    QString describeGroupsAt(const RunSeries& model, double t) const;

    Mode mode_ = Mode::Workers;
    ColumnColorMap* map_;
    QCPColorScale* scale_;
    std::map<int, QCPGraph*> lines_;
    int tickedCores_ = -1;
    RowGrouping grouping_;
    int groupedFor_ = -1; // CPUs × 10000 + row budget the groups were made for
    int hoverY_ = -1;
    int scaledWorkers_ = -1;                       // the worker scale's, in "coloured by worker"
    std::map<int, ColumnCache<double>> binned_;    // per CPU, its heat-map cells
    std::vector<std::vector<double>> groupValues_; // per group, its row's cells
};

} // namespace corelab::ui
