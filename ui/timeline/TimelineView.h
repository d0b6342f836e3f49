#pragma once

#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QRect>
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

class FiguresHolder;
class TimelinePlot;

class CorePanel;
class EventMarkers;
class LiveLayer;
class FiguresPanel;
class LanePanel;
class MemoryPanel;
class RunSeries;
class SchedulingPanel;
class ThroughputPanel;
class TimelinePanel;

// The centre of the window: five stacked panels sharing one time axis, redrawn once per
// change of the model or the view (a batch of samples, a zoom, a resize: changes within
// one turn of the event loop coalesce), at most 30 times a second, and not at all while
// the view is hidden (another tab) or the window minimised: it redraws once when shown.
class TimelineView : public QWidget, public Picture {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    void setModel(const RunSeries* model);
    // The run on show with its caption.
    QImage renderImage(double scale = 2.0) override;
    QString saveImage(const QString& path) override;
    // Call after the model changed; the next turn of the event loop redraws (once, however
    // many changes came before it), if the view is on screen.
    void modelChanged() { markDirty(); }
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
    // Panels by how much they are wanted (indices as setOnlyPanel's), most first. When set,
    // a timeline too short to give every panel kMinPlotHeight pixels of chart folds the
    // least wanted to their titles; a click on a folded title opens it (and folds
    // another if need be). Empty (the default): never fold.
    void setFoldOrder(const std::vector<int>& order);
    // Makes the panel the most wanted: it opens, and another folds if need be.
    void openPanel(int index);
    // Indices of the folded panels, in view order.
    std::vector<int> foldedPanels() const;
    // At most this many panels open, so two timelines side by side show the same ones
    // (foldAlike, PanelFit.h); how many this one could open on its own.
    void setMaxOpenPanels(int n);
    int panelsFitting() const { return panelsFitting_; }
    // Shared axes for side-by-side runs; the default floor leaves every axis to its data.
    void setScaleFloor(const ScaleFloor& floor);

    QCustomPlot* plot() const;
    TimelinePlot* timelinePlot() const { return plot_; }
    // The run's figures in words under the charts (hidden in compact timelines).
    FiguresPanel* figuresPanel() const { return figures_; }
    const std::vector<TimelinePanel*>& panels() const { return panels_; }
    // The line above the charts saying other programs crowded the run; empty when they
    // did not (or the run is still live), and then not drawn.
    QString otherLoadNote() const;
    // Redraws now (rendering and tests); normally the timer does it.
    void refreshNow();
    // How many times the charts were redrawn so far (tests, benchmarks).
    int refreshCount() const { return refreshCount_; }
    // Drops the panels' kept reductions: the next redraw reduces and draws everything
    // (another model; the benchmark's cold replot).
    void forgetReductions();
    // The charts' own buffered layer, repainted alone when only data changed.
    const LiveLayer& liveLayer() const { return *live_; }
    // Lays the charts out at `size` (a picture's, not the widget's) and redraws, so
    // event labels are placed and joined for the picture; an empty size: the widget's.
    void layoutFor(const QSize& size);

signals:
    // After every redraw of the charts.
    void refreshed();
    // The user opened a folded panel (a click on its title).
    void panelOpened(int index);

protected:
    void changeEvent(QEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildPanels();
    QWidget* buildToolbar();
    void connectSignals();
    void layoutPanels();
    bool fitLegends();
    void runLayout();
    bool foldToFit();
    bool openFolded(const QPoint& pos);
    void applyStyle();
    void onTick();
    void markDirty();
    bool onScreen() const;
    void onLayout();
    void updateOtherLoad();
    void onRangeChanged(const QCPRange& range);
    void onMouseMove(QMouseEvent* event);
    void moveCursor(int x);
    TimeMapping currentMapping() const;
    std::vector<TimelinePanel*> shownPanels() const;

    TimelinePlot* plot_;
    FiguresPanel* figures_;
    FiguresHolder* figuresHolder_ = nullptr; // figures_ out of the layouts' reach
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
    std::unique_ptr<LiveLayer> live_;
    const RunSeries* model_ = nullptr;
    PlotStyle style_;
    ScaleFloor floor_;
    double fontScale_ = 1.0;
    double lineWidth_ = 1.5;
    bool dirty_ = true;
    bool following_ = true;
    bool frozen_ = false;
    bool drawnLive_ = false; // drawn with the live run's cheap pens
    bool syncingRange_ = false;
    int laidOutCores_ = -1;
    int refreshCount_ = 0;
    std::vector<QRect> laidOutRects_; // the shown panels' axis rects at the last layout
    QElapsedTimer sinceRefresh_;
    int onlyPanel_ = -1;
    std::vector<int> legendRows_; // per shown panel, as laid out
    std::vector<int> foldOrder_;
    bool refold_ = true;   // the layout changed since the folds were chosen
    bool folding_ = false; // foldToFit() is trying layouts
    QSize foldedFor_;
    int maxOpen_ = 5;
    int panelsFitting_ = 5;
};

} // namespace corelab::ui
