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

} // namespace corelab::ui
