#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/ExperimentSpec.h"

namespace corelab::cli {

// Everything `corelab run` was asked for: the spec plus what to do with the result.
struct RunOptions {
    ExperimentSpec spec;
    std::string outPath; // --out: run file
    std::string csvPath; // --csv: samples
    bool json = false;   // --json: summary as JSON on stdout
    bool help = false;
    std::string logLevel = "warn";
    std::vector<std::pair<std::string, std::string>> rawParams; // workload parameters as typed
};

// Parses the arguments after "run". On bad input returns an error line that names
// the flag and what it accepts. The spec is validated (defaults filled in).
std::optional<std::string> parseRunOptions(const std::vector<std::string>& args, RunOptions& out);

// Removes "--NAME VALUE" / "--NAME=VALUE" for each name in `names` from args and
// returns the values found (last wins). Missing value → error text in `error`.
std::vector<std::pair<std::string, std::string>> takeFlags(std::vector<std::string>& args,
                                                           const std::vector<std::string>& names,
                                                           std::string& error);

// --help text: every flag with its unit, default and range, and each workload's parameters.
std::string runHelp();

} // namespace corelab::cli
