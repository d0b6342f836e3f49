#include "timeline/ColumnColorMap.h"

#include <algorithm>

namespace corelab::ui {

void ColumnColorMap::updateMapImage()
{
    const int keys = mMapData->keySize();
    const int values = mMapData->valueSize();
    if (mInterpolate || !mKeyAxis || mKeyAxis->orientation() != Qt::Horizontal || keys < 1 ||
        values < 1) {
        dirty_ = {};
        coloured_ += static_cast<long>(keys) * values;
        QCPColorMap::updateMapImage();
        return;
    }
    // One pixel per cell, scaled to the axis rect without smoothing when drawn. QCustomPlot
    // would oversample a map under 100 cells a side (a few cores: 2 rows become 102) and
    // colour the whole of it after any change.
    ColumnSpan span{std::max(0, dirty_.first), std::min(keys - 1, dirty_.last)};
    dirty_ = {};
    if (mMapImageInvalidated || mMapImage.width() != keys || mMapImage.height() != values ||
        mMapImage.format() != QImage::Format_ARGB32_Premultiplied) {
        mMapImage = QImage(keys, values, QImage::Format_ARGB32_Premultiplied);
        span = ColumnSpan::all(keys);
        mMapImageInvalidated = false;
    }
    // QCPColorMap::draw() asks again while its data says modified (only it may clear
    // that): nothing marked, nothing to do
    if (span.empty()) return;
    const int n = span.last - span.first + 1;
    line_.resize(static_cast<std::size_t>(n));
    const bool log = mDataScaleType == QCPAxis::stLogarithmic;
    for (int y = 0; y < values; ++y) {
        for (int i = 0; i < n; ++i)
            line_[static_cast<std::size_t>(i)] = mMapData->cell(span.first + i, y);
        // the image counts scan lines from the top, the cells from the bottom
        auto* pixels = reinterpret_cast<QRgb*>(mMapImage.scanLine(values - 1 - y)) + span.first;
        mGradient.colorize(line_.data(), mDataRange, pixels, n, 1, log);
    }
    coloured_ += static_cast<long>(n) * values;
}

} // namespace corelab::ui
