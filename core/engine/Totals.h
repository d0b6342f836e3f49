#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ipc/ControlBlock.h"
#include "record/Sample.h"
#include "record/Summarize.h"
#include "spec/ExperimentSpec.h"

namespace corelab {

// Reads the end-of-run figures out of the control block. leaderEndNs stands in for
// the end time of workers killed mid-run (they never wrote their own).
WorkTotals collectTotals(const ControlBlock& block, const ExperimentSpec& spec,
                         std::int64_t leaderEndNs, bool stoppedEarly);

// The workload's own figures (its summarize hook) and, with the interpreter lock,
// how long workers waited for it and how often it changed hands.
std::map<std::string, double> workloadFigures(const ControlBlock& block, const ExperimentSpec& spec,
                                              const std::vector<Sample>& samples, double wallS);

} // namespace corelab
