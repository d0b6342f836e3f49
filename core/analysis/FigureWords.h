#pragma once

#include <string>
#include <vector>

#include "analysis/Compare.h"
#include "record/RunRecord.h"

namespace corelab {

// A figure's key in words for people: a summary figure's own words
// (record/SummaryFigures.h), a workload figure's key read out ("lost_updates" →
// "lost updates", "latency_p50_ms" → "median latency", "cpu_us_per_switch" → "CPU µs
// per switch", "create_p50_us" → "median time to create"; a unit that ends a key is
// dropped, as the value carries it, unless it is a rate's "per second").
std::string figureWords(const std::string& key);

// The figure that answers what a run of this workload is about: the preset's figure
// when there is one (a key or a summary figure's words), else the workload's first
// figure with a direction, else throughput. Returned as a key of the figure catalogue.
std::string answeringFigure(const std::string& workload, const std::string& presetFigure = {});

// One line of a run's figures: words, the value with its unit, and where it comes from.
struct FigureLine {
    std::string key;
    std::string words;
    std::string value; // formatValue; "not measured" when the run has no reading
    std::string help;
    bool measured = true;
};

// The run's figures for a figures panel: the answering figure first, then the
// workload's own figures, then the summary figures `corelab run` reports.
std::vector<FigureLine> runFigureLines(const RunRecord& run, const std::string& answer);

// The verdict row that answers a comparison (answeringFigure of A's workload), or
// nullptr when neither run measured it.
const VerdictRow* answeringRow(const Comparison& c, const std::string& presetFigure = {});

} // namespace corelab
