#pragma once

#include <string>
#include <vector>

namespace corelab::cli {

// `corelab compare …`: one experiment under two models, run one after the other,
// and the verdict table. Returns the exit code (0 ok, 1 failed, 2 bad input).
int compareCommand(const std::vector<std::string>& args);

} // namespace corelab::cli
