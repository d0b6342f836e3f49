#pragma once

#include <map>
#include <optional>
#include <vector>

#include "record/Sample.h"

namespace corelab {

// How cumulative counters become rates. An interval shorter than minIntervalS (the
// last few milliseconds of a run, a tick that came late and the next one early) is
// merged into the next one; an interval longer than maxGapS is a sampling hole and
// gives no rate at all, only a break in the line.
struct RateOptions {
    double minIntervalS = 0.05;
    double maxGapS = 0.25;
};
// Half a sampling period at least, two and a half periods at most.
RateOptions rateOptionsFor(int rateHz);

// Rates of the workers' ops and run-queue wait over the interval (t - dt, t].
struct RatePoint {
    double t = 0;
    double dt = 0;
    double opsPerS = 0;
    // Σ workers; each worker adds at most 1000 ms/s, since a thread cannot wait longer
    // than the interval. schedstat adds a wait when the thread gets the CPU, so a
    // long wait arrives at once: the part above the interval belongs to intervals
    // already past and is left out here (the summary's total keeps it).
    double waitMsPerS = 0;
    std::map<int, double> workerOpsPerS;
};

class RateDeriver {
public:
    explicit RateDeriver(RateOptions options)
        : options_(options)
    {
    }

    enum class Step {
        First,  // the first sample: a base, no interval yet
        Point,  // a rate over an interval of acceptable length
        Merged, // too short: the interval carries on to the next sample
        Gap,    // too long: no rate; the sample is the new base
    };
    Step add(const Sample& s);
    // The point of the last add() that returned Step::Point.
    const RatePoint& point() const { return point_; }
    const RateOptions& options() const { return options_; }

private:
    void rebase(const Sample& s);

    RateOptions options_;
    std::optional<double> baseT_;
    // each worker's counters at the start of the interval, by index (512 workers are
    // looked up every tick: a vector, not a search)
    struct Base {
        bool seen = false;
        std::uint64_t ops = 0;
        std::uint64_t waitNs = 0;
    };
    Base* baseOf(int index);
    std::vector<Base> base_;
    RatePoint point_;
};

} // namespace corelab
