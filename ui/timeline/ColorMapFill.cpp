#include "timeline/ColorMapFill.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "Qcp.h"
#include "RunSeries.h"
#include "record/RunRecord.h"

namespace corelab::ui {

namespace {

double modeOf(std::vector<double>::const_iterator first, std::vector<double>::const_iterator last)
{
    std::map<double, int> counts;
    for (auto it = first; it != last; ++it)
        if (!std::isnan(*it)) ++counts[*it];
    if (counts.empty()) return std::nan("");
    return std::max_element(counts.begin(), counts.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

double meanOf(std::vector<double>::const_iterator first, std::vector<double>::const_iterator last)
{
    double sum = 0;
    int n = 0;
    for (auto it = first; it != last; ++it)
        if (!std::isnan(*it)) {
            sum += *it;
            ++n;
        }
    return n ? sum / n : std::nan("");
}

} // namespace

std::vector<double> binSeries(const Series& series, const TimeMapping& map, double maxGap,
                              BinMode mode)
{
    std::vector<double> out(static_cast<std::size_t>(std::max(0, map.width)), std::nan(""));
    binColumns(series, map, maxGap, mode, ColumnSpan::all(map.width), out);
    return out;
}

void binColumns(const Series& series, const TimeMapping& map, double maxGap, BinMode mode,
                ColumnSpan span, std::vector<double>& out)
{
    span.first = std::max(0, span.first);
    span.last = std::min(span.last, std::min(map.width, static_cast<int>(out.size())) - 1);
    if (!map.valid() || span.empty()) return;
    if (series.empty()) {
        std::fill(out.begin() + span.first, out.begin() + span.last + 1, std::nan(""));
        return;
    }
    const double step = map.secondsPerPixel();
    // columns go forward in time: one search for the first, then a walk, so 256 CPUs
    // of a long run cost one pass each rather than two searches per column
    auto lo = std::lower_bound(series.t.begin(), series.t.end(), map.columnStart(span.first));
    for (int col = span.first; col <= span.last; ++col) {
        const double start = map.columnStart(col);
        while (lo != series.t.end() && *lo < start)
            ++lo;
        auto hi = lo;
        while (hi != series.t.end() && *hi < start + step)
            ++hi;
        if (lo != hi) {
            const auto a = series.v.begin() + (lo - series.t.begin());
            const auto b = series.v.begin() + (hi - series.t.begin());
            out[col] = mode == BinMode::Mean ? meanOf(a, b) : modeOf(a, b);
        } else {
            out[col] = series.valueCovering(start + step / 2, maxGap);
        }
    }
}

TimeMapping prepareCellGrid(QCPColorMap* colorMap, const TimeMapping& map, int rows, int subRows)
{
    // cells of two pixels are fine enough for a colour map and halve the work
    TimeMapping cells = map;
    cells.width = std::clamp(map.width / 2, 1, 2000);
    // More rows than a run has CPUs or workers come only from a damaged file, and
    // QCustomPlot multiplies its sizes in an int: wrapped, they would overrun its buffer.
    if (rows <= 0 || rows > kMaxCpus || !cells.valid()) {
        colorMap->data()->clear();
        cells.width = 0;
        return cells;
    }
    // QCustomPlot spans its cells between the first and last cell centres, so one row
    // of one cell would have no height: every row is at least two cells (see setGridCell)
    subRows = std::max(2, subRows);
    colorMap->data()->setSize(cells.width, subRows * rows);
    const double step = cells.secondsPerPixel();
    const double half = 0.5 / subRows;
    colorMap->data()->setRange(QCPRange(cells.t0 + step / 2, cells.t1 - step / 2),
                               QCPRange(-0.5 + half, rows - 0.5 - half));
    return cells;
}

void setGridCell(QCPColorMap* colorMap, int col, int row, double value)
{
    colorMap->data()->setCell(col, 2 * row, value);
    colorMap->data()->setCell(col, 2 * row + 1, value);
}

void clearGridColumn(QCPColorMap* colorMap, int col, int row, int subRows)
{
    for (int sub = 0; sub < subRows; ++sub)
        colorMap->data()->setCell(col, row * subRows + sub, std::nan(""));
}

void setGridSubCell(QCPColorMap* colorMap, int col, int row, int sub, int subRows, double value)
{
    colorMap->data()->setCell(col, row * subRows + sub, value);
}

} // namespace corelab::ui
