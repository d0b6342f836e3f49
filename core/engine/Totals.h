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

// What the engine itself saw of a run (CLOCK_MONOTONIC ns, 0: never).
struct EngineTimes {
    std::int64_t leaderEndNs = 0; // stands in for the end of workers killed mid-run
    bool stoppedEarly = false;
    std::int64_t t0Ns = 0;         // the samples' time origin
    std::int64_t stopNs = 0;       // when the engine asked the workers to stop
    std::int64_t windowReadNs = 0; // when it began the window's first reading
};

// Reads the end-of-run figures out of the control block.
WorkTotals collectTotals(const ControlBlock& block, const ExperimentSpec& spec,
                         const EngineTimes& times);

// The workload's own figures (its summarize hook) and, with the interpreter lock,
// how long workers waited for it and how often it changed hands.
std::map<std::string, double> workloadFigures(const ControlBlock& block, const ExperimentSpec& spec,
                                              const SampleDigest& samples, double wallS);

} // namespace corelab
