#pragma once

#include <string>
#include <vector>

namespace corelab::cli {

// `corelab sweep …`: the same experiment at several worker counts, speedup,
// efficiency and an Amdahl fit. Returns the exit code (0 ok, 1 failed, 2 bad input).
int sweepCommand(const std::vector<std::string>& args);

} // namespace corelab::cli
