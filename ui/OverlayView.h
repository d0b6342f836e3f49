#pragma once

#include <QWidget>

#include "timeline/PlotStyle.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPLegend;
class QTimer;

namespace corelab::ui {

class RunSeries;
struct Series;

// Runs A and B drawn over each other on one time axis from t = 0: throughput, busy
// cores, memory and context switches, A solid and B dashed, on shared scales.
class OverlayView : public QWidget {
    Q_OBJECT
public:
    explicit OverlayView(QWidget* parent = nullptr);
    void setModels(const RunSeries* a, const RunSeries* b, const QString& labelA,
                   const QString& labelB);
    void modelChanged() { dirty_ = true; }
    void refreshNow();
    QCustomPlot* plot() const { return plot_; }
    // graph `side` (0 = A, 1 = B) of row `row` (0 throughput … 3 switches)
    QCPGraph* graph(int row, int side) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        QCPAxisRect* rect;
        QCPGraph* graphs[2];
    };
    void addRow(const QString& title, const QString& unit);
    void applyStyle();

    QCustomPlot* plot_;
    QTimer* timer_;
    std::vector<Row> rows_;
    QCPLegend* legend_ = nullptr;
    const RunSeries* models_[2] = {nullptr, nullptr};
    PlotStyle style_;
    bool dirty_ = true;
};

} // namespace corelab::ui
