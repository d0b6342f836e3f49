#pragma once

#include <vector>

namespace corelab::ui {

class RunSeries;

// Lower bounds for a timeline's axes, so two timelines side by side use the same
// scales: a run that did half the work draws half as high. Zero leaves an axis to its
// own data.
struct ScaleFloor {
    double spanS = 0;
    double opsPerS = 0;
    double memoryMiB = 0;
    double switchesPerS = 0;
    double waitMsPerS = 0;
};

// The largest value of every figure over all the models.
ScaleFloor sharedScale(const std::vector<const RunSeries*>& models);

} // namespace corelab::ui
