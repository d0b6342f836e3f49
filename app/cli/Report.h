#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "record/RunRecord.h"

namespace corelab::cli {

// The summary as a readable table: each figure with its unit and source.
std::string formatSummary(const RunRecord& record);
// The summary keys of docs/run-file.md plus the spec, for --json.
nlohmann::json summaryJson(const RunRecord& record);

// 1536 → "1.5 KiB"; sizes keep three significant digits.
std::string formatBytes(std::uint64_t bytes);
// 123456789 → "1.23e+08"-free "123.5 M"; counts and rates keep four digits.
std::string formatCount(double value);
// `text` right-aligned in `width` terminal columns: printf pads by bytes, and "µ",
// "×" or "–" take two.
std::string padLeft(const std::string& text, std::size_t width);

} // namespace corelab::cli
