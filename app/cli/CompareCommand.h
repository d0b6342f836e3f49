#pragma once

#include <string>
#include <vector>

namespace corelab::cli {

// `corelab compare …`: one experiment under two models, run one after the other,
// and the verdict table. Returns the exit code (0 ok, 1 failed, 2 bad input).
int compareCommand(const std::vector<std::string>& args);

// `corelab sweep …`: the same experiment at several worker counts, speedup,
// efficiency and an Amdahl fit.
int sweepCommand(const std::vector<std::string>& args);

// Removes "--NAME VALUE" / "--NAME=VALUE" for each name in `names` from args and
// returns the values found (last wins). Missing value → error text in `error`.
std::vector<std::pair<std::string, std::string>> takeFlags(std::vector<std::string>& args,
                                                           const std::vector<std::string>& names,
                                                           std::string& error);

} // namespace corelab::cli
