#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "record/RunRecord.h"
#include "spec/Preset.h"

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

// B/A as every table writes it: "–" when the row was not measured, A is 0 or it is a
// yes/no figure (no ratio exists), else formatRatio.
std::string ratioText(const VerdictRow& row);

// A value cell of a verdict row: "not measured" when that run has no reading of the
// figure (NaN), else formatValue.
std::string verdictCell(const VerdictRow& row, double value);

// A short name for one side of a comparison, from what sets it apart from the other:
// its model ("threads"), its worker count ("1 worker"), a parameter (a choice's own
// words such as "threads (pthread_create)" or "fork", else "sync=mutex"), its start
// method, or `fallback` ("A"/"B") when nothing does.
std::string sideLabel(const ExperimentSpec& side, const ExperimentSpec& other,
                      const char* fallback);
// sideLabel of two runs' specs.
std::string runLabel(const RunRecord& run, const RunRecord& other, const char* fallback);
// A comparison's file name stem from what differs: "spawn-threads-pthread-create-vs-fork",
// "cpu-threads-vs-processes", "cpu-2-workers-vs-16-workers".
std::string comparisonStem(const ExperimentSpec& a, const ExperimentSpec& b);

// Every aspect both runs have figures for.
std::vector<VerdictRow> compareRuns(const RunRecord& a, const RunRecord& b);

// The preset a comparison answers, kept with it so its question, what to watch and
// what to expect stay with the runs (the comparison file's optional "preset").
struct PresetNote {
    std::string id; // the preset file's name without .json: "01-startup-cost"
    std::string title;
    std::string question;
    std::string watch;
    std::string expect;
    std::string aspect; // the row of the article's table it measures ("" if none)
    std::string figure; // the verdict row that answers it ("" for the workload's own)
    bool operator==(const PresetNote&) const = default;
};
PresetNote presetNote(const Preset& p);

struct Comparison {
    RunRecord a;
    RunRecord b;
    std::vector<VerdictRow> verdict;
    std::optional<PresetNote> preset = std::nullopt;
    bool operator==(const Comparison&) const = default;
};

inline constexpr int kCompareFileSchema = 1;
// A preset's text in a comparison file: the longest preset's is under 1 KiB.
inline constexpr std::size_t kMaxPresetText = 16 * 1024;
void to_json(nlohmann::json& j, const Comparison& c);
void from_json(const nlohmann::json& j, Comparison& c);
void saveCompareFile(const Comparison& c, const std::string& path);
// Every run inside is checked as loadRunFile checks it, and the preset's texts as any
// untrusted text (strings, each at most kMaxPresetText bytes). Throws std::runtime_error
// "<path>: <what is wrong>".
Comparison loadCompareFile(const std::string& path);
// The same from the file's bytes (a pure function: the fuzz targets call it). Throws
// std::invalid_argument.
Comparison parseCompareFile(std::string_view bytes);

} // namespace corelab
