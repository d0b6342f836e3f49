#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/Engine.h"
#include "study/Study.h"

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

// Runs a study's plan one run after another, each with its progress line, and hands
// every whole run to the study. Stops at the first run that fails, errs or is
// interrupted (Ctrl+C), naming it as "corelab COMMAND: …". Returns 0 when every run
// was whole, else 1; what was added so far stays in the study.
int runStudy(Study& study, const std::string& command);

} // namespace corelab::cli
