#include "timeline/SharedScale.h"

#include <algorithm>

#include "RunSeries.h"

namespace corelab::ui {

ScaleFloor sharedScale(const std::vector<const RunSeries*>& models)
{
    ScaleFloor f;
    for (const RunSeries* m : models) {
        f.spanS = std::max(f.spanS, m->span());
        f.opsPerS = std::max(f.opsPerS, m->opsPerS().maxValue());
        f.memoryMiB = std::max(f.memoryMiB, m->rssMiB().maxValue());
        f.switchesPerS = std::max(
            {f.switchesPerS, m->ctxVoluntaryPerS().maxValue(), m->ctxInvoluntaryPerS().maxValue()});
        f.waitMsPerS = std::max(f.waitMsPerS, m->runqueueWaitMsPerS().maxValue());
    }
    return f;
}

} // namespace corelab::ui
