#pragma once

#include <vector>

#include "timeline/ColumnCache.h"
#include "timeline/TimeMapping.h"

class QCPColorMap;

namespace corelab::ui {

struct Series;

enum class BinMode { Mean, Mode };

// One value per column of `map` (width = number of cells): the mean (or most frequent
// value) of the points inside the column, else the point whose interval covers the
// column's centre, else NaN (drawn transparent).
std::vector<double> binSeries(const Series& series, const TimeMapping& map, double maxGap,
                              BinMode mode);
// binSeries for the columns of `span` only, into `out` (map.width values); the others are
// left as they are. Each column comes out as a whole binSeries gives it.
void binColumns(const Series& series, const TimeMapping& map, double maxGap, BinMode mode,
                ColumnSpan span, std::vector<double>& out);

// Sizes a colour map to cells two pixels wide over map's time span, with `rows` rows
// (row r spans y = r ± 0.5) of `subRows` cells each, and returns the cell mapping; when
// there is nothing to draw, or more rows than kMaxCpus (only a damaged file could ask),
// it empties the map and returns a mapping that is not valid().
TimeMapping prepareCellGrid(QCPColorMap* colorMap, const TimeMapping& map, int rows,
                            int subRows = 2);

// Sets the whole of row `row` (centred on y = row) in a map prepareCellGrid sized with
// two sub-rows.
void setGridCell(QCPColorMap* colorMap, int col, int row, double value);
// Makes every sub-row of row `row` in column `col` transparent (NaN).
void clearGridColumn(QCPColorMap* colorMap, int col, int row, int subRows);
// Sets sub-row `sub` (0 at y = row − 0.5) of row `row` in a map sized with subRows.
void setGridSubCell(QCPColorMap* colorMap, int col, int row, int sub, int subRows, double value);

} // namespace corelab::ui
