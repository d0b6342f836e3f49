#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/Engine.h"

namespace corelab::cli {

struct RunOutcome {
    RunRecord record;
    std::vector<std::string> errors; // what went wrong during the run
};

// Ctrl+C and SIGTERM stop the current run (it still reports what it measured).
void installInterruptHandler();
bool interrupted();

// Runs one spec to its end, with a progress line on a terminal (prefixed by
// label). Empty with startError set when the engine refused the spec.
std::optional<RunOutcome> runHeadless(const ExperimentSpec& spec, const std::string& label,
                                      std::string& startError);

} // namespace corelab::cli
