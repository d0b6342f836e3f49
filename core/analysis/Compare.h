#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "record/RunRecord.h"

namespace corelab {

// One aspect of two runs set side by side, with a sentence written from the numbers.
struct VerdictRow {
    std::string aspect; // e.g. "throughput"
    std::string unit;   // e.g. "ops/s"
    double a = 0;
    double b = 0;
    double ratio = 0;   // b / a (0 when a is 0)
    std::string winner; // label of the better run, "" for a tie or no direction
    std::string sentence;
    std::string source; // where the figure comes from
    bool operator==(const VerdictRow&) const = default;
};

// Differences within this factor are called a tie: one run on a shared machine
// varies by about this much.
inline constexpr double kTieRatio = 1.10;

// B/A as every table writes it: "–" when the row was not measured or A is 0 (no
// ratio exists), else formatRatio.
std::string ratioText(const VerdictRow& row);

// A value cell of a verdict row: "not measured" when that run has no reading of the
// figure (NaN), else formatValue.
std::string verdictCell(const VerdictRow& row, double value);

// A short name for a run: its model, or "A"/"B" when both share one.
std::string runLabel(const RunRecord& run, const RunRecord& other, const char* fallback);

// Every aspect both runs have figures for.
std::vector<VerdictRow> compareRuns(const RunRecord& a, const RunRecord& b);

struct Comparison {
    RunRecord a;
    RunRecord b;
    std::vector<VerdictRow> verdict;
    bool operator==(const Comparison&) const = default;
};

inline constexpr int kCompareFileSchema = 1;
void to_json(nlohmann::json& j, const Comparison& c);
void from_json(const nlohmann::json& j, Comparison& c);
void saveCompareFile(const Comparison& c, const std::string& path);
// Every run inside is checked as loadRunFile checks it. Throws std::runtime_error
// "<path>: <what is wrong>".
Comparison loadCompareFile(const std::string& path);
// The same from the file's bytes (a pure function: the fuzz targets call it). Throws
// std::invalid_argument.
Comparison parseCompareFile(std::string_view bytes);

} // namespace corelab
