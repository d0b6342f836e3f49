#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corelab {

// Busy share of one logical CPU over the interval since the previous sample, from
// /proc/stat (10 ms ticks: a share is only as fine as ticks / interval).
struct CoreSample {
    int cpu = 0;       // kernel CPU id (numbering may have gaps)
    double user = 0;   // fractions of the interval, 0 … 1 (user includes nice)
    double system = 0; // system + irq + softirq
    double iowait = 0;
    double busy = 0; // everything but idle and iowait
    bool operator==(const CoreSample&) const = default;
};

// One worker thread at the sample instant.
struct WorkerSample {
    int index = 0;
    int pid = 0;
    int tid = 0;
    // /proc/…/stat state letter: R S D Z X …; '-' exited, '!' crashed, '#' killed by
    // CoreLab after it ignored the stop request
    char state = '?';
    int lastCpu = -1;                 // CPU it last ran on (stat field 39)
    std::uint64_t ops = 0;            // cumulative, from the control block
    std::uint64_t runNs = 0;          // cumulative, schedstat
    std::uint64_t waitNs = 0;         // cumulative run-queue wait, schedstat
    std::uint64_t timeslices = 0;     // cumulative, schedstat
    std::uint64_t ctxVoluntary = 0;   // cumulative, status (refreshed at ≤ 5 Hz)
    std::uint64_t ctxInvoluntary = 0; // cumulative, status (refreshed at ≤ 5 Hz)
    std::uint64_t minorFaults = 0;    // cumulative, stat
    std::uint64_t majorFaults = 0;    // cumulative, stat
    // Cumulative time holding / waiting for the emulated interpreter lock, from the
    // worker's slot (the stretch in progress counted up to the sample). Absent when
    // not measured: runs without the lock, and files written before these existed.
    std::optional<std::uint64_t> lockHeldNs = std::nullopt;
    std::optional<std::uint64_t> lockWaitNs = std::nullopt;
    bool operator==(const WorkerSample&) const = default;
};

// Memory of the worker tree (leader + worker processes), from smaps_rollup.
struct MemorySample {
    std::uint64_t rssBytes = 0;
    std::uint64_t pssBytes = 0;
    std::uint64_t ussBytes = 0;    // Private_Clean + Private_Dirty
    std::uint64_t sharedBytes = 0; // Shared_Clean + Shared_Dirty
    int processes = 0;             // how many processes were summed
    bool operator==(const MemorySample&) const = default;
};

// /proc/pressure "some" stall share over the interval since the previous reading.
struct PressureSample {
    double cpuSome = 0; // fraction 0 … 1 of the interval
    double memorySome = 0;
    double ioSome = 0;
    bool operator==(const PressureSample&) const = default;
};

struct Sample {
    double t = 0;                  // seconds since the run's t = 0 (leader spawned)
    std::vector<CoreSample> cores; // empty on the first tick (no interval yet)
    std::vector<WorkerSample> workers;
    std::optional<MemorySample> memory;     // only on ticks where it was read
    std::optional<PressureSample> pressure; // only when /proc/pressure exists and was read
    bool operator==(const Sample&) const = default;
};

enum class EventKind {
    LeaderSpawned,
    WorkerStarted,
    AllRunning,
    WorkerExited,
    WorkerCrashed,
    WorkerRestarted,
    // worker -1: no progress for 2 s, or (detail "stopped by CoreLab …") the workers
    // ignored the stop request for the grace period and were killed; worker i: that
    // worker was one of them
    Stalled,
    StopRequested,
    RunFinished,
    Error,
};
const char* toString(EventKind k);
std::optional<EventKind> eventKindFromString(const std::string& s);

struct Event {
    double t = 0;
    EventKind kind = EventKind::RunFinished;
    int worker = -1; // worker index, -1 for the run as a whole
    std::string detail;
    bool operator==(const Event&) const = default;
};

} // namespace corelab
