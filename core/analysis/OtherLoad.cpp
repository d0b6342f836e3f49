#include "analysis/OtherLoad.h"

#include <algorithm>
#include <cmath>

#include "analysis/Format.h"
#include "record/Summarize.h"

namespace corelab {

bool crowdedByOthers(const RunRecord& r)
{
    const double usable = std::max(1, r.machine.usableCpus);
    const double other = otherBusyCores(r.summary);
    // NaN compares false: not measured is not crowded
    return other >= 0.5 && other + std::min<double>(r.summary.workers, usable) > usable + 0.25;
}

std::string otherLoadWarning(const RunRecord& r)
{
    if (!crowdedByOthers(r)) return {};
    return "Other programs kept " + formatValue(otherBusyCores(r.summary), "cores (/proc/stat)") +
           " busy (of " + std::to_string(std::max(1, r.machine.usableCpus)) +
           " usable) during this run, taking cores its workers needed: its CPU use and "
           "throughput are lower than this machine gives.";
}

} // namespace corelab
