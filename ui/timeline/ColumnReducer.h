#pragma once

#include <vector>

#include "timeline/TimeMapping.h"

namespace corelab::ui {

// One pixel column of a reduced series: the extremes of every point that falls in it.
struct ColumnExtent {
    double t = 0; // time of the first point in the column
    double min = 0;
    double max = 0;
    int count = 0;
    double mean() const { return sum / count; }
    double sum = 0;
};

// Reduces (t, v) points, sorted by t, to at most one extent per pixel column of the
// mapping; points outside the view are skipped, except the nearest neighbour on each
// side so lines run to the plot edge. A NaN value is a hole in the samples: it comes
// out as one NaN extent (after the first real one), which breaks a plotted line.
std::vector<ColumnExtent> reduceToColumns(const std::vector<double>& t,
                                          const std::vector<double>& v, const TimeMapping& map);

// reduceToColumns as a pass that can be continued: the points it covers, [first, end),
// and where it stopped, so points appended later go on from there (ColumnCache.h).
struct ColumnPass {
    std::vector<ColumnExtent> out;
    long first = 0;      // first point of the pass (one before the view, if any)
    long next = 0;       // the point the pass goes on from
    int currentCol = -2; // column of out.back(), -2 after a hole or outside the view
};
// The points a pass over the view covers: [first, end) of the first n.
long reductionFirst(const std::vector<double>& t, long n, const TimeMapping& map);
long reductionEnd(const std::vector<double>& t, long n, const TimeMapping& map);
// Goes on with the pass up to point `end` (exclusive).
void continueReduction(const std::vector<double>& t, const std::vector<double>& v,
                       const TimeMapping& map, long end, ColumnPass& pass);

} // namespace corelab::ui
