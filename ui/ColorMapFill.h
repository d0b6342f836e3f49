#pragma once

#include <vector>

#include "TimeMapping.h"

namespace corelab::ui {

struct Series;

enum class BinMode { Mean, Mode };

// One value per column of `map` (width = number of cells): the mean (or most frequent
// value) of the points inside the column, else the point whose interval covers the
// column's centre, else NaN (drawn transparent).
std::vector<double> binSeries(const Series& series, const TimeMapping& map, double maxGap,
                              BinMode mode);

} // namespace corelab::ui
