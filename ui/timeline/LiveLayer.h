#pragma once

#include <QString>

class QCPLayer;

namespace corelab::ui {

class TimelinePlot;

// The timeline's charts (plottables and items: colour maps, lines, labels, event markers)
// draw on a buffered layer of their own, "live", above QCustomPlot's "main". A redraw
// after new samples repaints that layer alone and leaves the axes, grids, titles, legends
// and colour scales in the other layers' buffers, unless one of those changed (a range,
// a tick label, a legend entry, the layout): then everything is replotted.
class LiveLayer {
public:
    // Makes the layer, moves the plot's plottables and items onto it and makes it the
    // plot's current layer, so charts made later land on it too.
    explicit LiveLayer(TimelinePlot* plot);
    QCPLayer* layer() const { return layer_; }

    // Replots the whole plot (queued) when anything drawn outside the live layer may have
    // changed since the last whole replot, else repaints only the live layer. True for a
    // whole replot.
    bool replot();
    // The next replot() is a whole one (style, fonts, panels shown).
    void invalidate() { signature_.clear(); }
    // Counts, for tests and benchmarks.
    int wholeReplots() const { return whole_; }
    int layerReplots() const { return layerOnly_; }

private:
    QString signature() const;

    TimelinePlot* plot_;
    QCPLayer* layer_;
    QString signature_; // of what the last whole replot drew
    int whole_ = 0;
    int layerOnly_ = 0;
};

} // namespace corelab::ui
