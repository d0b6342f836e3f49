#include "record/SummaryFigures.h"

#include <algorithm>
#include <limits>

#include "record/Summarize.h"

namespace corelab {

namespace {

constexpr unsigned kEverywhere = kInReport | kInSpread | kInVerdict;
constexpr const char* kSmaps =
    "smaps_rollup of the worker tree, 2 Hz, highest while all workers ran";
constexpr const char* kGetrusage = "getrusage per worker thread";

// NaN, which every view shows as "not measured", when no reading fell in the window.
double measured(const std::optional<std::uint64_t>& bytes)
{
    return bytes ? static_cast<double>(*bytes) : std::numeric_limits<double>::quiet_NaN();
}

double contextSwitchesPerS(const Summary& s)
{
    const double switches = static_cast<double>(s.ctxVoluntary + s.ctxInvoluntary);
    return s.wallS > 0 ? switches / s.wallS : 0;
}

double opsPerCpuS(const Summary& s)
{
    if (s.busyCoresMean <= 0) return std::numeric_limits<double>::quiet_NaN();
    return s.opsPerS / s.busyCoresMean;
}

double pssPerWorker(const Summary& s)
{
    if (s.workers <= 0) return std::numeric_limits<double>::quiet_NaN();
    return measured(s.peakPssBytes) / s.workers;
}

// Work done depends on how long a run lasted, busy cores and switches on what the
// workload asks for: throughput, memory and waiting are the figures to judge a model by.
const SummaryFigure kFigures[] = {
    {"ops_total", "work done", "ops", "Σ control block counters", Better::Neither, kInReport, "",
     [](const Summary& s) { return static_cast<double>(s.opsTotal); }},
    {"ops_per_s", "throughput", "ops/s", "ops / wall time, control block counters", Better::Higher,
     kEverywhere, "did", [](const Summary& s) { return s.opsPerS; }},
    {"wall_s", "wall time", "s", "first worker start to last end, CLOCK_MONOTONIC", Better::Neither,
     kInReport | kInSpread, "", [](const Summary& s) { return s.wallS; }},
    {"cpu_time_s", "worker CPU time", "s", "Σ worker CPU time, schedstat (ns)", Better::Neither,
     kInSpread, "", [](const Summary& s) { return s.cpuTimeS; }},
    // throughput alone rewards a run that took CPU from other programs: sixteen workers
    // get a larger share of a busy machine than two, and may do more work, less well
    {"ops_per_cpu_s", "work per CPU second", "ops/CPU-s",
     "throughput / CPU use: ops per second of worker CPU time (thread CPU clock)", Better::Higher,
     kInReport | kInVerdict, "did", opsPerCpuS},
    {"busy_cores_mean", "CPU use", "busy cores",
     "worker CPU time between each worker's start and end / wall (thread CPU clock, ns)",
     Better::Neither, kEverywhere, "used", [](const Summary& s) { return s.busyCoresMean; }},
    {"machine_busy_cores_mean", "busy cores (machine)", "cores (/proc/stat)",
     "/proc/stat, 10 ms ticks, all processes", Better::Neither, kInReport | kInSpread, "",
     [](const Summary& s) { return s.machineBusyCoresMean; }},
    {"other_busy_cores", "other load", "cores (/proc/stat)",
     "machine − workers − CoreLab's own process: other programs, the leader, the kernel",
     Better::Neither, kInReport, "", otherBusyCores},
    {"observer_busy_cores", "CoreLab's own load", "cores",
     "CPU time of the process running the engine (engine, sampler, window; /proc/self/stat, "
     "10 ms ticks) / time from the first sample to the last",
     Better::Neither, kInReport, "",
     [](const Summary& s) {
         return s.observerBusyCores.value_or(std::numeric_limits<double>::quiet_NaN());
     }},
    {"peak_rss_bytes", "peak RSS", "B", kSmaps, Better::Lower, kEverywhere, "used",
     [](const Summary& s) { return measured(s.peakRssBytes); }},
    {"peak_pss_bytes", "peak PSS", "B", kSmaps, Better::Lower, kEverywhere, "used",
     [](const Summary& s) { return measured(s.peakPssBytes); }},
    {"peak_uss_bytes", "peak USS", "B", kSmaps, Better::Lower, kEverywhere, "used",
     [](const Summary& s) { return measured(s.peakUssBytes); }},
    // what one more waiting worker costs: a thread adds a stack, a process a whole
    // address space's private pages (page tables are not in PSS)
    {"pss_per_worker", "PSS per worker", "B",
     "peak PSS (smaps_rollup of the worker tree, 2 Hz) / workers", Better::Lower,
     kInReport | kInVerdict, "used", pssPerWorker},
    {"ctx_voluntary", "voluntary context switches", "switches", kGetrusage, Better::Neither,
     kInReport | kInSpread, "",
     [](const Summary& s) { return static_cast<double>(s.ctxVoluntary); }},
    {"ctx_involuntary", "involuntary context switches", "switches", kGetrusage, Better::Neither,
     kInReport | kInSpread, "",
     [](const Summary& s) { return static_cast<double>(s.ctxInvoluntary); }},
    {"ctx_switches_per_s", "context switches", "per s",
     "(voluntary + involuntary) / wall time, getrusage per worker thread", Better::Neither,
     kInVerdict, "made", contextSwitchesPerS},
    {"runqueue_wait_s", "run-queue wait", "s", "Σ worker run-queue wait, schedstat (ns)",
     Better::Lower, kEverywhere, "waited", [](const Summary& s) { return s.runqueueWaitS; }},
    {"surviving_workers", "surviving workers", "workers", "worker exit status", Better::Higher,
     kInVerdict, "kept",
     [](const Summary& s) { return static_cast<double>(s.workers - s.workersCrashed); },
     [](const Summary& s) { return s.workersCrashed > 0; }},
    {"workers_killed", "stalled workers stopped by CoreLab", "workers",
     "ignored the stop request for the grace period", Better::Lower, kInVerdict, "had",
     [](const Summary& s) { return static_cast<double>(s.workersKilled); },
     [](const Summary& s) { return s.workersKilled > 0; }},
};

} // namespace

std::span<const SummaryFigure> summaryFigures()
{
    return kFigures;
}

const SummaryFigure* findSummaryFigure(std::string_view key)
{
    const auto it = std::find_if(std::begin(kFigures), std::end(kFigures),
                                 [&](const SummaryFigure& f) { return key == f.key; });
    return it == std::end(kFigures) ? nullptr : &*it;
}

} // namespace corelab
