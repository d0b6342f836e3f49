#pragma once

#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "analysis/Compare.h"
#include "spec/Preset.h"

namespace corelab {

// One row of the article's table measured here: a preset run as A and B, and the
// verdict row that answers its question.
struct TableRow {
    Preset preset;
    VerdictRow verdict;
};

// Run durations of the table: --quick fits the whole table in well under 30 s.
inline constexpr double kTableRunS = 2.0;
inline constexpr double kQuickTableRunS = 0.5;

// One of a preset's specs shortened to a table run (but never below the preset's
// table_min_s); a planned crash moves into the run.
ExperimentSpec tableSpec(const Preset& preset, const ExperimentSpec& spec, double durationS);

// The row from the two finished runs; a figure neither run measured says so.
TableRow tableRow(const Preset& preset, const RunRecord& a, const RunRecord& b);

nlohmann::json tableJson(const std::vector<TableRow>& rows);

} // namespace corelab
