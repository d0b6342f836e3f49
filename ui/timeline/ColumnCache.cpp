#include "timeline/ColumnCache.h"

#include "RunSeries.h"

namespace corelab::ui {

const std::vector<ColumnExtent>& LineCache::reduce(const Series& series, const TimeMapping& map,
                                                   bool* changed)
{
    const long n = static_cast<long>(std::min(series.t.size(), series.v.size()));
    const MappingKey key = MappingKey::of(map, 0);
    const bool grown = valid_ && key == key_ && mark_.grewInto(series) && map.valid();
    // appended points leave the pass's start where it was unless the view began after
    // every earlier point
    if (grown && reductionFirst(series.t, n, map) == pass_.first) {
        const long end = reductionEnd(series.t, n, map);
        const std::size_t before = pass_.out.size();
        const ColumnExtent last = before ? pass_.out.back() : ColumnExtent{};
        if (end > pass_.next) continueReduction(series.t, series.v, map, end, pass_);
        if (changed)
            *changed =
                pass_.out.size() != before ||
                (before && (pass_.out.back().min != last.min || pass_.out.back().max != last.max ||
                            pass_.out.back().count != last.count));
    } else {
        pass_ = ColumnPass{};
        if (n > 0 && map.valid()) {
            pass_.first = pass_.next = reductionFirst(series.t, n, map);
            continueReduction(series.t, series.v, map, reductionEnd(series.t, n, map), pass_);
        }
        if (changed) *changed = true;
    }
    key_ = key;
    mark_ = SeriesMark::of(series);
    valid_ = true;
    return pass_.out;
}

} // namespace corelab::ui
