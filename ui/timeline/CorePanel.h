#pragma once

#include <map>

#include "timeline/TimelinePanel.h"

class QCPColorMap;
class QCPColorScale;

namespace corelab::ui {

// Per-core busy share from /proc/stat: a heat map (cores × time) that stays readable from
// 2 to 256 cores, one line per core for 16 or fewer, or each core coloured by the worker
// that was running on it.
class CorePanel : public TimelinePanel {
    Q_OBJECT
public:
    enum class Mode { Heat, Lines, ByWorker };
    explicit CorePanel(QCustomPlot* plot, QObject* parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return mode_; }
    QCPLayoutElement* sideElement() const override;
    double heightWeight(const RunSeries& model) const override;
    void update(const RunSeries& model, const TimeMapping& map) override;
    QString describeAt(const RunSeries& model, double t) const override;
    void applyStyle(const PlotStyle& style) override;

private:
    void updateMap(const RunSeries& model, const TimeMapping& map);
    void updateLines(const RunSeries& model, const TimeMapping& map);
    void updateCoreTicks(const std::map<int, struct Series>& cores);

    Mode mode_ = Mode::Heat;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    std::map<int, QCPGraph*> lines_;
    int tickedCores_ = -1;
};

} // namespace corelab::ui
