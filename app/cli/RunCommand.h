#pragma once

#include <string>
#include <vector>

namespace corelab::cli {

// `corelab run …`: returns the process exit code (0 ok, 1 run failed, 2 bad input).
int runCommand(const std::vector<std::string>& args);

} // namespace corelab::cli
