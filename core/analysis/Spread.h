#pragma once

#include <string>
#include <vector>

#include "record/RunRecord.h"

namespace corelab {

// How much one figure varied over repeated runs of the same spec.
struct Spread {
    int n = 0;
    double mean = 0;
    double stddev = 0; // sample standard deviation (divides by n − 1); 0 when n < 2
    double min = 0;
    double max = 0;
    double median = 0;
};

// Non-finite values are left out (and not counted in n).
Spread spreadOf(const std::vector<double>& values);

// Bin i covers [lo + i × binWidth, lo + (i + 1) × binWidth).
struct Histogram {
    double lo = 0;
    double binWidth = 1;
    std::vector<int> counts;
};

// About ⌈log2 n⌉ + 1 bins (Sturges), never more than maxBins, of a width rounded up
// to 1, 2 or 5 × 10^k with edges on multiples of it. Integer-valued data gets an
// integer width ≥ 1; all-equal values give one bin. Non-finite values are left out.
Histogram histogramOf(const std::vector<double>& values, int maxBins = 12);
// The same for whole numbers that can reach but never pass `limit` (the counter's
// workers × increments), with an edge at limit + 1 instead of on a multiple of the
// width: the last bin ends with `limit`, so no bar straddles it.
Histogram histogramUpTo(const std::vector<double>& values, double limit, int maxBins = 12);

// One figure over a series of runs: values in run order.
struct FigureSpread {
    std::string name;   // the run file's summary key ("ops_per_s", "actual_count")
    std::string unit;   // of the values ("ops/s", "B", "increments")
    std::string source; // where the value comes from, or for workload figures what it means
    std::vector<double> values;
    Spread spread;
};

// Every summary figure the runs all have: the engine's that the run file stores, as
// record/SummaryFigures.h lists them (throughput, wall time, CPU time, busy cores,
// peak memory, context switches, run-queue wait), then each workload figure of
// Summary::figures, described by the workload's FigureInfo.
std::vector<FigureSpread> spreadFigures(const std::vector<RunRecord>& runs);

} // namespace corelab
