#pragma once

#include <span>
#include <string_view>

#include "catalogue/Better.h"
#include "record/RunRecord.h"

namespace corelab {

// The views a summary figure appears in, combined with |. Each view lists its
// figures in catalogue order.
enum ShownIn : unsigned {
    kInReport = 1u << 0,  // `corelab run`'s summary table
    kInSpread = 1u << 1,  // repeat and the spread view: figures stored in the run file
    kInVerdict = 1u << 2, // a comparison's verdict rows
};

// One figure of a run's Summary, described once for every view: adding a figure is
// one entry in SummaryFigures.cpp. Workload figures (Summary::figures) are described
// by their workload's FigureInfo instead (catalogue/Catalogue.h).
struct SummaryFigure {
    const char* key;    // the run file's summary key; a figure derived from several
                        // (not stored) has a name of its own
    const char* words;  // what every view calls it; a verdict row's aspect, which presets
                        // name in their "figure"
    const char* unit;   // as formatValue (analysis/Format.h) reads it
    const char* source; // where it is measured (docs/measurement.md, docs/run-file.md)
    Better better;
    unsigned shownIn; // ShownIn flags
    const char* verb; // the verdict's sentence: "B used less peak RSS"; "" outside it
    double (*value)(const Summary&); // NaN: not measured in this run (say so, judge nothing)
    // Whether a run has the figure at all; nullptr: every run has it.
    bool (*applies)(const Summary&) = nullptr;
};

// Every summary figure, in the order the views list them.
std::span<const SummaryFigure> summaryFigures();
// The figure with this key, or nullptr.
const SummaryFigure* findSummaryFigure(std::string_view key);

} // namespace corelab
