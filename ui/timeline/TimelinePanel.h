#pragma once

#include <map>
#include <vector>

#include <QObject>
#include <QString>

#include "timeline/ColumnCache.h"
#include "timeline/PlotStyle.h"
#include "timeline/SharedScale.h"
#include "timeline/TimeMapping.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPLegend;
class QCPTextElement;
class QCPLayoutElement;
class QCPLayoutGrid;

namespace corelab::ui {

class RunSeries;
struct Series;

// One row of the timeline: a header with the title and, right of it, the legend (as
// many entries to a row as the width beside the title holds, so it costs the charts
// neither width nor, mostly, height), and an axis rect sharing the time axis, with a
// colour scale beside it for the heat map. Subclasses fill their
// plottables from the model for the visible time range, reduced to the pixel columns of
// the mapping.
class TimelinePanel : public QObject {
    Q_OBJECT
public:
    TimelinePanel(QCustomPlot* plot, const QString& title, QObject* parent = nullptr);

    QCPAxisRect* rect() const { return rect_; }
    QCPTextElement* titleElement() const { return title_; }
    // The title and the legend, one row of the timeline's layout.
    QCPLayoutGrid* header() const { return header_; }
    QCPLegend* legend() const { return legend_; }
    // What goes in the right-hand column beside the axis rect (a colour scale); none.
    virtual QCPLayoutElement* sideElement() const { return nullptr; }
    // The legend has entries to show.
    virtual bool hasLegend() const;
    // Arranges the legend's entries in rows that fit beside the title in a header
    // `width` pixels wide; true if that changed the number of rows.
    bool fitLegend(int width);
    // Relative height in the timeline.
    virtual double heightWeight(const RunSeries&) const { return 2.0; }

    // Draws the model for the mapping. Panels keep their reductions to pixel columns
    // between calls (ColumnCache.h): while the mapping holds, new samples cost only the
    // columns they reach.
    virtual void update(const RunSeries& model, const TimeMapping& map) = 0;
    // Drops every kept reduction: the next update reduces and draws everything (another
    // run in the same model).
    virtual void forgetReductions();
    // Values at time t, one short line per figure, for the hover tooltip.
    virtual QString describeAt(const RunSeries& model, double t) const = 0;
    virtual void applyStyle(const PlotStyle& style);
    // Half-width timelines (Compare) use the short title, so the title row does not
    // set the width of the axis column.
    void setCompact(bool compact);
    // Folded: the panel shows its title alone, marked "▸", and no chart (a timeline too
    // short for all its panels; TimelineView::setFoldOrder).
    void setFolded(bool folded);
    bool folded() const { return folded_; }
    // Axes reach at least this far, so two runs side by side share their scales.
    void setScaleFloor(const ScaleFloor& floor) { floor_ = floor; }
    // True once the panel drew at least one point.
    bool hasData() const { return hasData_; }

protected:
    QCPGraph* addGraph(const QString& name);
    void setCompactTitle(const QString& title) { compactTitle_ = title; }
    // Both titles at once, shown as the current width asks (a panel whose view mode
    // changes what it draws).
    void setTitles(const QString& full, const QString& compact);
    // Draws the series as min/max per pixel column, so a long run costs what a short one does.
    void setReducedData(QCPGraph* graph, const Series& series, const TimeMapping& map,
                        double divisor = 1.0);
    void styleGraph(QCPGraph* graph, const QColor& color) const;
    // Out of the legend, the plot and the kept reductions.
    void removeGraph(QCPGraph* graph);
    // True when a colour map must be drawn whole because its grid (mapping, rows, mode:
    // `key`) is not the one it was last drawn for; remembers `key`.
    bool gridChanged(std::vector<double> key);

    QCustomPlot* plot_;
    QCPAxisRect* rect_;
    QCPLayoutGrid* header_;
    QCPTextElement* title_;
    QCPLegend* legend_;
    PlotStyle style_;
    ScaleFloor floor_;
    QString fullTitle_;
    QString compactTitle_;
    bool hasData_ = false;
    bool compact_ = false;
    bool folded_ = false;
    bool fullTitleFits_ = true;
    int titleRoom_ = 0;        // the title's width in the header, margins off; 0: not fitted yet
    QString fitKey_;           // what the last fitLegend() depended on
    bool legendWanted_ = true; // a panel whose view mode draws no legend clears it

private:
    struct KeptLine {
        LineCache reduction;
        double divisor = 0; // what the graph's points were divided by
    };
    std::map<const QCPGraph*, KeptLine> lineCaches_;
    std::vector<double> gridKey_;
};

} // namespace corelab::ui
