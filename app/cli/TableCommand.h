#pragma once

#include <string>
#include <vector>

namespace corelab::cli {

// `corelab table`: the article's comparison table, measured here from the presets.
int tableCommand(const std::vector<std::string>& args, const std::string& defaultPresets);

} // namespace corelab::cli
