#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "record/RunRecord.h"

namespace corelab::cli {

// The summary as a readable table: each figure of record/SummaryFigures.h shown in
// the report, then the workload's, with its unit (formatValue) and source.
std::string formatSummary(const RunRecord& record);
// The summary keys of docs/run-file.md plus the spec, for --json.
nlohmann::json summaryJson(const RunRecord& record);

// `text` right-aligned in `width` terminal columns: printf pads by bytes, and "µ",
// "×" or "–" take two.
std::string padLeft(const std::string& text, std::size_t width);

} // namespace corelab::cli
