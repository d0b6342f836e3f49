#pragma once

#include <string>
#include <vector>

namespace corelab::cli {

// `corelab repeat …`: one spec run N times, one run after another, and how much each
// figure varied. Returns the exit code (0 ok, 1 a run failed, 2 bad input).
int repeatCommand(const std::vector<std::string>& args);

} // namespace corelab::cli
