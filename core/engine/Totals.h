#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ipc/ControlBlock.h"
#include "record/Sample.h"
#include "record/SampleDigest.h"
#include "record/Summarize.h"
#include "spec/ExperimentSpec.h"

namespace corelab {

// Reads the end-of-run figures out of the control block. leaderEndNs stands in for
// the end time of workers killed mid-run (they never wrote their own); stopNs is when
// the engine asked the workers to stop (0: never), t0Ns the samples' time origin.
WorkTotals collectTotals(const ControlBlock& block, const ExperimentSpec& spec,
                         std::int64_t leaderEndNs, bool stoppedEarly, std::int64_t t0Ns,
                         std::int64_t stopNs);

// The workload's own figures (its summarize hook) and, with the interpreter lock,
// how long workers waited for it and how often it changed hands.
std::map<std::string, double> workloadFigures(const ControlBlock& block, const ExperimentSpec& spec,
                                              const SampleDigest& samples, double wallS);

} // namespace corelab
