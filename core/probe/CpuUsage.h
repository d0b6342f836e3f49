#pragma once

#include <map>
#include <vector>

#include "probe/Parsers.h"
#include "record/Sample.h"

namespace corelab::probe {

// Turns successive /proc/stat readings into per-core busy shares. Counters that go
// backwards are clamped; a core with Δtotal = 0 gives no sample (not 0 %, not NaN);
// a core that appears or disappears is keyed by its id and handled quietly.
class CpuUsage {
public:
    std::vector<CoreSample> update(const std::vector<CpuTicks>& now);

private:
    std::map<int, CpuTicks> previous_;
};

} // namespace corelab::probe
