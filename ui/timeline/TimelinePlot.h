#pragma once

#include <QImage>

#include "Qcp.h"

namespace corelab::ui {

// A QCustomPlot that paints a live run with fewer passes over its pixels. QCustomPlot
// paints by filling the widget with its background and blending every paint buffer onto
// it, whole, at every paint, and a layer's own replot first clears and redraws that
// layer's whole buffer; at 1920x1080 each such pass costs about half a millisecond, and a
// live sample made five of them (issue 14). Here:
// - the background and the first buffer (the layers below the first buffered one:
//   backgrounds, grids), which only a whole replot draws, are blended once into an opaque
//   image, kept until the next whole replot, and copied per paint;
// - replotLayer() draws the layer's charts straight onto the widget at the next paint,
//   between the kept image and the buffers above, instead of into a buffer of its own
//   that is then blended.
class TimelinePlot : public QCustomPlot {
public:
    explicit TimelinePlot(QWidget* parent = nullptr);
    // Repaints `layer` (a buffered one) alone, as QCPLayer::replot does: a whole replot if
    // a buffer was invalidated (a layer or an item came or went).
    void replotLayer(QCPLayer* layer);
    // Lays the plot out as a replot does, without drawing: QCustomPlot places its elements
    // (and emits afterLayout) only while it replots, and a timeline lays itself out
    // several times — legends, folds, a picture's size — before it draws once.
    void layOut() { updateLayout(); }
    // Frees the paint buffers and the kept image until the next whole replot makes them
    // again: a one-shot picture drawn with toPainter() needs neither (`corelab render` of
    // a long many-worker run peaks while it draws, ~30 MB of them at 1920x1080).
    void releasePaintBuffers();
    // Images of what lies under the charts made so far (tests).
    int basesMade() const { return basesMade_; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    bool makeBase();
    int bufferIndexOf(const QCPLayer* layer) const;

    QImage base_;
    bool baseValid_ = false;
    QCPLayer* direct_ = nullptr; // drawn at paint time, its buffer out of date
    int basesMade_ = 0;
};

} // namespace corelab::ui
