#include "timeline/TimelinePlot.h"

namespace corelab::ui {

namespace {

// QCPLayer::draw is protected (QCustomPlot, a friend, calls it while it replots); a class
// derived from QCPLayer may name it, and so hand out a pointer to it.
struct LayerDraw : QCPLayer {
    using QCPLayer::draw;
};

} // namespace

TimelinePlot::TimelinePlot(QWidget* parent)
    : QCustomPlot(parent)
{
    // before the buffers are drawn again: a whole replot may repaint at once, before it
    // emits afterReplot
    connect(this, &QCustomPlot::beforeReplot, this, [this] {
        baseValid_ = false;
        direct_ = nullptr;
    });
}

void TimelinePlot::releasePaintBuffers()
{
    mPaintBuffers.clear();
    base_ = QImage();
    baseValid_ = false;
    direct_ = nullptr;
}

void TimelinePlot::replotLayer(QCPLayer* layer)
{
    if (layer->mode() != QCPLayer::lmBuffered || mPaintBuffers.isEmpty() ||
        hasInvalidatedPaintBuffers() || bufferIndexOf(layer) < 1) {
        replot();
        return;
    }
    direct_ = layer;
    update();
}

// The buffer QCustomPlot::setupPaintBuffers gives `layer`: the layers up to the first
// buffered one share buffer 0, a buffered layer has one of its own, and the logical
// layers after it share the next. -1 when the layer is not this plot's.
int TimelinePlot::bufferIndexOf(const QCPLayer* layer) const
{
    int index = 0;
    for (qsizetype i = 0; i < mLayers.size(); ++i) {
        const QCPLayer* at = mLayers.at(i);
        if (at->mode() == QCPLayer::lmBuffered) {
            ++index;
            if (at == layer) return index;
            if (i + 1 < mLayers.size() && mLayers.at(i + 1)->mode() == QCPLayer::lmLogical) ++index;
        } else if (at == layer) {
            return index;
        }
    }
    return -1;
}

// The background and the first buffer, blended into base_; false when they cannot be
// kept as one opaque image (a background that is not one opaque colour).
bool TimelinePlot::makeBase()
{
    if (mPaintBuffers.isEmpty() || mBackgroundBrush.style() != Qt::SolidPattern ||
        !mBackgroundBrush.isOpaque() || !mBackgroundPixmap.isNull())
        return false;
    const auto& below = mPaintBuffers.first();
    const double ratio = below->devicePixelRatio();
    const QSize pixels = (QSizeF(below->size()) * ratio).toSize();
    if (base_.size() != pixels) base_ = QImage(pixels, QImage::Format_RGB32);
    base_.setDevicePixelRatio(ratio);
    base_.fill(mBackgroundBrush.color());
    QCPPainter painter(&base_);
    below->draw(&painter);
    baseValid_ = true;
    ++basesMade_;
    return true;
}

void TimelinePlot::paintEvent(QPaintEvent* event)
{
    const int direct = direct_ ? bufferIndexOf(direct_) : -1;
    // the buffers are sized to the viewport; anything else is QCustomPlot's to paint, with
    // the directly drawn layer's buffer brought up to date first
    if (mViewport != rect() || (!baseValid_ && !makeBase())) {
        if (direct > 0 && direct < mPaintBuffers.size()) {
            const auto& buffer = mPaintBuffers.at(direct);
            buffer->clear(Qt::transparent);
            if (QCPPainter* painter = buffer->startPainting()) {
                (direct_->*&LayerDraw::draw)(painter);
                delete painter;
                buffer->donePainting();
            }
        }
        direct_ = nullptr;
        QCustomPlot::paintEvent(event);
        return;
    }
    QCPPainter painter(this);
    if (!painter.isActive()) return;
    // opaque onto the widget: a copy, where QCustomPlot fills and then blends
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    painter.drawImage(0, 0, base_);
    painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
    for (qsizetype i = 1; i < mPaintBuffers.size(); ++i) {
        if (i == direct) {
            painter.save();
            (direct_->*&LayerDraw::draw)(&painter);
            painter.restore();
        } else {
            mPaintBuffers.at(i)->draw(&painter);
        }
    }
}

} // namespace corelab::ui
