#pragma once

#include <string>
#include <vector>

namespace corelab::cli {

// `corelab advise …`: the article's closing questions answered by measurement for a
// workload described by a few numbers. Returns the exit code (0 ok, 1 failed, 2 bad input).
int adviseCommand(const std::vector<std::string>& args);

} // namespace corelab::cli
