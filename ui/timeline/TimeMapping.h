#pragma once

#include <algorithm>
#include <cmath>

namespace corelab::ui {

// Maps seconds of a run to horizontal pixels of a plot area and back. Plain data so
// the maths is tested without widgets.
struct TimeMapping {
    double t0 = 0; // seconds at the left edge
    double t1 = 1; // seconds at the right edge
    int left = 0;  // pixel of the left edge
    int width = 1; // pixels across

    bool valid() const { return t1 > t0 && width > 0; }
    double secondsPerPixel() const { return (t1 - t0) / width; }
    double toPixel(double t) const { return left + (t - t0) / secondsPerPixel(); }
    double toTime(double px) const { return t0 + (px - left) * secondsPerPixel(); }

    // Pixel column (0 … width-1) that holds time t, or -1 outside the view.
    int column(double t) const
    {
        if (!valid() || t < t0 || t > t1) return -1;
        return std::min(width - 1, static_cast<int>(std::floor((t - t0) / secondsPerPixel())));
    }
    // Start time of a pixel column.
    double columnStart(int col) const { return t0 + col * secondsPerPixel(); }
};

} // namespace corelab::ui
