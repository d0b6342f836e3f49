#pragma once

#include <cstddef>
#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPItemText;

namespace corelab::ui {

// Text items placed afresh at every refresh (the cores named inside lanes, the "✕ w19"
// tags) are kept and reused, the unused ones hidden. Adding an item to a layer or removing
// one invalidates the layer's paint buffer, and QCustomPlot then replots every layer
// (axes, titles, legends) instead of the charts' layer alone: a label made and deleted per
// sample made every live redraw a whole one.
class LabelPool {
public:
    // Labels inside `rect`, placed in its bottom and left axes' coordinates.
    LabelPool(QCustomPlot* plot, QCPAxisRect* rect)
        : plot_(plot)
        , rect_(rect)
    {
    }
    // Starts a refresh: every label is free again.
    void begin() { taken_ = 0; }
    // A free label, shown, or a new one on the plot's current layer, clipped to the rect;
    // `made` says which (a new one needs its look set).
    QCPItemText* take(bool* made = nullptr);
    // Ends a refresh: hides the labels not taken.
    void end();
    // No label shown.
    void hideAll();
    std::size_t shown() const { return taken_; }
    // Every label made so far, shown or not.
    const std::vector<QCPItemText*>& all() const { return items_; }

private:
    QCustomPlot* plot_;
    QCPAxisRect* rect_;
    std::vector<QCPItemText*> items_;
    std::size_t taken_ = 0;
};

} // namespace corelab::ui
