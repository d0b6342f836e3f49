#pragma once

#include <string>
#include <vector>

namespace corelab::cli {

// `corelab report --out lab.pdf [--quick] [--format pdf|png] [--presets DIR]`: measures the
// table as `corelab table` does and writes a lab handout (ui/Handout.h) on the offscreen
// platform. Built only with the UI. Returns 0 ok, 1 a failed run or write, 2 bad options.
int reportCommand(int argc, char** argv, const std::vector<std::string>& args,
                  const std::string& defaultPresets);

} // namespace corelab::cli
