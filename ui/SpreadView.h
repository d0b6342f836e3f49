#pragma once

#include <string>
#include <vector>

#include <QWidget>

#include "record/RunRecord.h"
#include "study/RepeatStudy.h"
#include "timeline/PlotStyle.h"

class QComboBox;
class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPErrorBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;
class QLabel;
class QStackedWidget;

namespace corelab::ui {

// Repeated runs of one spec: each run's value of the chosen figure with the mean and
// mean ± sample sd (left), and a histogram of the values (right). For the counter
// workload the final counts are shown first, against the count no lost update gives.
class SpreadView : public QWidget {
    Q_OBJECT
public:
    explicit SpreadView(QWidget* parent = nullptr);

    // Called again after every finished run of a repeat: 0, 1, 2, … runs all show.
    void setRuns(const std::vector<RunRecord>& runs);
    QCustomPlot* plot() const { return plot_; }
    // The histogram: runs that lost updates (or every run of another figure), and the
    // counter's runs that lost none, drawn apart right of the expected count.
    QCPBars* histogramBars() const { return bars_; }
    QCPBars* noneLostBars() const { return noneLost_; }

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Scale {
        double factor = 1; // shown value = value × factor
        QString unit;
    };

    QWidget* buildContent();
    void buildLayout();
    void buildPlottables();
    void applyStyle();
    void fillCombo();
    void redraw();
    const FigureSpread* currentFigure() const;
    Scale scaleFor(const FigureSpread& f) const;
    void drawRuns(const FigureSpread& f, const Scale& scale);
    void drawHistogram(const FigureSpread& f, const Scale& scale);
    void drawExpected(const FigureSpread& f, const Scale& scale, double lo, double hi);
    void setTexts(const FigureSpread& f, const QString& histogramTitle);
    void wrapTexts();

    QStackedWidget* stack_;
    QLabel* empty_;
    QComboBox* figureBox_;
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPTextElement* source_;
    QCPTextElement* runsTitle_;
    QCPTextElement* histogramTitle_;
    QCPTextElement* note_;
    QCPAxisRect* runsRect_;
    QCPAxisRect* histogramRect_;
    QCPGraph* runsGraph_;
    QCPGraph* meanLine_;
    QCPGraph* meanPoint_;
    QCPErrorBars* errorBars_;
    QCPBars* bars_;
    QCPBars* noneLost_;
    QCPItemStraightLine* runsExpected_;
    QCPItemStraightLine* expectedLine_;
    QCPItemText* expectedLabel_;
    // figures only, not the runs: a hundred runs' samples are no business of this view
    RepeatResult result_;
    std::string chosen_; // the figure the user picked, kept while later runs arrive
    // the texts before wrapping; wrapped again when the width changes
    struct {
        QString title, source, runs, histogram, note;
    } texts_;
    PlotStyle style_;
};

} // namespace corelab::ui
