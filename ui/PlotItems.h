#pragma once

#include "Qcp.h"

namespace corelab::ui {

// An item's position on `rect`'s bottom and left axes: x in plot coordinates, y as
// `typeY` says (plot coordinates, or a fraction of the rect's height).
inline void placeAt(QCPItemPosition* p, QCPAxisRect* rect, QCPItemPosition::PositionType typeY)
{
    p->setAxisRect(rect);
    p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    p->setTypeX(QCPItemPosition::ptPlotCoords);
    p->setTypeY(typeY);
}

} // namespace corelab::ui
