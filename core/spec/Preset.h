#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/ExperimentSpec.h"

namespace corelab {

// How the measured table answers a preset's question from its runs.
enum class TableAnswer {
    Median,   // the figure's median over repeated runs of A and of B, with min–max
    Distinct, // the number of distinct values of the figure over the repeats (fewer wins)
    SpeedUp,  // throughput at the most workers over throughput at the fewest, per side
};

// The preset's row of the measured table ("table" in the file).
struct TableForm {
    bool inTable = true; // false: an experiment of its own, not a row of the table
    TableAnswer answer = TableAnswer::Median;
    std::vector<int> workers; // SpeedUp: the counts each side runs at, fewest first
};

// A ready-made comparison for teaching: one experiment run as A and as B, with the
// question it answers and what to watch. Files: resources/presets/*.json. An
// experiment file a teacher saves from the window is the same format; a single
// experiment has neither "a" nor "b", and then a == b.
struct Preset {
    std::string id; // the file's name without .json ("01-startup-cost"), set by loadPreset
    std::string title;
    std::string aspect;   // the row of the article's table it measures
    std::string figure;   // the verdict row that answers it (an aspect of compareRuns)
    std::string question; // what the comparison answers
    std::string watch;    // which chart to look at
    std::string expect;   // the shape a class should see
    ExperimentSpec a;
    ExperimentSpec b;
    bool single = false;  // one experiment, not a comparison
    double tableMinS = 0; // the measured table runs it at least this long (its effect needs it)
    TableForm table;
};

// Reads a preset: "spec" is the shared experiment, "a" and "b" are JSON merge
// patches over it (usually just the model). Choice parameters may be given by name.
// Both specs are validated. Only "spec" is required; texts default to empty and the
// title to the file name. Throws std::runtime_error "<path>: <what is wrong>".
Preset loadPreset(const std::string& path);
// The same from the file's bytes (a pure function: the fuzz targets call it); the title
// defaults to defaultTitle. Throws std::invalid_argument naming the field.
Preset parsePreset(std::string_view bytes, const std::string& defaultTitle);

// Writes `p` so loadPreset() reads it back: "spec" is A, "b" holds only what B changes,
// choice parameters are written by name. Atomic. Throws std::runtime_error.
void savePreset(const Preset& p, const std::string& path);

// The *.json files of a folder, sorted by name.
std::vector<std::string> presetFiles(const std::string& folder);

} // namespace corelab
