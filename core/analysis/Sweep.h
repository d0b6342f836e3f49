#pragma once

#include <optional>
#include <vector>

namespace corelab {

struct SweepPoint {
    int workers = 0;
    double opsPerS = 0;
    double speedup = 0;    // opsPerS / opsPerS at the smallest worker count
    double efficiency = 0; // speedup / (workers / smallest worker count)
};

struct SweepAnalysis {
    std::vector<SweepPoint> points;
    // Amdahl's law fitted to the points with workers ≤ usable CPUs (past that the
    // cores, not the serial part, set the limit): speedup = 1 / (s + (1 - s) / n).
    // Only a sweep that starts at one worker is fitted (fittedPoints is 0 otherwise).
    double serialFraction = 0;
    int fittedPoints = 0;
    std::optional<int> stopsHelpingAt;  // first count that gained < 5 % over the one before
    std::optional<int> startsHurtingAt; // first count that lost > 5 % against the one before
};

// points: (workers, ops/s), any order; workers must be ≥ 1.
SweepAnalysis analyseSweep(std::vector<std::pair<int, double>> measured, int usableCpus);

// Least-squares serial fraction s ∈ [0, 1] for speedups measured at n workers
// (relative to one worker).
double fitAmdahl(const std::vector<std::pair<int, double>>& workersAndSpeedup);

} // namespace corelab
