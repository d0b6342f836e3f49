#pragma once

#include <memory>
#include <string>
#include <vector>

#include "study/TableStudy.h"

namespace corelab::cli {

// `corelab table`: the article's comparison table, measured here from the presets.
int tableCommand(const std::vector<std::string>& args, const std::string& defaultPresets);

// The table's study of the presets in `folder` (its notes printed as "corelab COMMAND: …"),
// or nullptr with the complaint printed: no presets, or one that does not load.
std::unique_ptr<TableStudy> tableStudyOf(const std::string& folder, bool quick,
                                         const std::string& command);

} // namespace corelab::cli
