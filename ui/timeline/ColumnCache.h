#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "timeline/ColumnReducer.h"
#include "timeline/TimeMapping.h"

namespace corelab::ui {

struct Series;

// What a kept reduction was made from, so "the same series with points appended" can be
// told from a thinned (Series::thinning) or replaced one.
struct SeriesMark {
    std::size_t size = 0;
    int thinning = 1;
    double firstT = 0;
    double lastT = 0;

    template <class S> static SeriesMark of(const S& series)
    {
        if (series.t.empty()) return {0, series.thinning, 0, 0};
        return {series.t.size(), series.thinning, series.t.front(), series.t.back()};
    }
    // True when `series` is this one with points appended (or none): same thinning, and
    // the first and the last point this mark saw are where they were.
    template <class S> bool grewInto(const S& series) const
    {
        return size > 0 && series.t.size() >= size && series.thinning == thinning &&
               series.t.front() == firstT && series.t[size - 1] == lastT;
    }
};

// The view's time mapping as far as a reduction depends on it (not where the plot sits).
struct MappingKey {
    double t0 = 0;
    double t1 = 0;
    int width = 0;
    double maxGap = 0;
    static MappingKey of(const TimeMapping& map, double maxGap)
    {
        return {map.t0, map.t1, map.width, maxGap};
    }
    bool operator==(const MappingKey&) const = default;
};

// Pixel (or cell) columns [first, last] of a reduction; none when first > last.
struct ColumnSpan {
    int first = 0;
    int last = -1;
    bool empty() const { return first > last; }
    static ColumnSpan all(int width) { return {0, width - 1}; }
    // The smallest span holding both.
    void add(const ColumnSpan& other)
    {
        if (other.empty()) return;
        if (empty()) {
            *this = other;
            return;
        }
        first = std::min(first, other.first);
        last = std::max(last, other.last);
    }
};

// Column of the mapping time t falls in, clamped to the mapping (t outside it: the edge).
inline int columnNear(const TimeMapping& map, double t)
{
    const double col = std::floor((t - map.t0) / map.secondsPerPixel());
    if (!(col > 0)) return 0;
    return static_cast<int>(std::min<double>(col, map.width - 1));
}

// One series reduced to one value per column of a cell mapping (binSeries, the lanes'
// shares), kept between redraws. prepare() says which columns must be computed again:
// every one for a new mapping or a thinned or replaced series, else only those the
// appended points reach (the column of the last point seen before, which they may share,
// to the column of the newest), with a column of margin on each side for rounding at
// the column edges. A column's value depends only on the points inside it or, when there
// are none, on the first point after its centre: so columns before that span keep their
// values, and those after it stay empty.
template <class Column> class ColumnCache {
public:
    template <class S> ColumnSpan prepare(const S& series, const TimeMapping& cells, double maxGap)
    {
        const MappingKey key = MappingKey::of(cells, maxGap);
        ColumnSpan span;
        if (!valid_ || !(key == key_) || !mark_.grewInto(series)) {
            columns_.assign(static_cast<std::size_t>(std::max(0, cells.width)), Column{});
            span = ColumnSpan::all(cells.width);
        } else if (series.t.size() > mark_.size) {
            span.first = std::max(0, columnNear(cells, series.t[mark_.size - 1]) - 1);
            span.last = std::min(cells.width - 1, columnNear(cells, series.t.back()) + 1);
        }
        key_ = key;
        mark_ = SeriesMark::of(series);
        valid_ = true;
        return span;
    }
    std::vector<Column>& columns() { return columns_; }
    const std::vector<Column>& columns() const { return columns_; }
    void clear()
    {
        valid_ = false;
        columns_.clear();
    }

private:
    MappingKey key_;
    SeriesMark mark_;
    std::vector<Column> columns_;
    bool valid_ = false;
};

// A line's reduction (reduceToColumns) kept between redraws. Points appended to the
// series continue the same left-to-right pass where the last one stopped, so the result
// is the one a pass over the whole series gives; a new mapping, a thinned or replaced
// series, or a view whose first column moved start over.
class LineCache {
public:
    // The series' extents for the mapping; `changed` (if given) says whether they differ
    // from those the last call returned.
    const std::vector<ColumnExtent>& reduce(const Series& series, const TimeMapping& map,
                                            bool* changed = nullptr);
    void clear() { valid_ = false; }

private:
    ColumnPass pass_;
    MappingKey key_;
    SeriesMark mark_;
    bool valid_ = false;
};

} // namespace corelab::ui
