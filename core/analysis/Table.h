#pragma once

#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "analysis/ArticleClaims.h"
#include "analysis/Spread.h"
#include "catalogue/Better.h"
#include "record/RunRecord.h"
#include "spec/Preset.h"

namespace corelab {

// A figure a run did not measure.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// How long and how often the table measures each side of a row. Runs alternate
// A, B, A, B … so drift on a shared machine reaches both sides alike.
struct TableOptions {
    int repeats = 3;   // runs per side (per worker count for a speed-up)
    double runS = 0.6; // each run, but never below a preset's table_min_s
};
// The defaults fit the table in 90 s on two cores, --quick in 30 s.
TableOptions tableOptions(bool quick);

// A run that answers with a memory figure lasts at least this long: two periods of
// the 2 Hz smaps_rollup reading, so one falls while all its workers run.
inline constexpr double kMemoryReadingS = 1.0;

// One of a preset's specs shortened to a table run (but never below the preset's
// table_min_s, nor below kMemoryReadingS for a memory figure); a planned crash moves
// into the run.
ExperimentSpec tableSpec(const Preset& preset, const ExperimentSpec& spec, double durationS);

// One side of a row: the answering figure of each of its runs.
struct TableSide {
    std::string label;          // "threads", "fork", "16 workers" (sideLabel)
    std::vector<double> values; // per run (per repeat for a speed-up); NaN: not measured
    Spread spread;              // of the measured values
    double answer = std::numeric_limits<double>::quiet_NaN(); // median, distinct count or speed-up
    double lo = answer, hi = answer;                          // the range a winner must clear
    int runs = 0;                                             // whole runs behind it
    int unmeasured = 0;                                       // values the runs did not give
    double otherLoad = std::numeric_limits<double>::quiet_NaN(); // most cores others kept busy
    int crowdedRuns = 0; // runs in which that load took cores the workers needed
    std::vector<std::pair<int, double>> sweep; // speed-up: median throughput per worker count
    std::vector<double> expected; // distinct: per run, the count no lost update would reach
};

enum class Agreement { Agrees, Differs, Tie, NoClaim, NotMeasured };
const char* toString(Agreement a); // "agrees", "differs", "tie", "no claim", "not measured"

// One row of the article's table measured here: the article's claim beside the
// measured answer, and CoreLab's reading of it.
struct TableRow {
    Preset preset;
    std::optional<ArticleClaim> claim;
    // in FigureWords' words: "median time to create", "speed-up of throughput from 1 to 4 workers"
    std::string figure;
    std::string unit; // of a side's values
    Better better = Better::Neither;
    TableSide a, b;
    std::string winner; // a.label or b.label; "" for a tie or a figure without a better side
    Agreement agreement = Agreement::NotMeasured;
    std::string reason;   // why it differs or ties, and any other load, from the figures
    std::string headline; // the answer first: "fork 4.85 ms vs threads 13 µs: 371×"
    // One whole run of each side with its samples, for its timelines and pictures: the
    // run nearest the side's median (representativeRun), from repeat aRepeat / bRepeat
    // (1 …; 0 when there is none).
    std::optional<RunRecord> aRun, bRun;
    int aRepeat = 0, bRepeat = 0;
};

// The row from the whole runs of each side (for a speed-up, runs at every count).
TableRow tableRow(const Preset& preset, const std::vector<RunRecord>& a,
                  const std::vector<RunRecord>& b);

// The index of the run that stands for a side: the one whose answering figure is
// nearest the median of the runs' (the later of two as near); for a speed-up, among the
// runs at the most workers. The last run when none has the figure; 0 for no runs.
std::size_t representativeRun(const Preset& preset, const std::vector<RunRecord>& runs);

// A side's answer with its unit and spread: "13.0 µs (12.1 – 15.2 µs, 3 runs)",
// "3 distinct totals in 3 runs", "1.9× (1.8× – 2.0×) from 1 to 4 workers".
std::string sideText(const TableRow& row, const TableSide& side);
// The claim in one line, quotes marked: threads "Very low"; processes "Higher (…)";
// wins: "Threads for fast startup tasks".
std::string claimText(const ArticleClaim& claim);
// "agrees", "differs", "tie (within run-to-run spread)", "no claim", "not measured".
std::string agreementText(const TableRow& row);

// CoreLab's reading of a row, in its own words and from its figures only: where it
// differs or ties, why (ranges that overlap, runs without a reading, a side that gave
// one outcome …), and for every row the other programs' load when it took cores.
std::string tableReason(const TableRow& row);
// The answer first: "threads (pthread_create) 13.0 µs vs fork 4.85 ms: 371×".
std::string tableHeadline(const TableRow& row);

nlohmann::json tableJson(const std::vector<TableRow>& rows);

} // namespace corelab
