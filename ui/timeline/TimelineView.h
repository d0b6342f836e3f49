#pragma once

#include <memory>
#include <vector>

#include <QWidget>

#include "Picture.h"

#include "timeline/PlotStyle.h"
#include "timeline/SharedScale.h"
#include "timeline/TimeMapping.h"

class QCustomPlot;
class QCPItemLine;
class QCPMarginGroup;
class QCPRange;
class QCheckBox;
class QComboBox;
class QCPTextElement;
class QTimer;

namespace corelab::ui {

class CorePanel;
class EventMarkers;
class FiguresPanel;
class LanePanel;
class MemoryPanel;
class RunSeries;
class SchedulingPanel;
class ThroughputPanel;
class TimelinePanel;

// The centre of the window: five stacked panels sharing one time axis, redrawn at most
// 30 times a second and only when the model or the view changed.
class TimelineView : public QWidget, public Picture {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    void setModel(const RunSeries* model);
    // The run on show with its caption.
    QImage renderImage(double scale = 2.0) override;
    QString saveImage(const QString& path) override;
    // Call after the model changed; the next timer tick redraws.
    void modelChanged() { dirty_ = true; }
    // Whole run, and follow live data again.
    void showWholeRun();
    void setFrozen(bool frozen);
    void setPresentation(double fontScale, double lineWidth);
    double fontScale() const { return fontScale_; }
    double lineWidth() const { return lineWidth_; }
    // Side-by-side timelines leave out the view controls and use short panel titles
    // to fit half a window.
    void setCompact(bool compact);
    // Only the panel at `index` (0 cores, 1 lanes, 2 throughput, 3 memory, 4 scheduling),
    // as large as the plot, for a slide's key chart; -1: every panel.
    void setOnlyPanel(int index);
    // Shared axes for side-by-side runs; the default floor leaves every axis to its data.
    void setScaleFloor(const ScaleFloor& floor);

    QCustomPlot* plot() const { return plot_; }
    // The run's figures in words under the charts (hidden in compact timelines).
    FiguresPanel* figuresPanel() const { return figures_; }
    const std::vector<TimelinePanel*>& panels() const { return panels_; }
    // The line above the charts saying other programs crowded the run; empty when they
    // did not (or the run is still live), and then not drawn.
    QString otherLoadNote() const;
    // Redraws now (rendering and tests); normally the timer does it.
    void refreshNow();
    // Lays the charts out at `size` (a picture's, not the widget's) and redraws, so
    // event labels are placed and joined for the picture; an empty size: the widget's.
    void layoutFor(const QSize& size);

protected:
    void changeEvent(QEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void buildPanels();
    QWidget* buildToolbar();
    void connectSignals();
    void layoutPanels();
    bool fitLegends();
    void applyStyle();
    void onTick();
    void updateOtherLoad();
    void onRangeChanged(const QCPRange& range);
    void onMouseMove(QMouseEvent* event);
    void moveCursor(int x);
    TimeMapping currentMapping() const;
    std::vector<TimelinePanel*> shownPanels() const;

    QCustomPlot* plot_;
    FiguresPanel* figures_;
    QCPItemLine* cursor_ = nullptr;
    QWidget* toolbar_;
    QCPTextElement* otherLoad_;
    // the shown panels' rects, aligned left and right
    QCPMarginGroup* margins_ = nullptr;
    QComboBox* coreMode_;
    QCheckBox* perWorker_;
    QCheckBox* freeze_;
    QTimer* timer_;
    CorePanel* cores_;
    LanePanel* lanes_;
    ThroughputPanel* throughput_;
    MemoryPanel* memory_;
    SchedulingPanel* scheduling_;
    std::vector<TimelinePanel*> panels_;
    std::unique_ptr<EventMarkers> markers_;
    const RunSeries* model_ = nullptr;
    PlotStyle style_;
    ScaleFloor floor_;
    double fontScale_ = 1.0;
    double lineWidth_ = 1.5;
    bool dirty_ = true;
    bool following_ = true;
    bool frozen_ = false;
    bool syncingRange_ = false;
    int laidOutCores_ = -1;
    int onlyPanel_ = -1;
    std::vector<int> legendRows_; // per shown panel, as laid out
};

} // namespace corelab::ui
