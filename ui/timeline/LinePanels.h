#pragma once

#include <map>

#include "timeline/TimelinePanel.h"

namespace corelab::ui {

// Total throughput (Δops / Δt from the control block counters), optionally per worker.
class ThroughputPanel : public TimelinePanel {
    Q_OBJECT
public:
    explicit ThroughputPanel(QCustomPlot* plot, QObject* parent = nullptr);
    void setPerWorker(bool on);
    void update(const RunSeries& model, const TimeMapping& map) override;
    QString describeAt(const RunSeries& model, double t) const override;
    void applyStyle(const PlotStyle& style) override;

private:
    void updateWorkers(const RunSeries& model, const TimeMapping& map);
    QCPGraph* total_;
    std::map<int, QCPGraph*> workers_;
    bool perWorker_ = false;
    double divisor_ = 1.0; // ops/s → k/M/G ops/s on the axis
};

// RSS, PSS and USS of the worker tree, from smaps_rollup.
class MemoryPanel : public TimelinePanel {
    Q_OBJECT
public:
    explicit MemoryPanel(QCustomPlot* plot, QObject* parent = nullptr);
    double heightWeight(const RunSeries&) const override { return 1.5; }
    void update(const RunSeries& model, const TimeMapping& map) override;
    QString describeAt(const RunSeries& model, double t) const override;
    void applyStyle(const PlotStyle& style) override;

private:
    QCPGraph* rss_;
    QCPGraph* pss_;
    QCPGraph* uss_;
};

// Context switches per second (status) and run-queue wait (schedstat) on a second axis.
class SchedulingPanel : public TimelinePanel {
    Q_OBJECT
public:
    explicit SchedulingPanel(QCustomPlot* plot, QObject* parent = nullptr);
    void update(const RunSeries& model, const TimeMapping& map) override;
    QString describeAt(const RunSeries& model, double t) const override;
    void applyStyle(const PlotStyle& style) override;

private:
    QCPGraph* voluntary_;
    QCPGraph* involuntary_;
    QCPGraph* wait_;
};

} // namespace corelab::ui
