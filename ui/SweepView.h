#pragma once

#include <vector>

#include <QWidget>

#include "study/SweepStudy.h"
#include "timeline/PlotStyle.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPLegend;
class QCPTextElement;
class QLabel;
class QStackedWidget;

namespace corelab::ui {

// A worker-count sweep: speedup against the smallest count (with the ideal line and
// Amdahl's law fitted per model) above, efficiency below, sharing the workers axis.
class SweepView : public QWidget {
    Q_OBJECT
public:
    explicit SweepView(QWidget* parent = nullptr);

    // Called again after every measured point: partial sweeps of 1, 2, … points.
    void setSweep(const std::vector<SweepSeries>& series, int usableCpus);
    void clear();
    QCustomPlot* plot() const { return plot_; }

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildLayout();
    // The note under the charts, wrapped to the view's width: a text element cuts a
    // line longer than the plot at both ends.
    void wrapNote();
    void applyStyle();
    void redraw();
    QCPGraph* drawGuides(int baseWorkers, double xMax);
    void markUsableCpus(double xMax);
    void addGuideLabel(double x, const QString& text, Qt::Alignment side);
    void drawSeries(const SweepSeries& s);
    void drawCrowded(const SweepSeries& s);
    static QString otherLoadText(const SweepSeries& s, int workers);
    void drawAmdahl(const SweepSeries& s, int baseWorkers, double xMax);
    void drawTurningPoints(const SweepSeries& s);
    void addTurningPoint(const SweepSeries& s, int workers, const QString& what);
    void setRanges(int baseWorkers, double xMax);
    void onMouseMove(QMouseEvent* event);

    QStackedWidget* stack_;
    QLabel* empty_;
    QCustomPlot* plot_;
    QCPTextElement* speedupTitle_;
    QCPTextElement* efficiencyTitle_;
    QCPTextElement* sourceNote_;
    QString note_; // sourceNote_'s text unwrapped
    QCPAxisRect* speedupRect_;
    QCPAxisRect* efficiencyRect_;
    QCPLegend* legend_;
    std::vector<SweepSeries> series_;
    int usableCpus_ = 0;
    PlotStyle style_;
};

} // namespace corelab::ui
