#pragma once

#include <vector>

#include "Qcp.h"

#include "timeline/ColumnCache.h"

namespace corelab::ui {

// A colour map that colours again only the columns of its image whose cells were set
// since it was last drawn (markColumns), where QCPColorMap colours every cell after any
// change. A new size, gradient or data range colours it whole. Its image has one pixel
// per cell (QCustomPlot oversamples maps under 100 cells a side); an interpolated map is
// left to QCPColorMap.
class ColumnColorMap : public QCPColorMap {
public:
    ColumnColorMap(QCPAxis* keyAxis, QCPAxis* valueAxis)
        : QCPColorMap(keyAxis, valueAxis)
    {
    }
    // Columns whose cells changed; ColumnSpan::all(width) after a fill.
    void markColumns(const ColumnSpan& span) { dirty_.add(span); }
    // Cells coloured by the last draws, since the count was last reset (tests).
    long colouredCells() const { return coloured_; }
    void resetColouredCells() { coloured_ = 0; }

protected:
    void updateMapImage() override;

private:
    ColumnSpan dirty_;
    std::vector<double> line_;
    long coloured_ = 0;
};

} // namespace corelab::ui
